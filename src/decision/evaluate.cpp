#include "decision/evaluate.h"

#include <algorithm>
#include <cstdint>

namespace backtriage {

namespace {

void evaluate_until(const RuleSet& rules, const std::vector<AnswerValue>& answers, size_t stopped_at,
                    Decision& decision) {
  const size_t question_count = rules.questions.size();
  decision.effective.assign(answers.begin(), answers.end());
  decision.effective.resize(question_count, kUnknown);
  decision.applicable.assign(question_count, 1);
  decision.red_flags.clear();
  decision.unanswered.clear();
  decision.not_asked.clear();
  decision.matched_rules.clear();
  decision.missing_required = -1;
  // Plain pointers for the loops: the push_backs below would otherwise make the compiler
  // reload every vector's bounds on each iteration.
  AnswerValue* const effective = decision.effective.data();
  std::uint8_t* const applicable = decision.applicable.data();
  const Question* const questions = rules.questions.data();

  // Asked-if conditions name only earlier questions, so one pass in order settles them.
  EvalInput input{effective, nullptr, applicable};
  for (size_t i = 0; i < question_count; ++i) {
    const Question& q = questions[i];
    if (q.asked_if && !holds(*q.asked_if, input)) {
      applicable[i] = 0;
      effective[i] = kUnknown;
      continue;
    }
    if (i >= stopped_at) {
      decision.not_asked.push_back(static_cast<std::uint16_t>(i));
      applicable[i] = 0;
      effective[i] = kUnknown;
      continue;
    }
    AnswerValue value = effective[i];
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

  std::array<std::uint8_t, kOutputCount> outcome{};
  const size_t rule_count = rules.rules.size();
  const Rule* const all_rules = rules.rules.data();
  for (size_t r = 0; r < rule_count; ++r) {
    const Rule& rule = all_rules[r];
    if (!holds(rule.when, input)) continue;
    decision.matched_rules.push_back(static_cast<std::uint16_t>(r));
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] != kNoProposal)
        outcome[o] = std::max<std::uint8_t>(outcome[o], static_cast<std::uint8_t>(rule.proposes[o]));
  }
  decision.outcome = outcome;
}

}  // namespace

void evaluate(const RuleSet& rules, const std::vector<AnswerValue>& answers, Decision& decision) {
  evaluate_until(rules, answers, SIZE_MAX, decision);
}

void evaluate_stopped(const RuleSet& rules, const std::vector<AnswerValue>& answers, int stopped_at,
                      Decision& decision) {
  evaluate_until(rules, answers, static_cast<size_t>(std::max(stopped_at, 0)), decision);
}

std::string missing_required_message(const RuleSet& rules, int question) {
  return "required question '" + rules.questions[question].id + "' is not answered";
}

std::string blank_required_message(const RuleSet& rules, const Decision& decision, const std::vector<int>& already_said) {
  // Every blank required answer at once, so that a form is fixed in one go. One string and
  // no other allocation when nothing is said already: the prover's search meets this path
  // for many intakes.
  const auto blank = [&](size_t q) {
    return rules.questions[q].required && decision.applicable[q] && decision.effective[q] == kUnknown &&
           std::find(already_said.begin(), already_said.end(), static_cast<int>(q)) == already_said.end();
  };
  if (decision.missing_required < 0) return {};
  // Nothing before the first blank one evaluate() found can be blank.
  size_t count = 0, first = rules.questions.size();
  for (size_t q = static_cast<size_t>(decision.missing_required); q < rules.questions.size(); ++q)
    if (blank(q)) first = std::min(first, q), ++count;
  if (count == 0) return {};
  if (count == 1) return missing_required_message(rules, static_cast<int>(first));
  std::string message = "required questions ";
  size_t listed = 0;
  for (size_t q = first; q < rules.questions.size(); ++q) {
    if (!blank(q)) continue;
    if (listed) message += ++listed == count ? " and " : ", ";
    else ++listed;
    message.append("'").append(rules.questions[q].id).append("'");
  }
  return message + " are not answered";
}

std::string score_case(const RuleSet& rules, const std::vector<AnswerValue>& answers, Decision& decision) {
  evaluate(rules, answers, decision);
  if (is_scorable(decision)) return {};
  return blank_required_message(rules, decision);
}

bool is_emergency(const RuleSet& rules, const Decision& decision) {
  const Scale& urgency = rules.scale(Output::urgency);
  return urgency.values.size() > 1 && decision.level(Output::urgency) + 1u == urgency.values.size();
}

std::vector<int> deciding_rules(const RuleSet& rules, const Decision& decision, Output output) {
  std::vector<int> deciders;
  int o = static_cast<int>(output);
  for (int r : decision.matched_rules)
    if (rules.rules[r].proposes[o] == decision.outcome[o]) deciders.push_back(r);
  return deciders;
}

}  // namespace backtriage
