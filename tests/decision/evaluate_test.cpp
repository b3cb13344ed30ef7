#include "decision/evaluate.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "intake/intake.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

int question(const std::string& id) {
  int q = builtin().question_index(id);
  REQUIRE_MESSAGE(q >= 0, id);
  return q;
}

enum class Unlisted { no, blank };

// Answers by question index from answer texts; unlisted yes/no questions answer no (as in the
// worked cases of the clinical specification) or stay blank.
std::vector<AnswerValue> answers(const std::map<std::string, std::string>& given, Unlisted unlisted = Unlisted::no) {
  const RuleSet& rules = builtin();
  std::vector<AnswerValue> values(rules.questions.size(), kUnknown);
  if (unlisted == Unlisted::no)
    for (size_t q = 0; q < rules.questions.size(); ++q)
      if (rules.questions[q].type == AnswerType::yes_no) values[q] = 0;
  for (const auto& answer : given) {
    // Not a structured binding: doctest's REQUIRE_MESSAGE captures it in a lambda, which
    // C++17 allows only for variables (clang refuses, gcc lets it pass).
    const std::string& id = answer.first;
    const Question& q = rules.questions[question(id)];
    ParsedAnswer parsed = parse_answer(q.type, q.min, q.max, answer.second);
    REQUIRE_MESSAGE(parsed.ok(), id << ": " << parsed.error);
    values[question(id)] = parsed.value;
  }
  return values;
}

std::string join_questions(const std::vector<std::uint16_t>& indices) {
  std::string out;
  for (auto q : indices) out += (out.empty() ? "" : ",") + builtin().questions[q].id;
  return out;
}

std::string join_rules(const std::vector<std::uint16_t>& indices) {
  std::string out;
  for (auto r : indices) out += (out.empty() ? "" : ",") + builtin().rules[r].id;
  return out;
}

// "duration_class category recommendation urgency [rules] flags=... unanswered=..."
std::string summary(const Decision& d) {
  const RuleSet& rules = builtin();
  std::string out;
  for (int o = 0; o < kOutputCount; ++o) out += rules.scales[o].values[d.outcome[o]] + " ";
  out += "[" + join_rules(d.matched_rules) + "]";
  out += " flags=" + join_questions(d.red_flags);
  out += " unanswered=" + join_questions(d.unanswered);
  if (d.missing_required >= 0) out += " missing=" + rules.questions[d.missing_required].id;
  return out;
}


// The outputs and the matched rules: "duration_class category recommendation urgency [rules]".
std::string outcome(const std::map<std::string, std::string>& given, Unlisted unlisted = Unlisted::no) {
  Decision decision;
  evaluate(builtin(), answers(given, unlisted), decision);
  std::string out;
  for (int o = 0; o < kOutputCount; ++o) out += builtin().scales[o].values[decision.outcome[o]] + " ";
  return out + "[" + join_rules(decision.matched_rules) + "]";
}

// Every red-flag question of the default rules, in asking order.
const std::vector<std::string> kRedFlags = {
    "both_legs",      "weakness_worsening", "saddle_numbness", "bladder_bowel",  "sexual_dysfunction",
    "major_trauma",   "non_spinal_pain",    "known_aneurysm",  "sudden_severe",  "pregnancy_warning",
    "fever",          "infection_risk",     "cancer_history",  "weight_loss",    "osteoporosis_steroids",
    "deformity",      "night_pain",         "thoracic_pain",   "loin_pain"};
const std::vector<std::string> kEmergencyFlags = {"both_legs",          "weakness_worsening", "saddle_numbness",
                                                  "bladder_bowel",      "sexual_dysfunction", "major_trauma",
                                                  "non_spinal_pain",    "pregnancy_warning"};

struct WorkedCase {
  const char* id;
  std::map<std::string, std::string> answers;  // unlisted yes/no questions answer no
  const char* expected;                         // outputs, then [matched rules] when the case lists them
};

