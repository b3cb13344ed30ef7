#include "rules/expr_parser.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "rules/expr.h"

using namespace backtriage;

namespace {

Question question(std::string id, AnswerType type, RedFlag flag = RedFlag::none) {
  Question q;
  q.id = std::move(id);
  q.type = type;
  q.red_flag = flag;
  if (type == AnswerType::number) {
    q.min = 0;
    q.max = 120;
  }
  return q;
}

// A small questionnaire covering every question type and red-flag class.
const std::vector<Question>& questions() {
  static const std::vector<Question> qs = {
      question("duration_days", AnswerType::duration),           // 0
      question("leg_pain", AnswerType::yes_no),                  // 1
      question("numbness", AnswerType::yes_no),                  // 2
      question("weakness", AnswerType::yes_no),                  // 3
      question("both_legs", AnswerType::yes_no, RedFlag::emergency),  // 4
      question("age", AnswerType::number),                       // 5
      question("fever", AnswerType::yes_no, RedFlag::flag),      // 6
      question("night_pain", AnswerType::yes_no, RedFlag::flag),  // 7
      question("weight_loss", AnswerType::yes_no, RedFlag::flag),  // 8
  };
  return qs;
}
constexpr int kQuestions = 9;

const std::array<Scale, kOutputCount>& scales() {
  static const std::array<Scale, kOutputCount> s = {
      Scale{{"acute", "subacute", "chronic"}, {}, {}},
      Scale{{"nonspecific", "radicular", "other"}, {}, {}},
      Scale{{"self-manage", "start-pt", "see-specialist"}, {}, {}},
      Scale{{"routine", "urgent", "emergency"}, {}, {}},
  };
  return s;
}

// A rule's scope: every question, no outputs.
ExprScope rule_scope() { return {&questions(), kQuestions, nullptr}; }
// An asked-if scope: only the first `visible` questions.
ExprScope asked_if_scope(int visible) { return {&questions(), visible, nullptr}; }
// An invariant's scope: every question and the outputs.
ExprScope invariant_scope() { return {&questions(), kQuestions, &scales()}; }

// "OFFSET: message [hint]" for a text that must not parse, or "parsed".
std::string error_of(std::string_view text, const ExprScope& scope = rule_scope()) {
  auto result = parse_expr(text, scope);
  if (const auto* e = std::get_if<ExprError>(&result))
    return std::to_string(e->offset) + ": " + e->message + (e->hint.empty() ? "" : " [" + e->hint + "]");
  return "parsed";
}

Expr parse_ok(std::string_view text, const ExprScope& scope = rule_scope()) {
  auto result = parse_expr(text, scope);
  if (const auto* e = std::get_if<ExprError>(&result)) {
    FAIL("'" << text << "' did not parse: " << e->offset << ": " << e->message);
    return {};
  }
  return std::get<Expr>(std::move(result));
}

// Answers by question id; every other question unknown.
std::vector<AnswerValue> answers(const std::map<std::string, AnswerValue>& given) {
  std::vector<AnswerValue> values(kQuestions, kUnknown);
  for (const auto& answer : given) {
    bool found = false;
    for (int i = 0; i < kQuestions; ++i)
      if (questions()[i].id == answer.first) {
        values[i] = answer.second;
        found = true;
      }
    REQUIRE_MESSAGE(found, answer.first);  // a structured binding here is C++20 (clang refuses it)
  }
  return values;
}

bool eval(std::string_view text, const std::map<std::string, AnswerValue>& given,
          const std::uint8_t* applicable = nullptr) {
  Expr expr = parse_ok(text);
  std::vector<AnswerValue> values = answers(given);
  return holds(expr, EvalInput{values.data(), nullptr, applicable});
}

bool eval_invariant(std::string_view text, const std::map<std::string, AnswerValue>& given,
                    std::array<std::uint8_t, kOutputCount> outputs) {
  Expr expr = parse_ok(text, invariant_scope());
  std::vector<AnswerValue> values = answers(given);
  return holds(expr, EvalInput{values.data(), outputs.data(), nullptr});
}

constexpr AnswerValue yes = 1;
constexpr AnswerValue no = 0;

}  // namespace

