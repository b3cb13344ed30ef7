// rules diff: a diff with a known answer, no change against itself, an intake file.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "base/exit_code.h"
#include "base/big_count.h"
#include "check/intake_diff.h"
#include "check/rule_diff.h"
#include "rules/loader.h"

#include "test_support.h"

using namespace backtriage;

TEST_CASE("a rule that now needs a week of pain changes exactly the fevers of the first six days") {
  // Intakes are every answer of every question: 36,501 durations (0 to 36,500 days) x 4
  // numbness/both_legs x 3 fever x 122 ages (blank, 0 to 120) = 53,437,464; the 7 durations
  // under a week with fever=yes change: 7 x 4 x 122 = 3,416.
  RuleDiff diff = diff_rule_sets(test_rule_set("diff_old"), test_rule_set("diff_new"));
  CHECK(diff.intakes == 53437464);
  CHECK(diff.changed == 3416);
  CHECK(format_rule_diff(diff) ==
        "3,416 of 53,437,464 intakes change outcome, in 2 groups\n"
        "\n"
        "recommendation see-specialist -> self-manage: 3,416 intakes; rules U1\n"
        "    answers: duration_days<=6 fever=yes\n"
        "    example: duration_days=0 numbness=no fever=yes\n"
        "\n"
        "urgency urgent -> routine: 3,416 intakes; rules U1\n"
        "    answers: duration_days<=6 fever=yes\n"
        "    example: duration_days=0 numbness=no fever=yes\n");
}

TEST_CASE("a rule set compared with itself changes nothing") {
  RuleSet rules = test_rule_set("mini");
  RuleDiff diff = diff_rule_sets(rules, rules);
  CHECK(diff.groups.empty());
  CHECK(diff.changed == 0);
  CHECK_FALSE(diff.intakes.is_zero());
  CHECK(format_rule_diff(diff).rfind("no intake changes outcome (", 0) == 0);
}

TEST_CASE("a rule only one side has is responsible for the change") {
  RuleSet old_rules = test_rule_set("diff_old");
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
  RuleSet old_rules = test_rule_set("diff_old");
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
  IntakeDiff diff = diff_intake(test_rule_set("diff_old"), test_rule_set("diff_new"), csv);
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

TEST_CASE("counts past 64 bits are exact") {
  // 50 optional yes/no questions: 3^50 intakes, about 7 x 10^23. R1 needs q1 as well in the
  // new set, so the intakes with q0 = yes and q1 not yes change: 2 x 3^48 of them.
  auto rule_set = [](const std::string& when) {
    std::string text =
        "outputs:\n  duration_class: {values: [acute]}\n  category: {values: [nonspecific]}\n"
        "  recommendation: {values: [self-manage]}\n  urgency: {values: [routine, urgent]}\nquestions:\n";
    for (int i = 0; i < 50; ++i) text += "  - {id: q" + std::to_string(i) + ", type: yes_no, prompt: p}\n";
    text += "rules:\n  - {id: R1, title: t, when: '" + when + "', urgency: urgent, source: s}\n";
    LoadResult result = load_rules({{"r.yaml", text}});
    REQUIRE(result.rules);
    return std::move(*result.rules);
  };
  RuleDiff diff = diff_rule_sets(rule_set("q0"), rule_set("q0 and q1"));
  CHECK(diff.intakes.str() == "717897987691852588770249");
  CHECK(diff.changed.str() == "159532886153745019726722");
  REQUIRE(diff.groups.size() == 1);
  CHECK(diff.groups[0].count.str() == "159532886153745019726722");
  CHECK(format_rule_diff(diff).rfind("159,532,886,153,745,019,726,722 of 717,897,987,691,852,588,770,249 intakes", 0) == 0);
}

TEST_CASE("BigCount adds, shifts and prints past 64 bits") {
  BigCount n(~std::uint64_t{0});  // 2^64 - 1
  n += BigCount(1);
  CHECK(n.str() == "18446744073709551616");
  CHECK_FALSE(n.fits_u64());
  CHECK(n.shifted(36).str() == "1267650600228229401496703205376");  // 2^100
  CHECK(BigCount(12345).shifted(0).str() == "12345");
  CHECK(BigCount().str() == "0");
  CHECK(BigCount(5) < BigCount(7));
  CHECK(BigCount(1).shifted(64) == n);
  CHECK(n.times(36501).str() == "673324605434472343535616");  // 2^64 x 36,501 days
  CHECK(BigCount(0xffffffffu).times(0xffffffffu).str() == "18446744065119617025");
  CHECK(BigCount(7).times(0).is_zero());
  CHECK(n.times(n).str() == "340282366920938463463374607431768211456");  // 2^128
  CHECK(BigCount(123456789).times(BigCount(987654321)).str() == "121932631112635269");
}