// The worked cases of the clinical specification of the default rules (version 2), as written
// there: answers, the four outputs, and every matched rule in rule-file order.
const std::vector<WorkedCase> kWorkedCases = {
    {"W1", {{"duration_days", "5"}, {"age", "30"}},
     "acute nonspecific self-manage routine [D1]"},
    {"W4", {{"duration_days", "20"}, {"age", "30"}},
     "acute nonspecific start-pt routine [D1,P1]"},
    {"W5", {{"duration_days", "16"}, {"age", "30"}, {"improving", "yes"}},
     "acute nonspecific self-manage routine [D1]"},
    {"W6", {{"duration_days", "30"}, {"age", "35"}, {"leg_pain", "yes"}, {"numbness", "yes"}, {"improving", "yes"}},
     "subacute radicular self-manage routine [D2,C1]"},
    {"W7", {{"duration_days", "50"}, {"age", "40"}, {"numbness", "yes"}, {"improving", ""}},
     "subacute radicular see-specialist routine [D2,C1,R5,P1,P2]"},
    {"W8", {{"duration_days", "3"}, {"age", "38"}, {"saddle_numbness", "yes"}},
     "acute other see-specialist emergency [D1,C2,E1]"},
    {"W9", {{"duration_days", "6"}, {"age", "36"}, {"leg_pain", "yes"}, {"sexual_dysfunction", "yes"}},
     "acute other see-specialist emergency [D1,C1,C2,E1,P2]"},
    {"W10", {{"duration_days", "10"}, {"age", "40"}, {"leg_pain", "yes"}, {"saddle_numbness", ""}, {"bladder_bowel", ""}, {"sexual_dysfunction", ""}},
     "acute radicular see-specialist urgent [D1,C1,U6,P2,P6]"},
    {"W11", {{"duration_days", "12"}, {"age", "44"}, {"leg_pain", "yes"}, {"both_legs", "yes"}},
     "acute other see-specialist emergency [D1,C1,C2,E1,P2]"},
    {"W12", {{"duration_days", "12"}, {"age", "30"}, {"both_legs", "yes"}},
     "acute nonspecific self-manage routine [D1]"},
    {"W13", {{"duration_days", "3 years"}, {"age", "74"}, {"leg_pain", "yes"}, {"numbness", "yes"}, {"difficulty_walking", "yes"}, {"prior_injury", "yes"}},
     "chronic radicular see-specialist routine [D3,C1,R5,R8,R9,P1,P2,P3,P4]"},
    {"W14", {{"duration_days", "4"}, {"age", "50"}, {"leg_pain", "yes"}, {"weakness", "yes"}, {"difficulty_walking", "yes"}},
     "acute radicular see-specialist urgent [D1,C1,U1,R4,P2,P3]"},
    {"W15", {{"duration_days", "9"}, {"age", "55"}, {"leg_pain", "yes"}, {"weakness", "yes"}, {"weakness_worsening", "yes"}, {"difficulty_walking", "yes"}},
     "acute other see-specialist emergency [D1,C1,C2,E2,U1,R4,P2,P3]"},
    {"W16", {{"duration_days", "3 weeks"}, {"age", "58"}, {"difficulty_walking", "yes"}, {"prior_injury", "yes"}, {"recurrent", "yes"}},
     "acute nonspecific start-pt routine [D1,P1,P3,P4,P5]"},
    {"W17", {{"duration_days", "40"}, {"age", "60"}, {"cancer_history", "yes"}, {"numbness", "yes"}},
     "subacute other see-specialist emergency [D2,C1,C2,E3,U3,R8,P1,P2]"},
    {"W18", {{"duration_days", "21"}, {"age", "58"}, {"cancer_history", "yes"}},
     "acute other see-specialist urgent [D1,C2,U3,P1]"},
    {"W19", {{"duration_days", "10"}, {"age", "52"}, {"leg_pain", "yes"}},
     "acute radicular start-pt routine [D1,C1,P2]"},
    {"W20", {{"duration_days", "3"}, {"age", "28"}, {"fever", "yes"}},
     "acute other see-specialist urgent [D1,C2,U2]"},
    {"W21", {{"duration_days", "8"}, {"age", "60"}, {"fever", "yes"}, {"infection_risk", "yes"}},
     "acute other see-specialist emergency [D1,C2,E6,U2,U7,R7]"},
    {"W22", {{"duration_days", "5"}, {"age", "29"}, {"infection_risk", "yes"}},
     "acute other see-specialist urgent [D1,C2,U7,R7]"},
    {"W23", {{"duration_days", "2 years"}, {"age", "45"}, {"infection_risk", "yes"}},
     "chronic other see-specialist routine [D3,C2,R7,P1]"},
    {"W24", {{"duration_days", "0"}, {"age", "73"}, {"known_aneurysm", "yes"}, {"sudden_severe", "yes"}},
     "acute other see-specialist emergency [D1,C2,E8,E9,U8,U9,R9]"},
    {"W25", {{"duration_days", "10"}, {"age", "68"}, {"known_aneurysm", "yes"}, {"improving", "yes"}},
     "acute other see-specialist emergency [D1,C2,E8,U8]"},
    {"W25b", {{"duration_days", "180"}, {"age", "68"}, {"known_aneurysm", "yes"}},
     "chronic other see-specialist urgent"},
    {"W26", {{"duration_days", "0"}, {"age", "65"}, {"sudden_severe", "yes"}},
     "acute other see-specialist emergency [D1,C2,E9,U9]"},
    {"W27", {{"duration_days", "3"}, {"age", "65"}, {"sudden_severe", "yes"}},
     "acute other see-specialist urgent [D1,C2,U9]"},
    {"W28", {{"duration_days", "0"}, {"age", "60"}, {"sudden_severe", "yes"}},
     "acute other see-specialist urgent [D1,C2,U9]"},
    {"W29", {{"duration_days", "0"}, {"age", "40"}, {"non_spinal_pain", "yes"}},
     "acute other see-specialist emergency [D1,C2,E5]"},
    {"W30", {{"duration_days", "2"}, {"age", "84"}, {"fall_or_injury", "yes"}, {"difficulty_walking", "yes"}},
     "acute other see-specialist urgent [D1,U10,U13,R9,P3]"},
    {"W31", {{"duration_days", "2"}, {"age", "35"}, {"fall_or_injury", "yes"}, {"improving", "yes"}},
     "acute other see-specialist urgent [D1,U13]"},
    {"W32", {{"duration_days", "5"}, {"age", "30"}, {"fall_or_injury", "yes"}, {"improving", "yes"}},
     "acute nonspecific self-manage routine [D1]"},
    {"W33", {{"duration_days", "0"}, {"age", "25"}, {"fall_or_injury", "yes"}, {"major_trauma", "yes"}, {"difficulty_walking", "yes"}},
     "acute other see-specialist emergency [D1,C2,E4,U13,P3]"},
    {"W34", {{"duration_days", "20"}, {"age", "67"}, {"fall_or_injury", ""}, {"improving", "yes"}},
     "acute nonspecific start-pt routine [D1,P6]"},
    {"W35", {{"duration_days", "2"}, {"age", "29"}, {"pregnant", "yes"}, {"pregnancy_warning", "yes"}},
     "acute other see-specialist emergency [D1,C2,E7]"},
    {"W36", {{"duration_days", "3 weeks"}, {"age", "31"}, {"pregnant", "yes"}, {"difficulty_walking", "yes"}},
     "acute nonspecific start-pt routine [D1,P1,P3]"},
    {"W37", {{"duration_days", "3 weeks"}, {"age", "72"}, {"deformity", "yes"}},
     "acute other see-specialist urgent [D1,C2,U11,R9,R11,P1]"},
    {"W38", {{"duration_days", "10 weeks"}, {"age", "72"}, {"deformity", "yes"}},
     "subacute other see-specialist routine [D2,C2,R8,R9,R11,P1]"},
    {"W39", {{"duration_days", "3 weeks"}, {"age", "45"}, {"thoracic_pain", "yes"}},
     "acute other see-specialist routine [D1,C2,R10,P1]"},
    {"W40", {{"duration_days", "3 weeks"}, {"age", "45"}, {"thoracic_pain", "yes"}, {"night_pain", "yes"}},
     "acute other see-specialist urgent [D1,C2,U5,R2,R10,P1]"},
    {"W41", {{"duration_days", "5"}, {"age", "55"}, {"night_pain", "yes"}},
     "acute other see-specialist routine [D1,C2,R2]"},
    {"W42", {{"duration_days", "2 weeks"}, {"age", "38"}, {"weight_loss", "yes"}},
     "acute other see-specialist routine [D1,C2,R1,P1]"},
    {"W43", {{"duration_days", "2 weeks"}, {"age", "62"}, {"weight_loss", "yes"}},
     "acute other see-specialist urgent [D1,C2,U5,R1,P1]"},
    {"W44", {{"duration_days", "0"}, {"age", "40"}, {"loin_pain", "yes"}},
     "acute other see-specialist urgent [D1,C2,U12]"},
    {"W45", {{"duration_days", "7 weeks"}, {"age", "68"}},
     "subacute nonspecific see-specialist routine [D2,R8,P1]"},
    {"W46", {{"duration_days", "7 weeks"}, {"age", "68"}, {"improving", "yes"}},
     "subacute nonspecific self-manage routine [D2]"},
    {"W47", {{"duration_days", "5"}, {"age", "75"}},
     "acute nonspecific see-specialist routine [D1,R9]"},
    {"W48", {{"duration_days", "5 months"}, {"age", "19"}, {"spa_night_waking", "yes"}, {"spa_better_moving", "yes"}, {"spa_nsaid_response", "yes"}, {"spa_linked_condition", "yes"}},
     "chronic other see-specialist routine [D3,R12,P1]"},
    {"W49", {{"duration_days", "5 months"}, {"age", "30"}, {"spa_better_moving", "yes"}},
     "chronic nonspecific start-pt routine [D3,P1]"},
    {"W55", {{"duration_days", "5 months"}, {"age", "30"}, {"spa_better_moving", "yes"}, {"spa_nsaid_response", "yes"}},
     "chronic other see-specialist routine [D3,R12,P1]"},
    {"W50", {{"duration_days", "7"}, {"age", "14"}},
     "acute nonspecific see-specialist routine [D1,R6]"},
    {"W51", {{"duration_days", "5"}, {"age", "70"}, {"osteoporosis_steroids", "yes"}, {"difficulty_walking", "yes"}},
     "acute other see-specialist urgent [D1,C2,U4,R3,P3]"},
    {"W52", {{"duration_days", "84"}, {"age", "30"}, {"improving", "yes"}},
     "subacute nonspecific self-manage routine [D2]"},
    {"W53", {{"duration_days", "2 years"}, {"age", "47"}, {"recurrent", "yes"}, {"difficulty_walking", "yes"}},
     "chronic nonspecific start-pt routine [D3,P1,P3,P5]"},
    {"W54", {{"duration_days", "3"}, {"age", "49"}, {"fever", "yes"}, {"infection_risk", "yes"}, {"cancer_history", "yes"}},
     "acute other see-specialist emergency [D1,C2,E6,U2,U3,U7,R7]"},
};

}  // namespace

