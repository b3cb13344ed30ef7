// rules check: load diagnostics of the test rule directories, warnings, invariant proofs.
#include <doctest/doctest.h>

#include <string>

#include "check/rule_check.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

LoadResult load_test_rules(const std::string& name) {
  return load_rules(read_rule_directory(std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/" + name));
}

RuleSet test_rules(const std::string& name) {
  LoadResult result = load_test_rules(name);
  INFO(format_diagnostics(result));
  REQUIRE(result.rules);
  return std::move(*result.rules);
}

RuleSet default_rules() {
  LoadResult result = load_rules(builtin_rule_sources());
  INFO(format_diagnostics(result));
  REQUIRE(result.rules);
  return std::move(*result.rules);
}

// The diagnostics of a rule directory that must not load, with its directory prefix removed.
std::string load_errors(const std::string& name) {
  LoadResult result = load_test_rules(name);
  CHECK_FALSE(result.rules);
  std::string text = format_diagnostics(result);
  std::string prefix = std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/" + name + "/";
  for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
  return text;
}

}  // namespace

TEST_CASE("the default rules prove every invariant and raise no warning") {
  RuleSet rules = default_rules();
  CHECK(find_warnings(rules).empty());
  auto results = prove_invariants(rules);
  REQUIRE(results.size() == rules.invariants.size());
  for (const auto& result : results) {
    CAPTURE(rules.invariants[result.invariant].id);
    CHECK(result.holds);
  }
}

TEST_CASE("a YAML syntax error is reported at its line and column") {
  CHECK(load_errors("syntax_error") ==
        "20-rules.yaml:5:20: error: illegal map value\n"
        "         duration_class: acute\n"
        "                       ^\n");
}

TEST_CASE("a misspelt question id suggests the nearest one") {
  std::string text = load_errors("unknown_id");
  CHECK(text.find("20-rules.yaml:5:11: error: unknown question 'numbess' (did you mean 'numbness'?)\n"
                  "        when: numbess or fever\n"
                  "              ^\n") != std::string::npos);
  CHECK(text.find("20-rules.yaml:8:41: error: unknown key 'recomendation' in a rule (did you mean 'recommendation'?)") !=
        std::string::npos);
}

TEST_CASE("type errors in conditions and outcomes are all reported") {
  std::string text = load_errors("type_error");
  CHECK(text.find("20-rules.yaml:2:34: error: expected a condition, got the number 'duration_days'") != std::string::npos);
  CHECK(text.find("20-rules.yaml:3:34: error: expected a number, got the yes/no question 'fever'") != std::string::npos);
  CHECK(text.find("20-rules.yaml:4:60: error: unknown value 'see-a-doctor' for recommendation") != std::string::npos);
}

TEST_CASE("a duplicate key and a YAML alias are errors") {
  CHECK(load_errors("duplicate_key").find("20-rules.yaml:5:5: error: duplicate key 'when' (first at line 4)") !=
        std::string::npos);
  std::string alias = load_errors("alias");
  CHECK(alias.find("20-rules.yaml:4:11: error: YAML anchors (&name) are not allowed in rule files") != std::string::npos);
  CHECK(alias.find("20-rules.yaml:7:39: error: YAML aliases (*name) are not allowed in rule files") != std::string::npos);
}

TEST_CASE("an unreachable rule, an outranked rule and an unread question are warnings") {
  RuleSet rules = test_rules("warnings");
  auto warnings = find_warnings(rules);
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].severity == Severity::warning);
  CHECK(warnings[0].line == 7);
  CHECK(warnings[0].message == "rule 'R9' can never match: no intake satisfies 'both_legs and not numbness'");
  CHECK(warnings[1].line == 9);
  CHECK(warnings[1].message ==
        "rule 'P3' never changes an outcome: whenever it matches, other matching rules propose at least as much "
        "for every output it sets");
  CHECK(warnings[2].line == 6);
  CHECK(warnings[2].message == "question 'age' is never read: no rule or asked_if uses it");
  std::string shown = format_located(rules, warnings[0]);
  CHECK(shown.find("20-rules.yaml:7:5: warning: rule 'R9' can never match") != std::string::npos);
  CHECK(shown.find("\n      - {id: R9,") != std::string::npos);
}

