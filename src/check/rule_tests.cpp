#include "check/rule_tests.h"

#include <fmt/format.h>

#include "decision/evaluate.h"
#include "intake/intake.h"

namespace backtriage {
namespace {

std::string id_list(const std::vector<std::string>& ids) { return fmt::format("[{}]", fmt::join(ids, ", ")); }

template <typename Index>
std::vector<std::string> ids_of(const std::vector<Index>& indices, bool rules_not_questions, const RuleSet& rules) {
  std::vector<std::string> ids;
  for (auto i : indices) ids.push_back(rules_not_questions ? rules.rules[i].id : rules.questions[i].id);
  return ids;
}

// The case's answers, or the reason they cannot be read.
std::string read_answers(const RuleSet& rules, const TestCase& test, std::vector<AnswerValue>& answers) {
  answers.assign(rules.questions.size(), kUnknown);
  if (test.unlisted_no)
    for (size_t q = 0; q < rules.questions.size(); ++q)
      if (rules.questions[q].type == AnswerType::yes_no) answers[q] = 0;
  std::vector<std::string> problems;
  for (const auto& [q, text] : test.answers) {
    const Question& question = rules.questions[q];
    ParsedAnswer parsed = parse_answer(question.type, question.min, question.max, text);
    if (parsed.ok()) answers[q] = parsed.value;
    else problems.push_back(fmt::format("{}: {}", question.id, parsed.error));
  }
  return fmt::format("{}", fmt::join(problems, "; "));
}

void compare_lists(const char* field, const std::optional<std::vector<int>>& expected,
                   const std::vector<std::uint16_t>& actual, bool rule_ids, const RuleSet& rules,
                   std::vector<TestMismatch>& out) {
  if (!expected) return;
  std::vector<int> got(actual.begin(), actual.end());
  if (got != *expected)
    out.push_back({field, id_list(ids_of(*expected, rule_ids, rules)), id_list(ids_of(got, rule_ids, rules))});
}

TestResult run_one(const RuleSet& rules, int index, Decision& decision) {
  const TestCase& test = rules.tests[index];
  TestResult result;
  result.test = index;
  std::vector<AnswerValue> answers;
  result.error = read_answers(rules, test, answers);
  if (result.error.empty()) {
    result.error = score_case(rules, answers, decision);
    if (result.error.empty()) result.matched_rules = decision.matched_rules;
  }
  bool expect_ok = test.expect_ok.value_or(true);
  if (!result.error.empty()) {
    if (expect_ok) result.mismatches.push_back({"status", "ok", "error (" + result.error + ")"});
    return result;
  }
  if (!expect_ok) {
    result.mismatches.push_back({"status", "error", "ok"});
    return result;
  }
  for (int o = 0; o < kOutputCount; ++o) {
    int want = test.expect[o];
    if (want != kNoProposal && want != decision.outcome[o])
      result.mismatches.push_back({kOutputNames[o], rules.scales[o].values[want], rules.scales[o].values[decision.outcome[o]]});
  }
  compare_lists("red_flags", test.expect_red_flags, decision.red_flags, false, rules, result.mismatches);
  compare_lists("unanswered", test.expect_unanswered, decision.unanswered, false, rules, result.mismatches);
  compare_lists("rules", test.expect_rules, decision.matched_rules, true, rules, result.mismatches);
  return result;
}

}  // namespace

TestRun run_rule_tests(const RuleSet& rules) {
  TestRun run;
  Decision decision;
  std::vector<bool> covered(rules.rules.size(), false);
  for (size_t i = 0; i < rules.tests.size(); ++i) {
    TestResult result = run_one(rules, static_cast<int>(i), decision);
    for (int r : result.matched_rules) covered[r] = true;
    (result.passed() ? run.passed : run.failed)++;
    run.results.push_back(std::move(result));
  }
  for (size_t r = 0; r < covered.size(); ++r)
    if (!covered[r]) run.uncovered_rules.push_back(static_cast<int>(r));
  return run;
}

std::string format_test_run(const RuleSet& rules, const TestRun& run) {
  std::string out;
  for (const TestResult& result : run.results) {
    if (result.passed()) continue;
    const TestCase& test = rules.tests[result.test];
    out += fmt::format("FAIL {}:{}:{}: {}\n", test.where.file, test.where.line, test.where.col, test.name);
    for (const TestMismatch& m : result.mismatches)
      out += fmt::format("    {}: expected {}, got {}\n", m.field, m.expected, m.actual);
    if (result.error.empty())
      out += fmt::format("    matched rules: {}\n", fmt::join(ids_of(result.matched_rules, true, rules), ", "));
  }
  out += fmt::format("tests: {} passed, {} failed\n", run.passed, run.failed);
  if (rules.rules.empty()) return out;
  if (run.uncovered_rules.empty())
    out += fmt::format("coverage: every rule ({}) is matched by some test case\n", rules.rules.size());
  else
    out += fmt::format("coverage: {} of {} rules matched; no test case matches {}\n",
                       rules.rules.size() - run.uncovered_rules.size(), rules.rules.size(),
                       fmt::join(ids_of(run.uncovered_rules, true, rules), ", "));
  return out;
}

}  // namespace backtriage
