#pragma once
// The JSON forms of a decision: the full result of `eval --format json`, and the compact
// object of one `score --format jsonl` row. Both carry the rule-set hash and tool version so
// that any past result can be reproduced.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "decision/evaluate.h"

namespace backtriage {

// Ids of the questions (or rules) at `indices`.
std::vector<std::string> question_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices);
std::vector<std::string> rule_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices);

// {"status":"ok", outputs, red_flags, unanswered, rules:[{id,title,source}], advice, warnings,
//  decided_by:{output:[rule ids]}, safety_net, ruleset:{name,version,hash,region}, version}.
// Never throws.
nlohmann::ordered_json decision_json(const RuleSet& rules, const Decision& decision);

// {"status":"error","error":message, ruleset, version} for a case that could not be scored.
nlohmann::ordered_json error_json(const RuleSet& rules, std::string_view message);

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
