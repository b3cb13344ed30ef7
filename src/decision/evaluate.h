#pragma once
// Evaluation of one intake against a loaded rule set, with the semantics of backtriage(1) and backtriage-rules(5): asked-if
// applicability, three-state answers, and escalation (for each output the highest value any
// matching rule proposes wins; with no match the lowest value stands).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

// The outcome of one intake and why. Reuse one Decision across many intakes: evaluate()
// clears it and keeps its buffers, so a warm Decision costs no allocation.
struct Decision {
  std::array<std::uint8_t, kOutputCount> outcome{};  // level on each output's scale
  std::vector<std::uint16_t> matched_rules;          // rule indices, in rule order
  std::vector<std::uint16_t> red_flags;              // applicable red-flag questions answered yes
  std::vector<std::uint16_t> unanswered;             // applicable optional questions left blank
  std::vector<std::uint16_t> not_asked;              // questions `ask` did not reach (stopped at an emergency)
  std::vector<std::uint8_t> applicable;              // per question: asked-if holds (or none)
  std::vector<AnswerValue> effective;                // answers, not-applicable ones as unknown
  int missing_required = -1;                         // first applicable required question left blank

  std::uint8_t level(Output output) const { return outcome[static_cast<int>(output)]; }
};

// Evaluates `answers` (one per question, by index; kUnknown for blank) into `decision`.
// A case with a missing required answer is still evaluated; callers must treat
// `decision.missing_required >= 0` as an error for that case. Never throws.
void evaluate(const RuleSet& rules, const std::vector<AnswerValue>& answers, Decision& decision);

// As evaluate(), for a questionnaire that stopped before question `stopped_at`: the questions
// from there on were never asked, so they count as not applicable (never unanswered, never a
// blank red flag) and are listed in `decision.not_asked` when they would otherwise apply.
void evaluate_stopped(const RuleSet& rules, const std::vector<AnswerValue>& answers, int stopped_at,
                      Decision& decision);

// The matched rules that proposed the winning value of `output`: the rules that decided it.
// Empty when no rule proposed anything (the lowest value stood).
std::vector<int> deciding_rules(const RuleSet& rules, const Decision& decision, Output output);

// Whether the urgency is the top of its scale (an emergency), on a scale of two or more values.
bool is_emergency(const RuleSet& rules, const Decision& decision);

// Whether the case is complete enough to be scored: every applicable required question answered.
inline bool is_scorable(const Decision& decision) { return decision.missing_required < 0; }

// "required question 'numbness' is not answered", for a Decision's missing_required.
std::string missing_required_message(const RuleSet& rules, int question);

// The blank required answers of an evaluated case, as score_case names them, leaving out the
// questions in `already_said` (answers that were given but invalid, whose problem is reported
// already); "" when none is left. For a case with other problems too, so that one message
// names everything to fix.
std::string blank_required_message(const RuleSet& rules, const Decision& decision,
                                   const std::vector<int>& already_said = {});

// Scores one case: the one path of score, eval, rules test, rules diff and the prover.
// Evaluates `answers` into `decision` and returns "" when the case can be scored, otherwise
// why not (a blank required answer is an error for the case, never a silent no; every blank
// required answer is named: "required questions 'a', 'b' and 'c' are not answered"). Allocates
// only on error when `decision` is warm.
std::string score_case(const RuleSet& rules, const std::vector<AnswerValue>& answers, Decision& decision);

}  // namespace backtriage
