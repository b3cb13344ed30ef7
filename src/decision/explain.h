#pragma once
// Why a decision came out as it did, in words: the ids of the questions and rules it names,
// the advice and warnings of the rules that decided it, and the closing advice (safety net)
// chosen by its outcome. Shared by every output (text and JSON reports, `ask`) and by the
// rule tools, so that what a reader is told is decided in one place.
#include <cstdint>
#include <string>
#include <vector>

#include "decision/evaluate.h"

namespace backtriage {

// Ids of the questions (or rules) at `indices`.
std::vector<std::string> question_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices);
std::vector<std::string> rule_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices);

// The advice texts of a decision, in the order they are shown: the advice of the matched
// rules that decided every output they propose (in rule order, without repeats), then the
// advice of each output's final value.
std::vector<std::string> decision_advice(const RuleSet& rules, const Decision& decision);

// The warnings of the matched rules, in rule order, without repeats, with
// {missing_red_flags} filled in with the labels of the blank red-flag questions. A warning
// about blank red flags when none is blank (questions `ask` never reached) is left out.
std::vector<std::string> decision_warnings(const RuleSet& rules, const Decision& decision);

// The texts of the safety-net entries whose condition holds for the decision, in order.
std::vector<std::string> safety_net_texts(const RuleSet& rules, const Decision& decision);

}  // namespace backtriage
