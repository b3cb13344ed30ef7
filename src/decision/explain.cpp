#include "decision/explain.h"

#include <algorithm>

#include <fmt/format.h>

namespace backtriage {
namespace {

void add_unique(std::vector<std::string>& texts, const std::string& text) {
  if (!text.empty() && std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
}

}  // namespace

std::vector<std::string> question_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices) {
  std::vector<std::string> ids;
  for (int q : indices) ids.push_back(rules.questions[q].id);
  return ids;
}

std::vector<std::string> rule_ids(const RuleSet& rules, const std::vector<std::uint16_t>& indices) {
  std::vector<std::string> ids;
  for (int r : indices) ids.push_back(rules.rules[r].id);
  return ids;
}

std::vector<std::string> decision_advice(const RuleSet& rules, const Decision& decision) {
  std::vector<std::string> advice;
  // Only rules that decided every output they propose speak: advice to start physiotherapy,
  // or to see the GP soon, from a rule outranked by an emergency would contradict it.
  for (int r : decision.matched_rules) {
    const Rule& rule = rules.rules[r];
    bool outranked = false;
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] != kNoProposal && rule.proposes[o] != decision.outcome[o]) outranked = true;
    if (!outranked) add_unique(advice, rule.advice);
  }
  for (int o = 0; o < kOutputCount; ++o) add_unique(advice, rules.scales[o].advice[decision.outcome[o]]);
  return advice;
}

std::vector<std::string> decision_warnings(const RuleSet& rules, const Decision& decision) {
  std::vector<std::string> missing;
  for (int q : decision.unanswered)
    if (rules.questions[q].red_flag != RedFlag::none) missing.push_back(rules.questions[q].shown_label());
  std::string missing_text = fmt::format("{}", fmt::join(missing, "; "));  // labels may hold commas
  std::vector<std::string> warnings;
  for (int r : decision.matched_rules) {
    std::string text = rules.rules[r].warning;
    if (missing.empty() && text.find(kMissingRedFlags) != std::string::npos) continue;
    for (auto at = text.find(kMissingRedFlags); at != std::string::npos; at = text.find(kMissingRedFlags))
      text.replace(at, std::string_view(kMissingRedFlags).size(), missing_text);
    add_unique(warnings, text);
  }
  return warnings;
}

std::vector<std::string> safety_net_texts(const RuleSet& rules, const Decision& decision) {
  EvalInput input{decision.effective.data(), decision.outcome.data(), decision.applicable.data()};
  std::vector<std::string> texts;
  for (const SafetyNetEntry& entry : rules.safety_net)
    if (!entry.when || holds(*entry.when, input)) add_unique(texts, entry.text);
  return texts;
}

}  // namespace backtriage
