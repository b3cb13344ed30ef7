#include "decision/questionnaire.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "output/report.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

// A small rule set whose shape mirrors the default one: a required duration first, conditional
// questions, an emergency red flag, and a conditional question after an optional one.
const char* const kRules = R"(
ruleset: {name: questionnaire test, version: "1"}
outputs:
  duration_class: {values: [short, long]}
  category: {values: [plain, other]}
  recommendation: {values: [rest, doctor]}
  urgency: {values: [routine, soon, emergency]}
questions:
  - {id: days, type: duration, required: true, prompt: "How long?", help: Days or weeks.}
  - {id: leg, type: yes_no, prompt: "Leg pain?"}
  - {id: numb, type: yes_no, required: true, prompt: "Numb?"}
  - {id: both, type: yes_no, asked_if: leg or numb, red_flag: emergency, prompt: "Both legs?"}
  - {id: age, type: number, min: 0, max: 120, prompt: "Age?"}
  - {id: fever, type: yes_no, red_flag: yes, prompt: "Fever?"}
  - {id: risk, type: yes_no, asked_if: fever, prompt: "Risk?"}
  - {id: night, type: yes_no, prompt: "Night pain?"}
rules:
  - {id: L1, title: long, when: days >= 28, duration_class: long, source: test}
  - {id: E1, title: both legs, when: both, recommendation: doctor, urgency: emergency, source: test}
  - {id: E2, title: infection, when: fever and risk, recommendation: doctor, urgency: emergency, source: test}
  - {id: U1, title: fever, when: fever, recommendation: doctor, urgency: soon, source: test}
)";

RuleSet load(std::vector<RuleSource> sources) {
  LoadResult result = load_rules(std::move(sources));
  REQUIRE_MESSAGE(result.rules.has_value(), format_diagnostics(result));
  return std::move(*result.rules);
}

RuleSet test_rules() { return load({{"test.yaml", kRules}}); }

std::string current_id(const RuleSet& rules, const Questionnaire& q) {
  return q.asking() ? rules.questions[q.current()].id : std::string("(none)");
}

// Answers each reply in turn, requiring every one to be accepted; returns the ids asked.
std::vector<std::string> run(const RuleSet& rules, Questionnaire& q, const std::vector<std::string>& replies) {
  std::vector<std::string> asked;
  for (const std::string& reply : replies) {
    REQUIRE(q.asking());
    asked.push_back(current_id(rules, q));
    auto r = q.answer(reply);
    REQUIRE_MESSAGE(r.accepted, r.reason);
  }
  return asked;
}

AnswerValue final_answer(const RuleSet& rules, const Questionnaire& q, const char* id) {
  return q.final_answers()[rules.question_index(id)];
}

}  // namespace

TEST_CASE("questions are asked in rule-set order and the questionnaire completes") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  CHECK(q.position() == 1);
  auto asked = run(rules, q, {"5", "yes", "no", "no", "40", "no", "no"});
  CHECK(asked == std::vector<std::string>{"days", "leg", "numb", "both", "age", "fever", "night"});
  CHECK(q.state() == Questionnaire::State::complete);
  CHECK(q.current() == -1);
  CHECK(final_answer(rules, q, "days") == 5);
  CHECK(final_answer(rules, q, "age") == 40);
  CHECK(final_answer(rules, q, "leg") == 1);
}

TEST_CASE("a question whose asked-if condition is false is skipped and reads as unknown") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  auto asked = run(rules, q, {"3 weeks", "no", "no", "", "no", ""});
  CHECK(asked == std::vector<std::string>{"days", "leg", "numb", "age", "fever", "night"});
  CHECK(q.state() == Questionnaire::State::complete);
  CHECK(final_answer(rules, q, "days") == 21);
  CHECK(final_answer(rules, q, "both") == kUnknown);
  CHECK(final_answer(rules, q, "risk") == kUnknown);
  CHECK(q.decision().applicable[rules.question_index("both")] == 0);
  CHECK(q.decision().applicable[rules.question_index("risk")] == 0);
}

