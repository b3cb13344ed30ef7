#include "rules/ruleset.h"

namespace backtriage {

int Scale::level_of(std::string_view value) const {
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return static_cast<int>(i);
  return -1;
}

const std::string& Scale::label(int level) const {
  return static_cast<size_t>(level) < labels.size() && !labels[level].empty() ? labels[level] : values[level];
}

int RuleSet::question_index(std::string_view id) const {
  for (size_t i = 0; i < questions.size(); ++i)
    if (questions[i].id == id) return static_cast<int>(i);
  return -1;
}

int RuleSet::rule_index(std::string_view id) const {
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> RuleSet::question_ids() const {
  std::vector<std::string> ids;
  for (const auto& q : questions) ids.push_back(q.id);
  return ids;
}

}  // namespace backtriage