// ---- the worked cases ----------------------------------------------------------------------

TEST_CASE("every worked case of the default rules gives its outputs and matched rules") {
  for (const WorkedCase& c : kWorkedCases) {
    CAPTURE(c.id);
    std::string got = outcome(c.answers);
    std::string expected = c.expected;
    if (expected.find('[') == std::string::npos) got = got.substr(0, got.find(" ["));  // outputs only
    CHECK(got == expected);
  }
}

TEST_CASE("W2: every warning-sign question and the fall question blank is urgent, never physiotherapy (U6)") {
  std::vector<AnswerValue> values = answers({{"duration_days", "5"}, {"age", "30"}});
  for (const auto& id : kRedFlags) values[question(id)] = kUnknown;
  values[question("fall_or_injury")] = kUnknown;
  Decision d;
  evaluate(builtin(), values, d);
  // Questions whose asked-if is false (both legs, worsening weakness, aneurysm, pregnancy warning
  // signs when not pregnant...) do not apply.
  CHECK(summary(d) ==
        "acute nonspecific see-specialist urgent [D1,U6,P6] flags= unanswered=saddle_numbness,bladder_bowel,"
        "sexual_dysfunction,fall_or_injury,major_trauma,non_spinal_pain,fever,infection_risk,"
        "cancer_history,weight_loss,osteoporosis_steroids,night_pain,thoracic_pain,loin_pain");
}