TEST_CASE("the final decision is the one evaluate gives for the final answers") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"40", "", "yes", "no", "", "yes", "no", "yes"});
  REQUIRE(q.state() == Questionnaire::State::complete);
  Decision direct;
  evaluate(rules, q.final_answers(), direct);
  CHECK(direct.outcome == q.decision().outcome);
  CHECK(direct.matched_rules == q.decision().matched_rules);
  CHECK(direct.unanswered == q.decision().unanswered);
  CHECK(rules.scale(Output::urgency).values[q.decision().level(Output::urgency)] == "soon");
}

TEST_CASE("an empty answer skips an optional question but a required one refuses it") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  auto refused = q.answer("");
  CHECK_FALSE(refused.accepted);
  CHECK(refused.reason == "this question needs an answer and cannot be skipped");
  CHECK(current_id(rules, q) == "days");
  CHECK_FALSE(q.answer("  \t").accepted);
  CHECK_FALSE(q.skip().accepted);
  CHECK(q.answer("2").accepted);
  CHECK(current_id(rules, q) == "leg");
  CHECK(q.answer("").accepted);  // optional: skipped
  CHECK(current_id(rules, q) == "numb");
  CHECK(final_answer(rules, q, "leg") == kUnknown);
}

TEST_CASE("an invalid answer is refused with the parser's reason and changes nothing") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  auto r = q.answer("three weeks");
  CHECK_FALSE(r.accepted);
  CHECK(r.reason ==
        "expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'three weeks'");
  CHECK(q.position() == 1);
  REQUIRE(q.answer("1").accepted);
  r = q.answer("maybe");
  CHECK(r.reason == "expected yes or no (y, n, true, false, 1, 0), got 'maybe'");
  run(rules, q, {"n", "n"});
  CHECK(current_id(rules, q) == "age");
  CHECK(q.answer("130").reason == "expected a whole number from 0 to 120, got '130'");
  CHECK(current_id(rules, q) == "age");
}

TEST_CASE("back returns to the previous question asked, skipping inapplicable ones") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  CHECK_FALSE(q.can_go_back());
  CHECK_FALSE(q.back());
  CHECK(current_id(rules, q) == "days");
  run(rules, q, {"5", "no", "no"});
  CHECK(current_id(rules, q) == "age");  // both was not applicable
  CHECK(q.position() == 4);
  REQUIRE(q.back());
  CHECK(current_id(rules, q) == "numb");
  CHECK(q.position() == 3);
  REQUIRE(q.back());
  CHECK(current_id(rules, q) == "leg");
  REQUIRE(q.back());
  CHECK(current_id(rules, q) == "days");
  CHECK_FALSE(q.back());
}

TEST_CASE("after back, an empty answer keeps the earlier answer and later answers are offered again") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "yes", "no", "no", "62"});
  REQUIRE(current_id(rules, q) == "fever");
  q.back();  // age
  q.back();  // both
  q.back();  // numb
  REQUIRE(current_id(rules, q) == "numb");
  CHECK(q.has_kept_answer());
  CHECK(q.kept_answer() == 0);
  REQUIRE(q.answer("yes").accepted);  // changed: both still applies (leg is yes)
  CHECK(current_id(rules, q) == "both");
  CHECK(q.has_kept_answer());
  CHECK(q.kept_answer() == 0);
  REQUIRE(q.answer("").accepted);  // keeps "no"
  CHECK(current_id(rules, q) == "age");
  CHECK(q.kept_answer() == 62);
  REQUIRE(q.answer("").accepted);
  CHECK(current_id(rules, q) == "fever");
  CHECK_FALSE(q.has_kept_answer());
  run(rules, q, {"no", "no"});
  REQUIRE(q.state() == Questionnaire::State::complete);
  CHECK(final_answer(rules, q, "numb") == 1);
  CHECK(final_answer(rules, q, "both") == 0);
  CHECK(final_answer(rules, q, "age") == 62);
}

TEST_CASE("an answer that no longer applies after back is dropped, and offered again if it applies again") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "yes", "no", "no"});
  REQUIRE(current_id(rules, q) == "age");
  q.back();  // both
  q.back();  // numb
  q.back();  // leg
  REQUIRE(q.answer("no").accepted);
  REQUIRE(q.answer("").accepted);  // numb keeps "no": both no longer applies
  CHECK(current_id(rules, q) == "age");
  CHECK(q.decision().applicable[rules.question_index("both")] == 0);
  q.back();  // numb
  q.back();  // leg
  REQUIRE(q.answer("yes").accepted);
  REQUIRE(q.answer("").accepted);
  CHECK(current_id(rules, q) == "both");
  CHECK(q.kept_answer() == 0);
}

