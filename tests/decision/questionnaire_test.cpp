#include "decision/questionnaire.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "output/report.h"
#include "rules/loader.h"
#include "test_support.h"

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

// ---- The default rule set (version 2) ----------------------------------------------------------

namespace {

// The ids of `indices`, for readable failures.
std::vector<std::string> ids_of(const RuleSet& rules, const std::vector<std::uint16_t>& indices) {
  std::vector<std::string> ids;
  for (int i : indices) ids.push_back(rules.questions[i].id);
  return ids;
}

bool contains(const std::vector<std::uint16_t>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The answer a worked case of rules/90-tests.yaml gives to question `id`: the listed one, else
// no for a yes/no question ("unlisted: no"), else blank.
std::string case_answer(const RuleSet& rules, const std::map<std::string, std::string>& answers, const std::string& id) {
  auto listed = answers.find(id);
  if (listed != answers.end()) return listed->second;
  return rules.questions[rules.question_index(id)].type == AnswerType::yes_no ? "no" : "";
}

// Answers every question the questionnaire asks from a worked case, as `ask` with piped answers.
void answer_case(const RuleSet& rules, Questionnaire& q, const std::map<std::string, std::string>& answers) {
  while (q.asking()) {
    const std::string id = current_id(rules, q);
    auto r = q.answer(case_answer(rules, answers, id));
    REQUIRE_MESSAGE(r.accepted, (id + ": " + r.reason));
  }
}

// What `eval` gets for a case: every question's answer by index (a blank one unknown).
// With `reached` >= 0, only the questions before it are answered (what ask read before it
// stopped) and the rest are blank.
std::vector<AnswerValue> eval_answers(const RuleSet& rules, const std::map<std::string, std::string>& answers,
                                      int reached = -1) {
  std::vector<AnswerValue> values(rules.questions.size(), kUnknown);
  for (size_t i = 0; i < rules.questions.size(); ++i) {
    if (reached >= 0 && static_cast<int>(i) >= reached) break;
    const Question& question = rules.questions[i];
    ParsedAnswer parsed = parse_answer(question.type, question.min, question.max,
                                       case_answer(rules, answers, question.id));
    REQUIRE_MESSAGE(parsed.ok(), (question.id + ": " + parsed.error));
    values[i] = parsed.value;
  }
  return values;
}

std::vector<std::string> outputs_of(const RuleSet& rules, const Decision& d) {
  std::vector<std::string> out;
  for (Output o : {Output::duration_class, Output::category, Output::recommendation, Output::urgency})
    out.push_back(rules.scale(o).values[d.level(o)]);
  return out;
}

}  // namespace

TEST_CASE("the default rule set asks 34 questions at most and stops on saddle numbness") {
  const RuleSet& rules = builtin();
  Questionnaire q(rules);
  CHECK(rules.questions.size() == 34);
  CHECK(q.up_to() == 34);
  run(rules, q, {"3", "no", "no", "no"});
  // No leg symptoms: both_legs and weakness_worsening no longer apply.
  CHECK(current_id(rules, q) == "difficulty_walking");
  CHECK(q.position() == 5);
  CHECK(q.up_to() == 32);
  run(rules, q, {"no", "no", "no", "no", "38"});
  // 38, 3 days: the aneurysm, sudden-onset, back-shape and four spondyloarthritis questions
  // no longer apply.
  REQUIRE(current_id(rules, q) == "saddle_numbness");
  CHECK(q.position() == 10);
  CHECK(q.up_to() == 25);
  REQUIRE(q.answer("yes").accepted);
  CHECK(q.state() == Questionnaire::State::emergency);
  CHECK(ids_of(rules, q.decision().red_flags) == std::vector<std::string>{"saddle_numbness"});
}

TEST_CASE("the default rule set refuses a blank answer to its six required questions only") {
  const RuleSet& rules = builtin();
  const std::vector<std::string> required{"duration_days", "numbness", "weakness", "difficulty_walking",
                                          "prior_injury", "age"};
  Questionnaire q(rules);
  std::vector<std::string> refused;
  // A plain case: every question asked is answered no (age 30, 20 days) after trying a blank.
  while (q.asking()) {
    const std::string id = current_id(rules, q);
    auto blank = q.answer("");
    if (blank.accepted) {
      REQUIRE(q.back());
      REQUIRE(current_id(rules, q) == id);
    } else {
      CHECK(blank.reason == "this question needs an answer and cannot be skipped");
      refused.push_back(id);
    }
    REQUIRE(q.answer(id == "age" ? "30" : id == "duration_days" ? "20" : "no").accepted);
  }
  CHECK(refused == required);
  REQUIRE(q.state() == Questionnaire::State::complete);
  CHECK(q.asked().size() == 23);
  CHECK(outputs_of(rules, q.decision()) == std::vector<std::string>{"acute", "nonspecific", "start-pt", "routine"});
}

TEST_CASE("after an emergency stop the questions not reached are not asked, never unanswered") {
  const RuleSet& rules = builtin();
  const int u6 = rules.rule_index("U6");
  const int p6 = rules.rule_index("P6");
  REQUIRE(u6 >= 0);
  REQUIRE(p6 >= 0);
  // W8 of rules/90-tests.yaml (saddle numbness, 38), with the recurrence question skipped.
  Questionnaire q(rules);
  run(rules, q, {"3", "no", "no", "no", "no", "no", "", "no", "38"});
  REQUIRE(current_id(rules, q) == "saddle_numbness");
  REQUIRE(q.answer("yes").accepted);
  REQUIRE(q.state() == Questionnaire::State::emergency);
  const Decision& d = q.decision();

  // Every applicable question after saddle_numbness; not the aneurysm, sudden-onset, back-shape
  // and spondyloarthritis questions, which do not apply at 38 with 3 days of pain.
  CHECK(ids_of(rules, d.not_asked) ==
        std::vector<std::string>{"bladder_bowel", "sexual_dysfunction", "fall_or_injury", "major_trauma",
                                 "non_spinal_pain", "pregnant", "pregnancy_warning", "fever", "infection_risk",
                                 "cancer_history", "weight_loss", "osteoporosis_steroids", "night_pain",
                                 "thoracic_pain", "loin_pain"});
  // Only the question skipped on the way is unanswered.
  CHECK(ids_of(rules, d.unanswered) == std::vector<std::string>{"recurrent"});
  CHECK_FALSE(contains(d.matched_rules, u6));
  CHECK_FALSE(contains(d.matched_rules, p6));
  CHECK(ids_of(rules, d.red_flags) == std::vector<std::string>{"saddle_numbness"});
  CHECK(outputs_of(rules, d) == std::vector<std::string>{"acute", "other", "see-specialist", "emergency"});

  // `eval` of the same answers with every later question blank: the same four outputs, but the
  // blanks are unanswered and make U6 and P6 match; ask must not read them so.
  Decision blanks = decide(rules, q.final_answers());
  CHECK(outputs_of(rules, blanks) == outputs_of(rules, d));
  CHECK(contains(blanks.matched_rules, u6));
  CHECK(contains(blanks.unanswered, rules.question_index("bladder_bowel")));
  CHECK(blanks.not_asked.empty());

  // Back from the stop: the questions are in play again, nothing is "not asked".
  REQUIRE(q.back());
  CHECK(q.decision().not_asked.empty());
  CHECK(current_id(rules, q) == "saddle_numbness");
}

// Worked cases of rules/90-tests.yaml answered through the questionnaire: the outcome is the
// expected one and the one evaluate() gives for the same answers (eval). After an emergency
// stop, evaluate() of the answers read so far, every later one blank, gives the same four
// outputs, and the stopped decision lists the later questions as not asked instead.
TEST_CASE("worked cases through the questionnaire give eval's outcome") {
  struct WorkedCase {
    const char* name;
    std::map<std::string, std::string> answers;  // unlisted yes/no questions are no
    std::vector<std::string> expected;           // duration_class, category, recommendation, urgency
    const char* stops_at;                         // the question of the emergency stop, or nullptr
  };
  const std::vector<WorkedCase> cases{
      {"W1", {{"duration_days", "5"}, {"age", "30"}}, {"acute", "nonspecific", "self-manage", "routine"}, nullptr},
      {"W4", {{"duration_days", "20"}, {"age", "30"}}, {"acute", "nonspecific", "start-pt", "routine"}, nullptr},
      {"W6",
       {{"duration_days", "30"}, {"age", "35"}, {"leg_pain", "yes"}, {"numbness", "yes"}, {"improving", "yes"}},
       {"subacute", "radicular", "self-manage", "routine"},
       nullptr},
      {"W8", {{"duration_days", "3"}, {"age", "38"}, {"saddle_numbness", "yes"}},
       {"acute", "other", "see-specialist", "emergency"}, "saddle_numbness"},
      {"W10",
       {{"duration_days", "10"}, {"age", "40"}, {"leg_pain", "yes"}, {"saddle_numbness", ""}, {"bladder_bowel", ""},
        {"sexual_dysfunction", ""}},
       {"acute", "radicular", "see-specialist", "urgent"},
       nullptr},
      {"W11", {{"duration_days", "12"}, {"age", "44"}, {"leg_pain", "yes"}, {"both_legs", "yes"}},
       {"acute", "other", "see-specialist", "emergency"}, "both_legs"},
      {"W12", {{"duration_days", "12"}, {"age", "30"}, {"both_legs", "yes"}},
       {"acute", "nonspecific", "self-manage", "routine"}, nullptr},
      {"W13",
       {{"duration_days", "3 years"}, {"age", "74"}, {"leg_pain", "yes"}, {"numbness", "yes"},
        {"difficulty_walking", "yes"}, {"prior_injury", "yes"}},
       {"chronic", "radicular", "see-specialist", "routine"},
       nullptr},
      {"W17", {{"duration_days", "40"}, {"age", "60"}, {"cancer_history", "yes"}, {"numbness", "yes"}},
       {"subacute", "other", "see-specialist", "emergency"}, "cancer_history"},
      {"W21", {{"duration_days", "8"}, {"age", "60"}, {"fever", "yes"}, {"infection_risk", "yes"}},
       {"acute", "other", "see-specialist", "emergency"}, "infection_risk"},
      {"W35", {{"duration_days", "2"}, {"age", "29"}, {"pregnant", "yes"}, {"pregnancy_warning", "yes"}},
       {"acute", "other", "see-specialist", "emergency"}, "pregnancy_warning"},
      {"sexual function question alone blank",
       {{"duration_days", "5"}, {"age", "52"}, {"improving", "yes"}, {"sexual_dysfunction", ""}},
       {"acute", "nonspecific", "see-specialist", "urgent"},
       nullptr},
      {"W48",
       {{"duration_days", "5 months"}, {"age", "19"}, {"spa_night_waking", "yes"}, {"spa_better_moving", "yes"},
        {"spa_nsaid_response", "yes"}, {"spa_linked_condition", "yes"}},
       {"chronic", "other", "see-specialist", "routine"},
       nullptr},
  };
  const RuleSet& rules = builtin();
  for (const WorkedCase& c : cases) {
    CAPTURE(c.name);
    Questionnaire q(rules);
    answer_case(rules, q, c.answers);
    const Decision& d = q.decision();
    // eval of every answer of the case, including those of questions ask never asked.
    Decision full = decide(rules, eval_answers(rules, c.answers));
    CHECK(outputs_of(rules, full) == c.expected);
    CHECK(outputs_of(rules, d) == c.expected);
    if (!c.stops_at) {
      REQUIRE(q.state() == Questionnaire::State::complete);
      CHECK(d.not_asked.empty());
      CHECK(d.matched_rules == full.matched_rules);
      CHECK(ids_of(rules, d.unanswered) == ids_of(rules, full.unanswered));
      CHECK(ids_of(rules, d.red_flags) == ids_of(rules, full.red_flags));
      continue;
    }
    REQUIRE(q.state() == Questionnaire::State::emergency);
    const int stop = rules.question_index(c.stops_at);
    REQUIRE(!q.asked().empty());
    CHECK(rules.questions[q.asked().back()].id == c.stops_at);
    // eval of the answers read before the stop, the rest blank.
    Decision blanks = decide(rules, eval_answers(rules, c.answers, stop + 1));
    CHECK(outputs_of(rules, blanks) == outputs_of(rules, d));
    CHECK(ids_of(rules, d.red_flags) == ids_of(rules, blanks.red_flags));
    CHECK_FALSE(contains(d.matched_rules, rules.rule_index("U6")));
    CHECK_FALSE(contains(d.matched_rules, rules.rule_index("P6")));
    CHECK_FALSE(d.not_asked.empty());
    for (size_t i = 0; i < rules.questions.size(); ++i) {
      CAPTURE(rules.questions[i].id);
      const int index = static_cast<int>(i);
      // Not asked: exactly the questions after the stop that apply given the answers so far.
      CHECK(contains(d.not_asked, index) == (index > stop && blanks.applicable[i] != 0));
      if (index > stop) CHECK_FALSE(contains(d.unanswered, index));
      else CHECK(contains(d.unanswered, index) == contains(blanks.unanswered, index));
    }
  }
}