// ---- parsing -----------------------------------------------------------------------------

TEST_CASE("a valid condition parses and keeps its source text") {
  Expr expr = parse_ok("leg_pain or numbness or weakness");
  CHECK(expr.text == "leg_pain or numbness or weakness");
  CHECK(expr.root() == static_cast<int>(expr.nodes.size()) - 1);
  CHECK(expr.nodes.back().kind == ExprNode::Kind::any);
  CHECK(expr.nodes.back().count == 3);
}

TEST_CASE("every form of the grammar parses") {
  for (const char* text : {
           "true", "false", "fever", "not fever", "not not fever", "(fever)", "((fever))",
           "fever and leg_pain", "fever or leg_pain and numbness", "(fever or leg_pain) and numbness",
           "age < 16", "age <= 16", "age > 16", "age >= 16", "age == 16", "age != 16", "16 > age",
           "duration_days >= 6 weeks", "duration_days >= 6weeks", "duration_days < 2.5 weeks",
           "duration_days >= 1 y", "duration_days >= 3 Months", "yes(fever)", "no(fever)",
           "unknown(age)", "known(age)", "unknown(fever)", "count(fever, night_pain, age >= 50) >= 2",
           "any_yes(red_flags)", "any_unknown(red_flags)", "any_yes(emergency_flags)",
           "any_yes(fever, night_pain)", "any_unknown(age, fever)", "any_yes(red_flags, leg_pain)",
           "  fever\tand\n leg_pain  "}) {
    CAPTURE(text);
    CHECK(error_of(text) == "parsed");
  }
}

TEST_CASE("an unknown question is an error with a did-you-mean suggestion") {
  CHECK(error_of("numbess or weakness") == "0: unknown question 'numbess' (did you mean 'numbness'?)");
  CHECK(error_of("weakness or numbess") == "12: unknown question 'numbess' (did you mean 'numbness'?)");
  CHECK(error_of("age >= 50 and fevr") == "14: unknown question 'fevr' (did you mean 'fever'?)");
  CHECK(error_of("xyzzy") == "0: unknown question 'xyzzy'");
  CHECK(error_of("xyzzy < 5") == "0: unknown question 'xyzzy'");
  CHECK(error_of("5 > xyzzy") == "4: unknown question 'xyzzy'");
  CHECK(error_of("yes(fevr)") == "4: unknown question 'fevr' (did you mean 'fever'?)");
  CHECK(error_of("any_yes(fever, nigth_pain)") == "15: unknown question 'nigth_pain' (did you mean 'night_pain'?)");
  CHECK(error_of("count(fever, wieght_loss) >= 1") == "13: unknown question 'wieght_loss' (did you mean 'weight_loss'?)");
}

TEST_CASE("a scope that asks for no suggestions gets the error without one") {
  ExprScope quiet = rule_scope();
  quiet.suggest = false;
  CHECK(error_of("numbess or weakness", quiet) == "0: unknown question 'numbess'");
  CHECK(error_of("weakness or numbess", quiet) == "12: unknown question 'numbess'");
}

TEST_CASE("an unknown question inside parentheses is named, at its own position") {
  CHECK(error_of("(numbess)") == "1: unknown question 'numbess' (did you mean 'numbness'?)");
  CHECK(error_of("fever and (numbess)") == "11: unknown question 'numbess' (did you mean 'numbness'?)");
  CHECK(error_of("count((numbess), fever) >= 1") == "7: unknown question 'numbess' (did you mean 'numbness'?)");
}

