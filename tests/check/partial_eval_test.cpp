// Three-valued evaluation over partial intakes.
#include <doctest/doctest.h>

#include <string>

#include "check/partial_eval.h"
#include "rules/expr_parser.h"
#include "rules/loader.h"

#include "test_support.h"

using namespace backtriage;

namespace {

Expr parse(const RuleSet& rules, const char* text) {
  ExprScope scope{&rules.questions, static_cast<int>(rules.questions.size()), &rules.scales};
  auto parsed = parse_expr(text, scope);
  REQUIRE(std::holds_alternative<Expr>(parsed));
  return std::get<Expr>(parsed);
}

void settle(PartialIntake& intake, int q, AnswerValue v, bool applicable = true) {
  intake.settled[q] = 1;
  intake.applicable[q] = applicable;
  intake.effective[q] = applicable ? v : kUnknown;
}

// Questions of mini: 0 duration_days, 1 numbness, 2 both_legs (asked if numbness), 3 fever, 4 age.

}  // namespace

TEST_CASE("a condition on an open question is undetermined until the question is settled") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  Expr e = parse(rules, "fever or numbness");
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::maybe);
  settle(intake, 1, 1);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::yes);
  settle(intake, 1, 0);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::maybe);
  settle(intake, 3, kUnknown);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::no);
}

TEST_CASE("an open number may be unknown, so a comparison true for every value is still undetermined") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  CHECK(eval.evaluate(parse(rules, "age <= 120"), intake, nullptr) == Tri::maybe);
  CHECK(eval.evaluate(parse(rules, "age > 120"), intake, nullptr) == Tri::no);  // outside the valid range
  settle(intake, 4, kUnknown);
  CHECK(eval.evaluate(parse(rules, "age <= 120"), intake, nullptr) == Tri::no);
  CHECK(eval.evaluate(parse(rules, "age != 3"), intake, nullptr) == Tri::no);
  settle(intake, 4, 50);
  CHECK(eval.evaluate(parse(rules, "age >= 50"), intake, nullptr) == Tri::yes);
  CHECK(eval.evaluate(parse(rules, "50 > age"), intake, nullptr) == Tri::no);
}

TEST_CASE("count is bounded by the conditions that hold for sure and those that may") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  Expr e = parse(rules, "count(fever, numbness, age >= 50) >= 2");
  settle(intake, 1, 1);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::maybe);
  settle(intake, 3, 0);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::maybe);
  settle(intake, 4, 20);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::no);
}

TEST_CASE("any_unknown skips a settled question that is not applicable") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  Expr e = parse(rules, "any_unknown(red_flags)");
  settle(intake, 1, 0);
  settle(intake, 2, kUnknown, false);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::maybe);
  settle(intake, 3, 0);
  CHECK(eval.evaluate(e, intake, nullptr) == Tri::no);
}

TEST_CASE("output bounds decide an invariant's comparison once the rules settle") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  RuleStates states;
  Expr e = parse(rules, "recommendation == see-specialist");
  evaluate_rules(rules, intake, eval, states, nullptr);
  CHECK(states.bounds.lo[2] == 0);
  CHECK(states.bounds.hi[2] == 2);
  CHECK(eval.evaluate(e, intake, &states.bounds) == Tri::maybe);
  settle(intake, 3, 1);  // fever: U1 proposes see-specialist
  evaluate_rules(rules, intake, eval, states, nullptr);
  CHECK(states.matched[rules.rule_index("U1")] == Tri::yes);
  CHECK(eval.evaluate(e, intake, &states.bounds) == Tri::yes);
}

TEST_CASE("the state image tells settled and open expressions apart") {
  RuleSet rules = test_rule_set("mini");
  PartialEvaluator eval(rules);
  PartialIntake intake(rules.questions.size());
  Expr e = parse(rules, "fever and numbness");
  std::string open, settled;
  eval.evaluate(e, intake, nullptr);
  eval.append_key(open);
  settle(intake, 3, 0);
  eval.evaluate(e, intake, nullptr);
  eval.append_key(settled);
  CHECK(open == "222");  // the open marker (the root), then fever and numbness
  CHECK(settled == "0");
}
