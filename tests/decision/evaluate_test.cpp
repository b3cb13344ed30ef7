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
// worked cases of default-rules.md) or stay blank.
std::vector<AnswerValue> answers(const std::map<std::string, std::string>& given, Unlisted unlisted = Unlisted::no) {
  const RuleSet& rules = builtin();
  std::vector<AnswerValue> values(rules.questions.size(), kUnknown);
  if (unlisted == Unlisted::no)
    for (size_t q = 0; q < rules.questions.size(); ++q)
      if (rules.questions[q].type == AnswerType::yes_no) values[q] = 0;
  for (const auto& [id, text] : given) {
    const Question& q = rules.questions[question(id)];
    ParsedAnswer parsed = parse_answer(q.type, q.min, q.max, text);
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

std::string triage(const std::map<std::string, std::string>& given, Unlisted unlisted = Unlisted::no) {
  Decision decision;
  evaluate(builtin(), answers(given, unlisted), decision);
  return summary(decision);
}

// The red-flag questions of default-rules.md (5, 6, 12-16, 18-21).
const std::vector<std::string> kRedFlags = {"both_legs",       "weakness_worsening", "saddle_numbness", "bladder_bowel",
                                            "major_trauma",    "non_spinal_pain",    "fever",           "cancer_history",
                                            "weight_loss",     "osteoporosis_steroids", "night_pain"};

}  // namespace

// ---- the worked cases of default-rules.md ------------------------------------------------

TEST_CASE("worked case 1: five days, nothing else, is self-management") {
  CHECK(triage({{"duration_days", "5"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
}

TEST_CASE("worked case 2: five days with the red-flag questions blank starts physiotherapy (P6)") {
  std::vector<AnswerValue> values = answers({{"duration_days", "5"}});
  for (const auto& id : kRedFlags) values[question(id)] = kUnknown;
  Decision d;
  evaluate(builtin(), values, d);
  CHECK(summary(d) ==
        "acute nonspecific start-pt routine [D1,P6] flags= unanswered=age,saddle_numbness,bladder_bowel,major_trauma,"
        "non_spinal_pain,fever,cancer_history,weight_loss,osteoporosis_steroids,night_pain");
}

TEST_CASE("worked case 3: twenty days starts physiotherapy (P1)") {
  CHECK(triage({{"duration_days", "20"}}) == "acute nonspecific start-pt routine [D1,P1] flags= unanswered=age");
}

TEST_CASE("worked case 4: thirty days of improving leg pain and numbness (P1, P2)") {
  CHECK(triage({{"duration_days", "30"}, {"leg_pain", "yes"}, {"numbness", "yes"}, {"improving", "yes"}}) ==
        "subacute radicular start-pt routine [D2,C1,P1,P2] flags= unanswered=age");
}

TEST_CASE("worked case 5: fifty days of numbness, improvement unknown, sees a specialist (R5)") {
  CHECK(triage({{"duration_days", "50"}, {"numbness", "yes"}, {"improving", ""}}) ==
        "subacute radicular see-specialist routine [D2,C1,R5,P1,P2] flags= unanswered=improving,age");
}

TEST_CASE("worked case 6: saddle numbness is an emergency (E1)") {
  CHECK(triage({{"duration_days", "3"}, {"saddle_numbness", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E1] flags=saddle_numbness unanswered=age");
}

TEST_CASE("worked case 7: chronic pain with weakness and difficulty walking is urgent (U1, R4)") {
  CHECK(triage({{"duration_days", "100"}, {"weakness", "yes"}, {"difficulty_walking", "yes"}}) ==
        "chronic radicular see-specialist urgent [D3,C1,U1,R4,P1,P3] flags= unanswered=age");
}

TEST_CASE("worked case 8: night pain at 62 is urgent (U5, R2)") {
  CHECK(triage({{"duration_days", "10"}, {"night_pain", "yes"}, {"age", "62"}}) ==
        "acute other see-specialist urgent [D1,C2,U5,R2] flags=night_pain unanswered=");
}

TEST_CASE("worked case 9: recurrent chronic pain starts physiotherapy (P1, P5)") {
  CHECK(triage({{"duration_days", "200"}, {"recurrent", "yes"}}) ==
        "chronic nonspecific start-pt routine [D3,P1,P5] flags= unanswered=age");
}

TEST_CASE("worked case 10: a 14-year-old sees a specialist (R6)") {
  CHECK(triage({{"duration_days", "7"}, {"age", "14"}}) == "acute nonspecific see-specialist routine [D1,R6] flags= unanswered=");
}

TEST_CASE("worked case 11: leg pain in both legs is an emergency (E1)") {
  CHECK(triage({{"duration_days", "12"}, {"leg_pain", "yes"}, {"both_legs", "yes"}}) ==
        "acute other see-specialist emergency [D1,C1,C2,E1,P2] flags=both_legs unanswered=age");
}

TEST_CASE("worked case 12: both_legs without leg symptoms is not applicable and ignored") {
  CHECK(triage({{"duration_days", "12"}, {"both_legs", "yes"}}) ==
        "acute nonspecific self-manage routine [D1] flags= unanswered=age");
}

TEST_CASE("worked case 13: cancer history with numbness is an emergency (E3)") {
  CHECK(triage({{"duration_days", "40"}, {"cancer_history", "yes"}, {"numbness", "yes"}}) ==
        "subacute other see-specialist emergency [D2,C1,C2,E3,U3,P1,P2] flags=cancer_history unanswered=age");
}

TEST_CASE("worked case 14: fever with infection risk unknown is urgent (U2)") {
  CHECK(triage({{"duration_days", "4"}, {"fever", "yes"}, {"infection_risk", ""}}) ==
        "acute other see-specialist urgent [D1,C2,U2] flags=fever unanswered=age,infection_risk");
}

// ---- at least one case for every rule ----------------------------------------------------

TEST_CASE("D1, D2, D3 classify the duration at 28 and 84 days") {
  CHECK(triage({{"duration_days", "0"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "27"}}) == "acute nonspecific start-pt routine [D1,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "4 weeks"}}) == "subacute nonspecific start-pt routine [D2,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "83"}}) == "subacute nonspecific start-pt routine [D2,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "12 weeks"}}) == "chronic nonspecific start-pt routine [D3,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "100 years"}}) == "chronic nonspecific start-pt routine [D3,P1] flags= unanswered=age");
}

TEST_CASE("C1 and C2: leg symptoms are radicular, a red flag is other") {
  CHECK(triage({{"duration_days", "3"}, {"leg_pain", "yes"}}) ==
        "acute radicular start-pt routine [D1,C1,P2] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weakness", "yes"}}) ==
        "acute radicular see-specialist routine [D1,C1,R4] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weight_loss", "yes"}}) ==
        "acute other see-specialist routine [D1,C2,R1] flags=weight_loss unanswered=age");
}

