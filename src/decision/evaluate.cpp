#include "decision/evaluate.h"

#include <algorithm>

namespace backtriage {

void evaluate(const RuleSet& rules, const std::vector<AnswerValue>& answers, Decision& decision) {
  const size_t question_count = rules.questions.size();
  decision.effective.assign(answers.begin(), answers.end());
  decision.effective.resize(question_count, kUnknown);
  decision.applicable.assign(question_count, 1);
  decision.red_flags.clear();
  decision.unanswered.clear();
  decision.matched_rules.clear();
  decision.missing_required = -1;

  // Asked-if conditions name only earlier questions, so one pass in order settles them.
  EvalInput input{decision.effective.data(), nullptr, decision.applicable.data()};
  for (size_t i = 0; i < question_count; ++i) {
    const Question& q = rules.questions[i];
    if (q.asked_if && !holds(*q.asked_if, input)) {
      decision.applicable[i] = 0;
      decision.effective[i] = kUnknown;
      continue;
    }
    AnswerValue value = decision.effective[i];
    if (value == kUnknown) {
      if (q.required) {
        if (decision.missing_required < 0) decision.missing_required = static_cast<int>(i);
      } else {
        decision.unanswered.push_back(static_cast<std::uint16_t>(i));
      }
    } else if (value == 1 && q.red_flag != RedFlag::none) {
      decision.red_flags.push_back(static_cast<std::uint16_t>(i));
    }
  }

  decision.outcome.fill(0);
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = rules.rules[r];
    if (!holds(rule.when, input)) continue;
    decision.matched_rules.push_back(static_cast<std::uint16_t>(r));
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] != kNoProposal)
        decision.outcome[o] = std::max<std::uint8_t>(decision.outcome[o], static_cast<std::uint8_t>(rule.proposes[o]));
  }
}

std::vector<int> deciding_rules(const RuleSet& rules, const Decision& decision, Output output) {
  std::vector<int> deciders;
  int o = static_cast<int>(output);
  for (int r : decision.matched_rules)
    if (rules.rules[r].proposes[o] == decision.outcome[o]) deciders.push_back(r);
  return deciders;
}

}  // namespace backtriage
