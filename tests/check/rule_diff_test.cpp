// rules diff: a diff with a known answer, no change against itself, an intake file.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "base/exit_code.h"
#include "check/intake_diff.h"
#include "check/rule_diff.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

RuleSet test_rules(const std::string& name) {
  LoadResult result = load_rules(read_rule_directory(std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/" + name));
  INFO(format_diagnostics(result));
  REQUIRE(result.rules);
  return std::move(*result.rules);
}

}  // namespace

TEST_CASE("a rule that now needs a week of pain changes exactly the fevers of the first six days") {
  // 7 durations (0 6 7 8 13 14 15) x 4 numbness/both_legs x 3 fever x 2 age (blank, 0) = 168
  // intakes; the 2 durations under 7 with fever=yes change: 2 x 4 x 2 = 16.
  RuleDiff diff = diff_rule_sets(test_rules("diff_old"), test_rules("diff_new"));
  CHECK(diff.intakes == 168);
  CHECK(diff.changed == 16);
  CHECK(format_rule_diff(diff) ==
        "16 of 168 intakes change outcome, in 2 groups\n"
        "\n"
        "recommendation see-specialist -> self-manage: 16 intakes; rules U1\n"
        "    answers: duration_days<=6 fever=yes\n"
        "    example: duration_days=0 numbness=no fever=yes\n"
        "\n"
        "urgency urgent -> routine: 16 intakes; rules U1\n"
        "    answers: duration_days<=6 fever=yes\n"
        "    example: duration_days=0 numbness=no fever=yes\n");
}

TEST_CASE("a rule set compared with itself changes nothing") {
  RuleSet rules = test_rules("mini");
  RuleDiff diff = diff_rule_sets(rules, rules);
  CHECK(diff.groups.empty());
  CHECK(diff.changed == 0);
  CHECK_FALSE(diff.intakes.is_zero());
  CHECK(format_rule_diff(diff).rfind("no intake changes outcome (", 0) == 0);
}

TEST_CASE("a rule only one side has is responsible for the change") {
  RuleSet old_rules = test_rules("diff_old");
  RuleSet new_rules = old_rules;
  new_rules.rules.erase(new_rules.rules.begin());  // drop U1
  RuleDiff diff = diff_rule_sets(old_rules, new_rules);
  REQUIRE(diff.groups.size() == 3);  // recommendation -> self-manage, -> start-pt; urgency -> routine
  for (const DiffGroup& g : diff.groups) {
    REQUIRE(g.rules.size() == 1);
    CHECK(g.rules[0].rule == "U1");
    CHECK(g.rules[0].count == g.count);
    CHECK(g.description.find("fever=yes") != std::string::npos);
  }
  CHECK(diff.groups[0].field == "recommendation");
  CHECK(diff.groups[2].field == "urgency");
}

TEST_CASE("a shared question that changes type cannot be compared") {
  RuleSet old_rules = test_rules("diff_old");
  RuleSet new_rules = old_rules;
  new_rules.questions[3].type = AnswerType::duration;  // fever
  CHECK_THROWS_WITH_AS(diff_rule_sets(old_rules, new_rules),
                       "question 'fever' is a yes/no question in the old rule set and a duration in the new one; "
                       "rules diff needs shared questions to keep their type",
                       Error);
}

TEST_CASE("the rows of an intake file that change are listed by id and line") {
  std::istringstream csv(
      "id,duration_days,numbness,fever\n"
      "a,3,no,yes\n"
      "b,10,no,yes\n"
      "c,3,no,no\n"
      "d,,no,yes\n");
  IntakeDiff diff = diff_intake(test_rules("diff_old"), test_rules("diff_new"), csv);
  CHECK(diff.rows == 4);
  CHECK(diff.errors == 1);
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].id == "a");
  CHECK(diff.changes[0].line == 2);
  CHECK(diff.changes[0].change == "recommendation see-specialist -> self-manage; urgency urgent -> routine");
  CHECK(format_intake_diff("in.csv", diff) ==
        "\nintake in.csv: 1 of 4 rows change (1 row invalid under both rule sets)\n"
        "    a (line 2): recommendation see-specialist -> self-manage; urgency urgent -> routine\n");
}