TEST_CASE("an asked-if condition may only name earlier questions") {
  // Visible: duration_days, leg_pain, numbness.
  CHECK(error_of("leg_pain or numbness", asked_if_scope(3)) == "parsed");
  CHECK(error_of("leg_pain or both_legs", asked_if_scope(3)) ==
        "12: question 'both_legs' is asked later; an asked-if condition may only use earlier questions");
  // The question being defined is questions[visible].
  CHECK(error_of("leg_pain or weakness", asked_if_scope(3)) ==
        "12: question 'weakness' names itself; an asked-if condition may only use earlier questions");
  CHECK(error_of("unknown(fever)", asked_if_scope(3)) ==
        "8: question 'fever' is asked later; an asked-if condition may only use earlier questions");
  CHECK(error_of("age > 3", asked_if_scope(3)) ==
        "0: question 'age' is asked later; an asked-if condition may only use earlier questions");
  // Suggestions come only from the visible questions.
  CHECK(error_of("weaknes", asked_if_scope(3)) == "0: unknown question 'weaknes'");
  CHECK(error_of("numbnes", asked_if_scope(3)) == "0: unknown question 'numbnes' (did you mean 'numbness'?)");
}

TEST_CASE("the groups red_flags and emergency_flags cover only the visible questions") {
  Expr all = parse_ok("any_yes(red_flags)");
  CHECK(all.nodes.back().count == 4);  // both_legs, fever, night_pain, weight_loss
  Expr emergency = parse_ok("any_yes(emergency_flags)");
  CHECK(emergency.nodes.back().count == 1);  // both_legs
  Expr early = parse_ok("any_unknown(red_flags)", asked_if_scope(7));
  CHECK(early.nodes.back().count == 2);  // both_legs, fever
}