TEST_CASE("W3: emergency questions answered no, the others blank, starts physiotherapy (P6)") {
  std::vector<AnswerValue> values = answers({{"duration_days", "5"}, {"age", "30"}});
  for (const auto& id : kRedFlags)
    if (std::find(kEmergencyFlags.begin(), kEmergencyFlags.end(), id) == kEmergencyFlags.end())
      values[question(id)] = kUnknown;
  values[question("fall_or_injury")] = kUnknown;
  CHECK(summary(decide(builtin(), values)).rfind("acute nonspecific start-pt routine [D1,P6]", 0) == 0);
}

TEST_CASE("a v1 intake, without the questions added in version 2, is an incomplete emergency screen (U6)") {
  // The 21 questions of version 1 answered no; every question added since left blank.
  const std::vector<std::string> v1 = {"duration_days", "leg_pain", "numbness", "weakness", "both_legs",
                                       "weakness_worsening", "difficulty_walking", "prior_injury", "recurrent",
                                       "improving", "age", "saddle_numbness", "bladder_bowel", "major_trauma",
                                       "non_spinal_pain", "fever", "infection_risk", "cancer_history", "weight_loss",
                                       "osteoporosis_steroids", "night_pain"};
  std::map<std::string, std::string> given;
  for (const Question& q : builtin().questions)
    if (std::find(v1.begin(), v1.end(), q.id) == v1.end()) given[q.id] = "";
  given["duration_days"] = "5";
  given["age"] = "40";
  CHECK(outcome(given) == "acute nonspecific see-specialist urgent [D1,U6,P6]");
}