TEST_CASE("E1 to E6 are emergencies") {
  CHECK(triage({{"duration_days", "3"}, {"bladder_bowel", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E1] flags=bladder_bowel unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weakness", "yes"}, {"weakness_worsening", "yes"}}) ==
        "acute other see-specialist emergency [D1,C1,C2,E2,R4] flags=weakness_worsening unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"cancer_history", "yes"}, {"difficulty_walking", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E3,U3,P3] flags=cancer_history unanswered=age");
  CHECK(triage({{"duration_days", "1"}, {"major_trauma", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E4] flags=major_trauma unanswered=age");
  CHECK(triage({{"duration_days", "1"}, {"non_spinal_pain", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E5] flags=non_spinal_pain unanswered=age");
  CHECK(triage({{"duration_days", "1"}, {"fever", "yes"}, {"infection_risk", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E6,U2] flags=fever unanswered=age");
}

TEST_CASE("U1 to U5 are urgent") {
  CHECK(triage({{"duration_days", "3"}, {"weakness", "yes"}, {"difficulty_walking", "yes"}}) ==
        "acute radicular see-specialist urgent [D1,C1,U1,R4,P3] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"fever", "yes"}}) ==
        "acute other see-specialist urgent [D1,C2,U2] flags=fever unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"cancer_history", "yes"}}) ==
        "acute other see-specialist urgent [D1,C2,U3] flags=cancer_history unanswered=age");
  CHECK(triage({{"duration_days", "10"}, {"osteoporosis_steroids", "yes"}}) ==
        "acute other see-specialist urgent [D1,C2,U4,R3] flags=osteoporosis_steroids unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weight_loss", "yes"}, {"night_pain", "yes"}}) ==
        "acute other see-specialist urgent [D1,C2,U5,R1,R2] flags=weight_loss,night_pain unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weight_loss", "yes"}, {"age", "50"}}) ==
        "acute other see-specialist urgent [D1,C2,U5,R1] flags=weight_loss unanswered=");
}

TEST_CASE("U4 needs new pain; U5 needs two of its three signs") {
  CHECK(triage({{"duration_days", "28"}, {"osteoporosis_steroids", "yes"}}) ==
        "subacute other see-specialist routine [D2,C2,R3,P1] flags=osteoporosis_steroids unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"night_pain", "yes"}, {"age", "49"}}) ==
        "acute other see-specialist routine [D1,C2,R2] flags=night_pain unanswered=");
  CHECK(triage({{"duration_days", "3"}, {"age", "80"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=");
}

TEST_CASE("R1 to R6 send to a specialist at routine urgency") {
  CHECK(triage({{"duration_days", "3"}, {"weight_loss", "yes"}, {"age", "30"}}) ==
        "acute other see-specialist routine [D1,C2,R1] flags=weight_loss unanswered=");
  CHECK(triage({{"duration_days", "3"}, {"night_pain", "yes"}}) ==
        "acute other see-specialist routine [D1,C2,R2] flags=night_pain unanswered=age");
  CHECK(triage({{"duration_days", "60"}, {"osteoporosis_steroids", "yes"}}) ==
        "subacute other see-specialist routine [D2,C2,R3,P1] flags=osteoporosis_steroids unanswered=age");
  CHECK(triage({{"duration_days", "60"}, {"weakness", "yes"}}) ==
        "subacute radicular see-specialist routine [D2,C1,R4,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "6 weeks"}, {"leg_pain", "yes"}, {"improving", "no"}}) ==
        "subacute radicular see-specialist routine [D2,C1,R5,P1,P2] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"age", "15"}}) == "acute nonspecific see-specialist routine [D1,R6] flags= unanswered=");
}

TEST_CASE("R5 needs six weeks and no improvement; R6 stops at 16") {
  CHECK(triage({{"duration_days", "41"}, {"leg_pain", "yes"}, {"improving", "no"}}) ==
        "subacute radicular start-pt routine [D2,C1,P1,P2] flags= unanswered=age");
  CHECK(triage({{"duration_days", "42"}, {"leg_pain", "yes"}, {"improving", "yes"}}) ==
        "subacute radicular start-pt routine [D2,C1,P1,P2] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"age", "16"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=");
  CHECK(triage({{"duration_days", "3"}, {"age", "0"}}) == "acute nonspecific see-specialist routine [D1,R6] flags= unanswered=");
}

TEST_CASE("P1 to P6 start physiotherapy") {
  CHECK(triage({{"duration_days", "13"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "2 weeks"}}) == "acute nonspecific start-pt routine [D1,P1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"numbness", "yes"}}) ==
        "acute radicular start-pt routine [D1,C1,P2] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"difficulty_walking", "yes"}}) ==
        "acute nonspecific start-pt routine [D1,P3] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"prior_injury", "yes"}}) ==
        "acute nonspecific start-pt routine [D1,P4] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"recurrent", "yes"}}) ==
        "acute nonspecific start-pt routine [D1,P5] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"night_pain", ""}}) ==
        "acute nonspecific start-pt routine [D1,P6] flags= unanswered=age,night_pain");
}

// ---- asked-if semantics, lists, required answers -----------------------------------------

TEST_CASE("both_legs is ignored without leg symptoms: neither a red flag, nor unanswered, nor P6") {
  CHECK(triage({{"duration_days", "3"}, {"both_legs", "yes"}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"both_legs", ""}}) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  Decision d;
  evaluate(builtin(), answers({{"duration_days", "3"}, {"both_legs", "yes"}}), d);
  CHECK(d.applicable[question("both_legs")] == 0);
  CHECK(d.effective[question("both_legs")] == kUnknown);
  // With any leg symptom it applies: a blank both_legs is then unanswered and triggers P6.
  CHECK(triage({{"duration_days", "3"}, {"numbness", "yes"}, {"both_legs", ""}}) ==
        "acute radicular start-pt routine [D1,C1,P2,P6] flags= unanswered=both_legs,age");
  CHECK(triage({{"duration_days", "3"}, {"weakness", "yes"}, {"both_legs", "yes"}}) ==
        "acute other see-specialist emergency [D1,C1,C2,E1,R4] flags=both_legs unanswered=age");
}

TEST_CASE("weakness_worsening applies only with weakness") {
  CHECK(triage({{"duration_days", "3"}, {"weakness_worsening", "yes"}}) ==
        "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"weakness", "yes"}, {"weakness_worsening", ""}}) ==
        "acute radicular see-specialist routine [D1,C1,R4,P6] flags= unanswered=weakness_worsening,age");
}

TEST_CASE("infection_risk applies only with fever") {
  CHECK(triage({{"duration_days", "3"}, {"infection_risk", "yes"}}) ==
        "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"fever", "no"}, {"infection_risk", ""}}) ==
        "acute nonspecific self-manage routine [D1] flags= unanswered=age");
  CHECK(triage({{"duration_days", "3"}, {"fever", ""}, {"infection_risk", "yes"}}) ==
        "acute nonspecific start-pt routine [D1,P6] flags= unanswered=age,fever");
  CHECK(triage({{"duration_days", "3"}, {"fever", "yes"}, {"infection_risk", "yes"}}) ==
        "acute other see-specialist emergency [D1,C2,E6,U2] flags=fever unanswered=age");
}

TEST_CASE("red flags and unanswered questions are listed in question order") {
  std::map<std::string, std::string> given{{"duration_days", "3"}};
  for (const auto& id : kRedFlags) given[id] = "yes";
  given["weakness"] = "yes";
  given["leg_pain"] = "yes";
  Decision d;
  evaluate(builtin(), answers(given), d);
  CHECK(join_questions(d.red_flags) ==
        "both_legs,weakness_worsening,saddle_numbness,bladder_bowel,major_trauma,non_spinal_pain,fever,cancer_history,"
        "weight_loss,osteoporosis_steroids,night_pain");
  CHECK(join_questions(d.unanswered) == "age");

  Decision blank;
  evaluate(builtin(), answers({{"duration_days", "3"}, {"numbness", "no"}, {"weakness", "no"}, {"difficulty_walking", "no"},
                               {"prior_injury", "no"}},
                              Unlisted::blank),
           blank);
  CHECK(summary(blank) ==
        "acute nonspecific start-pt routine [D1,P6] flags= unanswered=leg_pain,recurrent,improving,age,saddle_numbness,"
        "bladder_bowel,major_trauma,non_spinal_pain,fever,cancer_history,weight_loss,osteoporosis_steroids,night_pain");
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
  CHECK(join_questions(d.unanswered) == "age");

  evaluate(builtin(), answers({{"duration_days", "3"}}), d);
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
  evaluate(builtin(), answers({{"duration_days", "100"}, {"weakness", "yes"}, {"difficulty_walking", "yes"}}), d);
  auto ids = [&](Output o) {
    std::string out;
    for (int r : deciding_rules(builtin(), d, o)) out += (out.empty() ? "" : ",") + builtin().rules[r].id;
    return out;
  };
  CHECK(ids(Output::recommendation) == "U1,R4");
  CHECK(ids(Output::urgency) == "U1");
  CHECK(ids(Output::category) == "C1");
  CHECK(ids(Output::duration_class) == "D3");

  evaluate(builtin(), answers({{"duration_days", "5"}}), d);
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
  REQUIRE(rules.invariants.size() == 7);
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

  std::vector<AnswerValue> small = answers({{"duration_days", "5"}});
  evaluate(builtin(), small, warm);
  Decision fresh;
  evaluate(builtin(), small, fresh);
  CHECK(summary(warm) == summary(fresh));
  CHECK(summary(warm) == "acute nonspecific self-manage routine [D1] flags= unanswered=age");
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
