#pragma once
// `rules test`: runs the test cases stored with a rule set (the `tests` section) and
// measures which rules they exercise. No terminal I/O: results are values, and the report
// is a formatted string.
#include <cstdint>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

// One expectation of a test case that the rule set does not meet, as texts.
struct TestMismatch {
  std::string field;  // "status", an output name, "red_flags", "unanswered" or "rules"
  std::string expected;
  std::string actual;
};

struct TestResult {
  int test = 0;                              // index in RuleSet::tests
  std::string error;                         // why the case could not be scored; "" when scored
  std::vector<TestMismatch> mismatches;      // empty when the case passed
  std::vector<std::uint16_t> matched_rules;  // when scored

  bool passed() const { return mismatches.empty(); }
};

struct TestRun {
  std::vector<TestResult> results;  // one per test case, in file order
  int passed = 0;
  int failed = 0;
  std::vector<int> uncovered_rules;  // rules that no scored case matched, in rule order
};

// Runs every test case: answers are parsed as in an intake, `unlisted: no` first answers
// every yes/no question no, a case expected to be an error passes only when it is one (a
// bad value or a missing required answer). Never throws beyond std::bad_alloc.
TestRun run_rule_tests(const RuleSet& rules);

// Each failure ("FAIL file:line:col: name", expected and actual per field, the matched
// rules), then "tests: N passed, M failed" and the coverage line.
std::string format_test_run(const RuleSet& rules, const TestRun& run);

}  // namespace backtriage
