#pragma once
// Helpers shared by the unit tests: loading a rule set (failing the test with the loader's
// diagnostics when it does not load), the built-in rule set, and one evaluation.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "decision/evaluate.h"
#include "rules/builtin_rules.h"
#include "rules/loader.h"

inline backtriage::RuleSet load_or_fail(std::vector<backtriage::RuleSource> sources) {
  backtriage::LoadResult result = backtriage::load_rules(std::move(sources));
  REQUIRE_MESSAGE(result.rules, backtriage::format_diagnostics(result));
  return std::move(*result.rules);
}

// Every diagnostic of a load as "file:line:col: message", one a line.
inline std::string errors(const backtriage::LoadResult& result) {
  std::string out;
  for (const auto& d : result.diagnostics)
    out += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message + "\n";
  return out;
}

// A rule directory of tests/data/rulesets, loaded (failing the test when it does not load).
inline backtriage::RuleSet test_rule_set(const std::string& name) {
  return load_or_fail(backtriage::read_rule_directory(std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/" + name));
}

// The built-in rule set, loaded once for the whole test binary.
inline const backtriage::RuleSet& builtin() {
  static const backtriage::RuleSet rules = load_or_fail(backtriage::builtin_rule_sources());
  return rules;
}

inline backtriage::Decision decide(const backtriage::RuleSet& rules, const std::vector<backtriage::AnswerValue>& answers) {
  backtriage::Decision d;
  backtriage::evaluate(rules, answers, d);
  return d;
}
