// rules test: stored test cases, failures with expected and actual, coverage.
#include <doctest/doctest.h>

#include <string>

#include "check/rule_tests.h"
#include "rules/loader.h"

#include "test_support.h"

using namespace backtriage;

TEST_CASE("the test cases shipped with the default rules pass and match every rule") {
  LoadResult loaded = load_rules(builtin_rule_sources());
  REQUIRE(loaded.rules);
  TestRun run = run_rule_tests(*loaded.rules);
  CHECK(run.failed == 0);
  CHECK(run.passed == static_cast<int>(loaded.rules->tests.size()));
  CHECK(run.uncovered_rules.empty());
  INFO(format_test_run(*loaded.rules, run));
}

TEST_CASE("passing cases, an expected error and coverage of a small rule set") {
  RuleSet rules = test_rule_set("mini");
  TestRun run = run_rule_tests(rules);
  CHECK(run.passed == 3);
  CHECK(run.failed == 0);
  CHECK(format_test_run(rules, run) ==
        "tests: 3 passed, 0 failed\n"
        "coverage: 4 of 10 rules matched; no test case matches D2, D3, U1, R1, P1, P2\n");
}

TEST_CASE("a failing case shows expected and actual values and the matched rules") {
  RuleSet rules = test_rule_set("failing_tests");
  TestRun run = run_rule_tests(rules);
  CHECK(run.passed == 3);
  CHECK(run.failed == 2);
  std::string prefix = std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/failing_tests/";
  CHECK(format_test_run(rules, run) ==
        "FAIL " + prefix + "20-rules.yaml:26:5: fever is an emergency (wrong on purpose)\n"
        "    urgency: expected emergency, got urgent\n"
        "    rules: expected [D1, C2, U1], got [D1, C2, U1, P1]\n"
        "    matched rules: D1, C2, U1, P1\n"
        "FAIL " + prefix + "20-rules.yaml:29:5: a bad value expected to be fine\n"
        "    status: expected ok, got error (duration_days: expected a number of days or a number with a unit "
        "(e.g. 10, 3 weeks, 2 months), got '3 fortnights')\n"
        "tests: 3 passed, 2 failed\n"
        "coverage: 6 of 10 rules matched; no test case matches D2, D3, R1, P2\n");
}

TEST_CASE("unlisted: no answers only the yes/no questions, and a case expected to fail must fail") {
  RuleSet rules = test_rule_set("mini");
  TestCase ok;
  ok.name = "unlisted no";
  ok.answers = {{0, "5"}};
  ok.unlisted_no = true;
  ok.expect_unanswered = std::vector<int>{4};  // age stays blank
  TestCase error = ok;
  error.expect_ok = false;
  rules.tests = {ok, error};
  TestRun run = run_rule_tests(rules);
  CHECK(run.results[0].passed());
  REQUIRE(run.results[1].mismatches.size() == 1);
  CHECK(run.results[1].mismatches[0].field == "status");
  CHECK(run.results[1].mismatches[0].expected == "error");
  CHECK(run.results[1].mismatches[0].actual == "ok");
}
