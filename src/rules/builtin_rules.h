#pragma once
// The default rule set, embedded at build time from rules/*.yaml (cmake/embed_rules.cmake).
#include <string>
#include <vector>

namespace backtriage {

// One rule file's text and the path it is reported under.
struct RuleSource {
  std::string path;
  std::string text;
};

// The built-in rule files, in file-name order, reported as "rules/NAME.yaml". Never throws
// beyond std::bad_alloc.
std::vector<RuleSource> builtin_rule_sources();

}  // namespace backtriage