TEST_CASE("a rule that proposes only the lowest value is not outranked when no other rule sets that output") {
  RuleSet rules = test_rules("mini");  // D1 proposes acute, the lowest duration class, alone
  CHECK(find_warnings(rules).empty());
}

TEST_CASE("a broken invariant yields a minimal counterexample that eval arguments reproduce") {
  RuleSet rules = test_rules("broken_invariant");
  auto results = prove_invariants(rules);
  REQUIRE(results.size() == 2);
  CHECK_FALSE(results[0].holds);
  CHECK(results[1].holds);
  CHECK(eval_arguments(rules, results[0].counterexample) == "duration_days=0 numbness=no fever=yes");
  Decision decision;
  CHECK(goal_holds(rules, {SearchGoal::Kind::breaks_invariant, 0}, results[0].counterexample, decision));
  std::string text = format_invariant_failure(rules, results[0]);
  std::string prefix = std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/broken_invariant/";
  CHECK(text == prefix +
                    "20-rules.yaml:10:5: error: invariant 'I1' does not hold: a red flag leads to a specialist\n"
                    "      - id: I1\n"
                    "        ^\n"
                    "    counterexample: duration_days=0 numbness=no fever=yes\n"
                    "    outcome: duration_class=acute category=other recommendation=self-manage urgency=routine "
                    "(rules D1, C2)\n");
}

TEST_CASE("removing an emergency rule for an emergency red flag breaks an invariant of the default rules") {
  RuleSet base = default_rules();
  for (const char* id : {"E1", "E2", "E4", "E5"}) {
    CAPTURE(id);
    RuleSet rules = base;
    int index = rules.rule_index(id);
    REQUIRE(index >= 0);
    rules.rules.erase(rules.rules.begin() + index);
    bool broken = false;
    Decision decision;
    for (const auto& result : prove_invariants(rules)) {
      if (result.holds) continue;
      broken = true;
      CHECK(goal_holds(rules, {SearchGoal::Kind::breaks_invariant, result.invariant}, result.counterexample, decision));
    }
    CHECK(broken);
  }
}

TEST_CASE("an invariant that no intake meets proves nothing: it does not hold, in both engines") {
  // A clinic asks about cancer only past 120: I6 and I14 would hold for no patient at all.
  std::vector<RuleSource> sources = builtin_rule_sources();
  bool edited = false;
  for (RuleSource& source : sources) {
    const std::size_t at = source.text.find("  - id: cancer_history\n");
    if (at == std::string::npos) continue;
    const std::size_t type_line_end = source.text.find('\n', source.text.find("type:", at));
    source.text.insert(type_line_end + 1, "    asked_if: age > 120\n");
    edited = true;
  }
  REQUIRE(edited);
  LoadResult loaded = load_rules(sources);
  INFO(format_diagnostics(loaded));
  REQUIRE(loaded.rules);
  const RuleSet& rules = *loaded.rules;
  std::vector<std::string> vacuous;
  for (const auto& results : {prove_invariants(rules), prove_invariants_by_search(rules)}) {
    vacuous.clear();
    for (const InvariantResult& result : results) {
      if (!result.never_applies) continue;
      CHECK_FALSE(result.holds);
      CHECK(result.counterexample.empty());
      vacuous.push_back(rules.invariants[result.invariant].id);
    }
    CHECK(vacuous == std::vector<std::string>{"I6", "I14"});
  }
  std::size_t i14 = 0;
  while (i14 < rules.invariants.size() && rules.invariants[i14].id != "I14") ++i14;
  REQUIRE(i14 < rules.invariants.size());
  const std::string message = format_invariant_failure(rules, prove_invariants(rules)[i14]);
  CHECK(message.find("error: invariant 'I14' proves nothing: Back pain after cancer is always urgent") != std::string::npos);
  CHECK(message.find("note: no intake meets its 'when: cancer_history'") != std::string::npos);
}

TEST_CASE("eval arguments leave out blank and non-applicable answers") {
  RuleSet rules = test_rules("mini");
  // duration_days, numbness, both_legs (asked if numbness), fever, age
  std::vector<AnswerValue> answers{20, 0, 1, kUnknown, 62};
  CHECK(eval_arguments(rules, answers) == "duration_days=20 numbness=no age=62");
  answers[1] = 1;
  CHECK(eval_arguments(rules, answers) == "duration_days=20 numbness=yes both_legs=yes age=62");
}