TEST_CASE("a number used as a condition is a type error") {
  CHECK(error_of("age") == "0: expected a condition, got the number 'age' [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("duration_days and fever") ==
        "0: expected a condition, got the number 'duration_days' [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("fever or age") == "9: expected a condition, got the number 'age' [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("not age") == "4: expected a condition, got the number 'age' [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("42") == "0: expected a condition, got a number [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("6 weeks") == "0: expected a condition, got a number [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("count(fever, night_pain)") ==
        "0: expected a condition, got the number 'count' [compare it with a constant, e.g. age >= 50]");
  CHECK(error_of("count(age)") == "6: expected a condition, got the number 'age' [compare it with a constant, e.g. age >= 50]");
}

TEST_CASE("a yes/no question compared with a number is a type error") {
  CHECK(error_of("fever > 3") == "0: expected a number, got the yes/no question 'fever'");
  CHECK(error_of("fever == 1") == "0: expected a number, got the yes/no question 'fever'");
  CHECK(error_of("3 < fever") == "4: expected a number, got the yes/no question 'fever'");
  CHECK(error_of("true == 1") == "0: expected a number, got a condition");
  CHECK(error_of("(fever or leg_pain) > 1") == "0: expected a number, got a condition");
  CHECK(error_of("yes(fever) > 0") == "0: expected a number, got a condition");
  CHECK(error_of("any_yes(red_flags) >= 1") == "0: expected a number, got a condition");
  CHECK(error_of("yes(age)") == "4: yes() needs a yes/no question, got 'age'");
  CHECK(error_of("no(duration_days)") == "3: no() needs a yes/no question, got 'duration_days'");
  CHECK(error_of("any_yes(fever, age)") == "15: any_yes() needs yes/no questions, got 'age'");
  // unknown(), known() and any_unknown() take questions of any type.
  CHECK(error_of("any_unknown(age, duration_days)") == "parsed");
}

TEST_CASE("a comparison of two constants, or of two answers, is an error") {
  CHECK(error_of("3 < 5") == "0: a comparison of two constants is always the same");
  CHECK(error_of("fever and 2 weeks >= 14") == "10: a comparison of two constants is always the same");
  CHECK(error_of("age < duration_days") == "0: compare a number with a constant, not with another number");
  CHECK(error_of("count(fever) < count(night_pain)") == "0: compare a number with a constant, not with another number");
}

TEST_CASE("comparisons cannot be chained") {
  CHECK(error_of("16 < age < 50") == "9: comparisons cannot be chained [join them with 'and']");
  CHECK(error_of("age >= 16 == true") == "10: comparisons cannot be chained [join them with 'and']");
  CHECK(error_of("16 < age and age < 50") == "parsed");
}

TEST_CASE("unbalanced parentheses are reported where they go wrong") {
  CHECK(error_of("(fever or leg_pain") == "18: expected ')', got the end");
  CHECK(error_of("((fever) or leg_pain") == "20: expected ')', got the end");
  CHECK(error_of("fever)") == "5: expected 'and', 'or' or the end of the condition, got ')'");
  CHECK(error_of("(fever))") == "7: expected 'and', 'or' or the end of the condition, got ')'");
  CHECK(error_of("()") == "1: expected a condition, got ')'");
  CHECK(error_of("yes(fever") == "9: expected ')', got the end");
  CHECK(error_of("count(fever, night_pain >= 2") == "13: expected a number, got the yes/no question 'night_pain'");
  CHECK(error_of("count(fever, age >= 2") == "21: expected ')', got the end");
  CHECK(error_of("count(fever, night_pain") == "23: expected ')', got the end");
  CHECK(error_of("yes(fever leg_pain)") == "10: expected ')', got 'leg_pain'");
}

TEST_CASE("syntax errors name the unexpected token") {
  CHECK(error_of("") == "0: the condition ends too early");
  CHECK(error_of("   ") == "3: the condition ends too early");
  CHECK(error_of("fever and") == "9: the condition ends too early");
  CHECK(error_of("not") == "3: the condition ends too early");
  CHECK(error_of("age <") == "5: the condition ends too early");
  CHECK(error_of("and fever") == "0: expected a condition, got 'and'");
  CHECK(error_of("fever or or leg_pain") == "9: expected a condition, got 'or'");
  CHECK(error_of("fever leg_pain") == "6: expected 'and', 'or' or the end of the condition, got 'leg_pain'");
  CHECK(error_of(", fever") == "0: expected a condition, got ','");
  CHECK(error_of("fever = yes") ==
        "6: unexpected '=' [comparisons are < <= > >= == !=; negation is 'not']");
  CHECK(error_of("!fever") == "0: unexpected '!' [comparisons are < <= > >= == !=; negation is 'not']");
  CHECK(error_of("fever && leg_pain") == "6: unexpected '&' [write 'and' / 'or']");
  CHECK(error_of("fever || leg_pain") == "6: unexpected '|' [write 'and' / 'or']");
  CHECK(error_of("fever $") == "6: unexpected character '$'");
  CHECK(error_of("unknwn(fever)") ==
        "0: unknown function 'unknwn' (did you mean 'unknown'?) [functions are yes, no, unknown, known, count, any_yes, any_unknown]");
  CHECK(error_of("unknown(3)") == "8: unknown() takes a question id, got '3'");
  CHECK(error_of("any_yes()") == "8: any_yes() takes a question id, got ')'");
}

TEST_CASE("outputs may be named only in invariants") {
  CHECK(error_of("urgency == emergency") == "0: 'urgency' is an output; only invariants may use outputs");
  CHECK(error_of("fever and recommendation != self-manage") ==
        "10: 'recommendation' is an output; only invariants may use outputs");
  CHECK(error_of("urgency == emergency", invariant_scope()) == "parsed");
  CHECK(error_of("urgency > routine", invariant_scope()) == "parsed");
  CHECK(error_of("routine < urgency", invariant_scope()) == "parsed");
  CHECK(error_of("any_yes(red_flags) and recommendation != self-manage", invariant_scope()) == "parsed");
}

TEST_CASE("an unknown value of an output's scale in an invariant is an error naming the scale") {
  CHECK(error_of("urgency == critical", invariant_scope()) ==
        "11: unknown value 'critical' for urgency [urgency is one of: routine, urgent, emergency]");
  CHECK(error_of("urgency >= urgnt", invariant_scope()) ==
        "11: unknown value 'urgnt' for urgency (did you mean 'urgent'?) [urgency is one of: routine, urgent, emergency]");
  CHECK(error_of("self_manage != recommendation", invariant_scope()) ==
        "0: unknown value 'self_manage' for recommendation (did you mean 'self-manage'?) "
        "[recommendation is one of: self-manage, start-pt, see-specialist]");
  CHECK(error_of("urgency == 2", invariant_scope()) ==
        "11: expected a value of urgency (routine, urgent, emergency), got a number");
  CHECK(error_of("urgency == fever", invariant_scope()) ==
        "11: expected a value of urgency (routine, urgent, emergency), got a condition");
  CHECK(error_of("urgency == recommendation", invariant_scope()) ==
        "11: expected a value of urgency (routine, urgent, emergency), got the output 'recommendation'");
  CHECK(error_of("urgency", invariant_scope()) == "0: expected a condition, got the output 'urgency'");
}

TEST_CASE("nesting deeper than 50 levels is refused, not a stack overflow") {
  auto nested = [](int depth) { return std::string(depth, '(') + "fever" + std::string(depth, ')'); };
  CHECK(error_of(nested(49)) == "parsed");
  CHECK(error_of(nested(50)) == "50: condition nested more than 50 levels deep");
  CHECK(error_of(nested(1000)) == "50: condition nested more than 50 levels deep");
  std::string nots;
  for (int i = 0; i < 49; ++i) nots += "not ";
  CHECK(error_of(nots + "fever") == "parsed");
  CHECK(error_of(nots + "not fever") == "196: condition nested more than 50 levels deep");
  CHECK(error_of(std::string(4001, '(')) == "0: condition longer than 4000 characters");
  CHECK(error_of(std::string(2000, '(') + std::string(2000, ')')) == "50: condition nested more than 50 levels deep");
}

TEST_CASE("long flat conditions are fine") {
  std::string text = "fever";
  for (int i = 0; i < 300; ++i) text += " or fever";
  CHECK(error_of(text) == "parsed");
  CHECK(eval(text, {{"fever", yes}}));
}

TEST_CASE("numbers take the units of durations, and decimals need a unit") {
  auto constant = [](std::string_view text) {
    Expr expr = parse_ok(std::string("duration_days >= ") + std::string(text));
    const ExprNode& compare = expr.nodes.back();
    return expr.nodes[expr.args[compare.first + 1]].value;
  };
  CHECK(constant("42") == 42);
  CHECK(constant("6 weeks") == 42);
  CHECK(constant("6weeks") == 42);
  CHECK(constant("6 WEEKS") == 42);
  CHECK(constant("6 w") == 42);
  CHECK(constant("6 wk") == 42);
  CHECK(constant("6 wks") == 42);
  CHECK(constant("1 week") == 7);
  CHECK(constant("3 d") == 3);
  CHECK(constant("3 day") == 3);
  CHECK(constant("3 days") == 3);
  CHECK(constant("2 mo") == 60);
  CHECK(constant("2 mos") == 60);
  CHECK(constant("1 month") == 30);
  CHECK(constant("2 months") == 60);
  CHECK(constant("1 y") == 365);
  CHECK(constant("1 yr") == 365);
  CHECK(constant("2 yrs") == 730);
  CHECK(constant("1 year") == 365);
  CHECK(constant("2 years") == 730);
  CHECK(constant("2.5 weeks") == 17);
  CHECK(constant("0.5 months") == 15);
  CHECK(error_of("duration_days > 2.5") == "16: a decimal needs a unit (e.g. 2.5 weeks), got '2.5'");
  CHECK(error_of("duration_days > 1.2.3 weeks") == "16: malformed number '1.2.3'");
  CHECK(error_of("duration_days > 6 fortnights") ==
        "18: expected 'and', 'or' or the end of the condition, got 'fortnights'");
  CHECK(error_of("age < 99999999999") == "6: number too large: '99999999999'");
}

// ---- evaluation --------------------------------------------------------------------------

TEST_CASE("a yes/no question by name holds only when answered yes") {
  CHECK(eval("fever", {{"fever", yes}}));
  CHECK_FALSE(eval("fever", {{"fever", no}}));
  CHECK_FALSE(eval("fever", {}));
  CHECK(eval("yes(fever)", {{"fever", yes}}));
  CHECK_FALSE(eval("yes(fever)", {}));
  CHECK(eval("no(fever)", {{"fever", no}}));
  CHECK_FALSE(eval("no(fever)", {}));
  CHECK_FALSE(eval("no(fever)", {{"fever", yes}}));
  CHECK(eval("unknown(fever)", {}));
  CHECK_FALSE(eval("unknown(fever)", {{"fever", no}}));
  CHECK(eval("known(fever)", {{"fever", no}}));
  CHECK_FALSE(eval("known(fever)", {}));
  CHECK(eval("unknown(age)", {}));
  CHECK(eval("known(age)", {{"age", 0}}));
}

TEST_CASE("not inverts, so not of an unknown answer holds") {
  CHECK(eval("not fever", {{"fever", no}}));
  CHECK(eval("not fever", {}));
  CHECK_FALSE(eval("not fever", {{"fever", yes}}));
  CHECK(eval("not not fever", {{"fever", yes}}));
  CHECK(eval("not (age < 16)", {}));
  CHECK(eval("not true", {}) == false);
  CHECK(eval("not false", {}));
}

TEST_CASE("an unknown answer is never equal to, below or above anything") {
  for (const char* text : {"age < 16", "age <= 16", "age > 16", "age >= 16", "age == 16", "age != 16",
                           "16 > age", "16 != age", "duration_days >= 0", "duration_days < 36501",
                           "duration_days != 5"}) {
    CAPTURE(text);
    CHECK_FALSE(eval(text, {}));
  }
}

TEST_CASE("comparisons with known answers compare the numbers") {
  CHECK(eval("age < 16", {{"age", 15}}));
  CHECK_FALSE(eval("age < 16", {{"age", 16}}));
  CHECK(eval("age <= 16", {{"age", 16}}));
  CHECK(eval("age > 49", {{"age", 50}}));
  CHECK(eval("age >= 50", {{"age", 50}}));
  CHECK_FALSE(eval("age >= 50", {{"age", 49}}));
  CHECK(eval("age == 0", {{"age", 0}}));
  CHECK(eval("age != 0", {{"age", 1}}));
  CHECK(eval("16 > age", {{"age", 15}}));
  CHECK_FALSE(eval("16 > age", {{"age", 16}}));
  CHECK(eval("duration_days >= 6 weeks", {{"duration_days", 42}}));
  CHECK_FALSE(eval("duration_days >= 6 weeks", {{"duration_days", 41}}));
  CHECK(eval("duration_days < 2.5 weeks", {{"duration_days", 16}}));
  CHECK_FALSE(eval("duration_days < 2.5 weeks", {{"duration_days", 17}}));
}

TEST_CASE("and binds tighter than or; parentheses group") {
  // fever or (leg_pain and numbness)
  CHECK(eval("fever or leg_pain and numbness", {{"fever", yes}, {"leg_pain", no}}));
  CHECK_FALSE(eval("fever or leg_pain and numbness", {{"fever", no}, {"leg_pain", yes}, {"numbness", no}}));
  CHECK_FALSE(eval("(fever or leg_pain) and numbness", {{"fever", yes}, {"numbness", no}}));
  CHECK(eval("(fever or leg_pain) and numbness", {{"leg_pain", yes}, {"numbness", yes}}));
  CHECK(eval("not fever and leg_pain", {{"fever", no}, {"leg_pain", yes}}));
  CHECK_FALSE(eval("not fever and leg_pain", {{"fever", no}, {"leg_pain", no}}));
  CHECK(eval("not (fever and leg_pain)", {{"fever", yes}, {"leg_pain", no}}));
}

TEST_CASE("count is the number of its conditions that hold") {
  const char* u5 = "count(weight_loss, night_pain, age >= 50) >= 2";
  CHECK_FALSE(eval(u5, {}));
  CHECK_FALSE(eval(u5, {{"weight_loss", yes}}));
  CHECK(eval(u5, {{"weight_loss", yes}, {"night_pain", yes}}));
  CHECK(eval(u5, {{"night_pain", yes}, {"age", 62}}));
  CHECK(eval(u5, {{"weight_loss", yes}, {"age", 50}}));
  CHECK_FALSE(eval(u5, {{"weight_loss", yes}, {"age", 49}}));
  CHECK_FALSE(eval(u5, {{"night_pain", yes}, {"weight_loss", no}}));  // age unknown counts as not holding
  CHECK(eval("count(fever, night_pain, weight_loss) == 3", {{"fever", yes}, {"night_pain", yes}, {"weight_loss", yes}}));
  CHECK(eval("count(fever, night_pain) == 0", {}));
  CHECK(eval("count(not fever, unknown(age)) == 2", {}));
}

TEST_CASE("any_yes and any_unknown test groups and lists of questions") {
  CHECK_FALSE(eval("any_yes(red_flags)", {}));
  CHECK(eval("any_yes(red_flags)", {{"night_pain", yes}}));
  CHECK(eval("any_yes(red_flags)", {{"both_legs", yes}}));
  CHECK_FALSE(eval("any_yes(red_flags)", {{"leg_pain", yes}}));  // not a red flag
  CHECK(eval("any_yes(emergency_flags)", {{"both_legs", yes}}));
  CHECK_FALSE(eval("any_yes(emergency_flags)", {{"fever", yes}}));
  CHECK(eval("any_yes(fever, leg_pain)", {{"leg_pain", yes}}));

  std::map<std::string, AnswerValue> all_no = {{"both_legs", no}, {"fever", no}, {"night_pain", no}, {"weight_loss", no}};
  CHECK_FALSE(eval("any_unknown(red_flags)", all_no));
  CHECK(eval("any_unknown(red_flags)", {{"fever", no}, {"night_pain", no}, {"weight_loss", no}}));
  CHECK(eval("any_unknown(emergency_flags)", {{"fever", no}, {"night_pain", no}, {"weight_loss", no}}));
  CHECK_FALSE(eval("any_unknown(emergency_flags)", {{"both_legs", yes}}));
  CHECK(eval("any_unknown(age, fever)", {{"fever", no}}));
  CHECK_FALSE(eval("any_unknown(age, fever)", {{"fever", no}, {"age", 40}}));
}

TEST_CASE("any_unknown skips questions that are not applicable") {
  // both_legs (index 4) is blank but not applicable: the screen is complete.
  std::vector<std::uint8_t> applicable(kQuestions, 1);
  applicable[4] = 0;
  std::map<std::string, AnswerValue> rest_no = {{"fever", no}, {"night_pain", no}, {"weight_loss", no}};
  CHECK_FALSE(eval("any_unknown(red_flags)", rest_no, applicable.data()));
  CHECK(eval("any_unknown(red_flags)", rest_no, nullptr));
  applicable[4] = 1;
  CHECK(eval("any_unknown(red_flags)", rest_no, applicable.data()));
}

TEST_CASE("invariants compare outputs with values of their scale") {
  // outputs: duration_class, category, recommendation, urgency as levels.
  CHECK(eval_invariant("urgency > routine", {}, {0, 0, 2, 1}));
  CHECK_FALSE(eval_invariant("urgency > routine", {}, {0, 0, 2, 0}));
  CHECK(eval_invariant("routine < urgency", {}, {0, 0, 2, 2}));
  CHECK(eval_invariant("recommendation == see-specialist", {}, {0, 0, 2, 0}));
  CHECK_FALSE(eval_invariant("recommendation == see-specialist", {}, {0, 0, 1, 0}));
  CHECK(eval_invariant("recommendation != self-manage", {}, {0, 0, 1, 0}));
  CHECK_FALSE(eval_invariant("recommendation != self-manage", {}, {0, 0, 0, 0}));
  CHECK(eval_invariant("fever and category == other", {{"fever", yes}}, {0, 2, 0, 0}));
  CHECK(eval_invariant("duration_class >= subacute", {}, {2, 0, 0, 0}));
}