TEST_CASE("skip leaves an optional question unknown even when it had a kept answer") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "yes"});
  q.back();
  REQUIRE(q.kept_answer() == 1);
  REQUIRE(q.skip().accepted);
  run(rules, q, {"no", "", "", ""});  // numb, age, fever, night; both and risk do not apply
  REQUIRE(q.state() == Questionnaire::State::complete);
  CHECK(final_answer(rules, q, "leg") == kUnknown);
  std::vector<std::uint16_t> unanswered{1, 4, 5, 7};  // leg, age, fever, night
  CHECK(q.decision().unanswered == unanswered);
}

TEST_CASE("the questionnaire stops as soon as the answers so far make an emergency") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "yes", "no", "yes"});  // both legs
  CHECK(q.state() == Questionnaire::State::emergency);
  CHECK_FALSE(q.asking());
  CHECK(q.current() == -1);
  CHECK(is_emergency(rules, q.decision()));
  CHECK(q.asked().size() == 4);
  CHECK(final_answer(rules, q, "both") == 1);
  CHECK(final_answer(rules, q, "age") == kUnknown);
  // Not stopped by a flag that only makes the urgency high but not an emergency.
  Questionnaire r(rules);
  run(rules, r, {"5", "no", "no", "", "yes"});
  CHECK(current_id(rules, r) == "risk");
  REQUIRE(r.answer("yes").accepted);
  CHECK(r.state() == Questionnaire::State::emergency);
}

TEST_CASE("back from an emergency stop returns to the question that caused it") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "yes", "no", "yes"});
  REQUIRE(q.state() == Questionnaire::State::emergency);
  REQUIRE(q.back());
  CHECK(current_id(rules, q) == "both");
  CHECK_FALSE(is_emergency(rules, q.decision()));
  REQUIRE(q.answer("no").accepted);
  CHECK(current_id(rules, q) == "age");
}

TEST_CASE("the count of questions that may remain shrinks as conditions settle") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  // days + 7 more: both and risk still depend on unanswered questions.
  CHECK(q.may_remain() == 7);
  CHECK(q.up_to() == 8);
  run(rules, q, {"5", "no"});
  CHECK(q.up_to() == 8);  // both still depends on numb, the current question
  REQUIRE(q.answer("no").accepted);
  CHECK(current_id(rules, q) == "age");
  CHECK(q.position() == 4);
  CHECK(q.may_remain() == 3);  // fever, risk (depends on fever), night
  CHECK(q.up_to() == 7);
  REQUIRE(q.answer("").accepted);
  REQUIRE(q.answer("no").accepted);
  CHECK(current_id(rules, q) == "night");
  CHECK(q.may_remain() == 0);
  CHECK(q.up_to() == q.position());
  REQUIRE(q.answer("no").accepted);
  CHECK(q.may_remain() == 0);
}

TEST_CASE("answers after the end are refused") {
  RuleSet rules = test_rules();
  Questionnaire q(rules);
  run(rules, q, {"5", "no", "no", "", "no", "no"});
  REQUIRE(q.state() == Questionnaire::State::complete);
  CHECK_FALSE(q.answer("yes").accepted);
  CHECK_FALSE(q.skip().accepted);
}

TEST_CASE("the default rule set asks 21 questions at most and stops on saddle numbness") {
  RuleSet rules = load(builtin_rule_sources());
  Questionnaire q(rules);
  CHECK(rules.questions.size() == 21);
  CHECK(q.up_to() == 21);
  run(rules, q, {"3", "no", "no", "no"});
  // both_legs and weakness_worsening no longer apply.
  CHECK(current_id(rules, q) == "difficulty_walking");
  CHECK(q.position() == 5);
  CHECK(q.up_to() == 19);
  run(rules, q, {"no", "no", "no", "no", "40"});
  REQUIRE(current_id(rules, q) == "saddle_numbness");
  REQUIRE(q.answer("yes").accepted);
  CHECK(q.state() == Questionnaire::State::emergency);
  CHECK(q.decision().red_flags.size() == 1);
}