TEST_CASE("questions whose asked-if is false are ignored: neither a red flag, nor unanswered, nor U6 or P6") {
  // Two legs without a leg symptom; worsening without weakness; aneurysm and sudden pain under 60;
  // pregnancy outside 12 to 50; a serious accident after "no fall"; the spondyloarthritis block
  // at 45 or with pain of 3 months or less.
  CHECK(outcome({{"duration_days", "3"}, {"age", "30"}, {"both_legs", "yes"}, {"weakness_worsening", "yes"}}) ==
        "acute nonspecific self-manage routine [D1]");
  CHECK(outcome({{"duration_days", "3"}, {"age", "59"}, {"known_aneurysm", "yes"}, {"sudden_severe", "yes"}}) ==
        "acute nonspecific self-manage routine [D1]");
  CHECK(outcome({{"duration_days", "3"}, {"age", "60"}, {"known_aneurysm", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E8,U8]");
  CHECK(outcome({{"duration_days", "3"}, {"age", "51"}, {"pregnant", "yes"}, {"pregnancy_warning", "yes"}}) ==
        "acute nonspecific self-manage routine [D1]");
  CHECK(outcome({{"duration_days", "3"}, {"age", "30"}, {"fall_or_injury", "no"}, {"major_trauma", "yes"}}) ==
        "acute nonspecific self-manage routine [D1]");
  CHECK(outcome({{"duration_days", "5 months"}, {"age", "45"}, {"spa_night_waking", "yes"}, {"spa_better_moving", "yes"},
                 {"spa_nsaid_response", "yes"}, {"spa_linked_condition", "yes"}}) ==
        "chronic nonspecific start-pt routine [D3,P1]");
  CHECK(outcome({{"duration_days", "90"}, {"age", "20"}, {"spa_night_waking", "yes"}, {"spa_better_moving", "yes"},
                 {"spa_nsaid_response", "yes"}}) == "chronic nonspecific start-pt routine [D3,P1]");  // 90 days is not over 3 months
  // Blank, they do not make the screen incomplete either.
  std::vector<AnswerValue> values = answers({{"duration_days", "3"}, {"age", "30"}});
  for (const char* id : {"both_legs", "weakness_worsening", "known_aneurysm", "sudden_severe", "deformity",
                         "spa_night_waking"})
    values[question(id)] = kUnknown;
  CHECK(summary(decide(builtin(), values)) == "acute nonspecific self-manage routine [D1] flags= unanswered=");
}

TEST_CASE("the serious-accident question applies when the fall question is yes or blank") {
  CHECK(outcome({{"duration_days", "3"}, {"age", "30"}, {"fall_or_injury", ""}, {"major_trauma", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E4]");
}

TEST_CASE("red flags and unanswered questions are listed in question order") {
  std::map<std::string, std::string> given{{"duration_days", "3"}, {"age", "40"}, {"weakness", "yes"},
                                           {"leg_pain", "yes"}, {"pregnant", "yes"}, {"fall_or_injury", "yes"}};
  for (const auto& id : kRedFlags) given[id] = "yes";
  Decision d;
  evaluate(builtin(), answers(given), d);
  // known_aneurysm, sudden_severe (60 and over) and deformity (50 and over) do not apply at 40.
  CHECK(join_questions(d.red_flags) ==
        "both_legs,weakness_worsening,saddle_numbness,bladder_bowel,sexual_dysfunction,major_trauma,non_spinal_pain,"
        "pregnancy_warning,fever,infection_risk,cancer_history,weight_loss,osteoporosis_steroids,night_pain,"
        "thoracic_pain,loin_pain");
  CHECK(join_questions(d.unanswered) == "");
}

TEST_CASE("blank required answers are named besides answers already said to be invalid") {
  Decision d;
  std::vector<AnswerValue> values = answers({{"duration_days", "3"}});
  values[question("weakness")] = kUnknown;
  values[question("prior_injury")] = kUnknown;
  values[question("age")] = kUnknown;
  evaluate(builtin(), values, d);
  CHECK(blank_required_message(builtin(), d) ==
        "required questions 'weakness', 'prior_injury' and 'age' are not answered");
  // age was given a bad value: its problem is said already, so it is not called blank.
  CHECK(blank_required_message(builtin(), d, {question("age")}) ==
        "required questions 'weakness' and 'prior_injury' are not answered");
  CHECK(blank_required_message(builtin(), d, {question("weakness"), question("age")}) ==
        "required question 'prior_injury' is not answered");
  CHECK(blank_required_message(builtin(), d, {question("weakness"), question("prior_injury"), question("age")}) == "");
  evaluate(builtin(), answers({{"duration_days", "3"}, {"age", "40"}}), d);
  CHECK(blank_required_message(builtin(), d) == "");
}

TEST_CASE("a blank required answer is an error, never no") {
  Decision d;
  evaluate(builtin(), answers({{"duration_days", ""}}), d);
  CHECK(d.missing_required == question("duration_days"));
  CHECK_FALSE(is_scorable(d));
  CHECK(missing_required_message(builtin(), d.missing_required) == "required question 'duration_days' is not answered");

  std::vector<AnswerValue> values = answers({{"duration_days", "3"}});
  values[question("weakness")] = kUnknown;
  values[question("prior_injury")] = kUnknown;
  evaluate(builtin(), values, d);
  CHECK(d.missing_required == question("weakness"));  // the first one
  CHECK(missing_required_message(builtin(), d.missing_required) == "required question 'weakness' is not answered");
  // A missing required answer is not "unanswered" and not a "no": it is only missing.
  CHECK(join_questions(d.unanswered) == "");

  // Age is required: a blank age never silently reads as "not old".
  evaluate(builtin(), answers({{"duration_days", "3"}}), d);
  CHECK(d.missing_required == question("age"));

  evaluate(builtin(), answers({{"duration_days", "3"}, {"age", "30"}}), d);
  CHECK(d.missing_required == -1);
  CHECK(is_scorable(d));
}

TEST_CASE("fewer answers than questions read as unknown") {
  Decision d;
  evaluate(builtin(), {5}, d);
  CHECK(d.effective.size() == builtin().questions.size());
  CHECK(d.missing_required == question("numbness"));
}

TEST_CASE("deciding_rules names the rules that proposed each winning value") {
  Decision d;
  evaluate(builtin(), answers({{"duration_days", "100"}, {"age", "40"}, {"weakness", "yes"}, {"difficulty_walking", "yes"}}), d);
  auto ids = [&](Output o) {
    std::string out;
    for (int r : deciding_rules(builtin(), d, o)) out += (out.empty() ? "" : ",") + builtin().rules[r].id;
    return out;
  };
  CHECK(ids(Output::recommendation) == "U1,R4");
  CHECK(ids(Output::urgency) == "U1");
  CHECK(ids(Output::category) == "C1");
  CHECK(ids(Output::duration_class) == "D3");

  evaluate(builtin(), answers({{"duration_days", "5"}, {"age", "30"}}), d);
  CHECK(ids(Output::category) == "");
  CHECK(ids(Output::recommendation) == "");
  CHECK(ids(Output::duration_class) == "D1");
}

// ---- properties --------------------------------------------------------------------------

namespace {

std::vector<AnswerValue> random_answers(std::mt19937& random) {
  const RuleSet& rules = builtin();
  std::vector<AnswerValue> values(rules.questions.size(), kUnknown);
  for (size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    int pick = static_cast<int>(random() % 10);
    if (question.type == AnswerType::yes_no) values[q] = pick < 5 ? 0 : pick < 8 ? 1 : kUnknown;
    else if (question.type == AnswerType::duration) values[q] = static_cast<AnswerValue>(random() % 400);
    else values[q] = pick < 2 ? kUnknown : static_cast<AnswerValue>(random() % 121);
  }
  return values;
}

}  // namespace

TEST_CASE("escalation: adding a rule never lowers an outcome") {
  std::mt19937 random(20261123);
  const RuleSet& base = builtin();
  for (int trial = 0; trial < 300; ++trial) {
    RuleSet extended = base;
    Rule extra = base.rules[random() % base.rules.size()];
    extra.id = "X1";
    for (int o = 0; o < kOutputCount; ++o)
      extra.proposes[o] = random() % 2 ? kNoProposal
                                       : static_cast<std::int8_t>(random() % base.scales[o].values.size());
    extended.rules.insert(extended.rules.begin() + static_cast<long>(random() % (base.rules.size() + 1)), extra);
    for (int i = 0; i < 20; ++i) {
      std::vector<AnswerValue> values = random_answers(random);
      Decision before, after;
      evaluate(base, values, before);
      evaluate(extended, values, after);
      for (int o = 0; o < kOutputCount; ++o) {
        CAPTURE(trial);
        CAPTURE(o);
        CHECK(after.outcome[o] >= before.outcome[o]);
      }
    }
  }
}

TEST_CASE("rule order never changes an outcome") {
  std::mt19937 random(7);
  RuleSet shuffled = builtin();
  std::shuffle(shuffled.rules.begin(), shuffled.rules.end(), random);
  for (int i = 0; i < 2000; ++i) {
    std::vector<AnswerValue> values = random_answers(random);
    Decision a, b;
    evaluate(builtin(), values, a);
    evaluate(shuffled, values, b);
    CHECK(a.outcome == b.outcome);
    CHECK(a.matched_rules.size() == b.matched_rules.size());
  }
}

TEST_CASE("the declared invariants hold on many random intakes") {
  std::mt19937 random(99);
  const RuleSet& rules = builtin();
  REQUIRE(rules.invariants.size() == 20);
  for (int i = 0; i < 20000; ++i) {
    Decision d;
    evaluate(rules, random_answers(random), d);
    EvalInput input{d.effective.data(), d.outcome.data(), d.applicable.data()};
    for (const auto& invariant : rules.invariants) {
      if (holds(invariant.when, input) && !holds(invariant.then, input)) {
        FAIL_CHECK(invariant.id << " fails for " << summary(d));
        return;
      }
    }
    // A red flag answered yes is always a specialist; an emergency flag always an emergency.
    bool flag = false, emergency_flag = false;
    for (auto q : d.red_flags) {
      flag = true;
      emergency_flag |= rules.questions[q].red_flag == RedFlag::emergency;
    }
    if (flag) CHECK(d.level(Output::recommendation) == 2);
    if (emergency_flag) CHECK(d.level(Output::urgency) == 2);
    if (d.level(Output::urgency) > 0) CHECK(d.level(Output::recommendation) == 2);
  }
}

TEST_CASE("a warm Decision is reused: same result as a fresh one, buffers kept") {
  Decision warm;
  std::vector<AnswerValue> big = answers({{"duration_days", "3"}, {"weakness", "yes"}, {"leg_pain", "yes"}, {"both_legs", "yes"},
                                          {"weakness_worsening", "yes"}, {"fever", "yes"}, {"cancer_history", "yes"},
                                          {"weight_loss", "yes"}, {"night_pain", "yes"}, {"recurrent", "yes"}},
                                         Unlisted::blank);
  evaluate(builtin(), big, warm);
  REQUIRE(warm.matched_rules.size() > 5);
  const auto* rules_buffer = warm.matched_rules.data();
  const auto* flags_buffer = warm.red_flags.data();
  const auto* unanswered_buffer = warm.unanswered.data();
  const auto* effective_buffer = warm.effective.data();
  const auto* applicable_buffer = warm.applicable.data();

  std::vector<AnswerValue> small = answers({{"duration_days", "5"}, {"age", "30"}});
  evaluate(builtin(), small, warm);
  Decision fresh;
  evaluate(builtin(), small, fresh);
  CHECK(summary(warm) == summary(fresh));
  CHECK(summary(warm) == "acute nonspecific self-manage routine [D1] flags= unanswered=");
  CHECK(warm.outcome == fresh.outcome);
  CHECK(warm.applicable == fresh.applicable);
  CHECK(warm.effective == fresh.effective);
  CHECK(warm.missing_required == -1);
  // Nothing was reallocated.
  CHECK(warm.matched_rules.data() == rules_buffer);
  CHECK(warm.red_flags.data() == flags_buffer);
  CHECK(warm.unanswered.data() == unanswered_buffer);
  CHECK(warm.effective.data() == effective_buffer);
  CHECK(warm.applicable.data() == applicable_buffer);

  // And back: the warm decision of a missing required answer is cleared on the next case.
  evaluate(builtin(), answers({{"duration_days", ""}}), warm);
  CHECK(warm.missing_required == 0);
  evaluate(builtin(), big, warm);
  Decision fresh_big;
  evaluate(builtin(), big, fresh_big);
  CHECK(summary(warm) == summary(fresh_big));
}
