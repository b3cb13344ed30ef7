#include "output/report.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <algorithm>
#include <string>
#include <vector>

#include "output/decision_json.h"
#include "rules/loader.h"
#include "version.h"

using namespace backtriage;

namespace {

// A small rule set with short texts, so whole reports can be compared exactly.
const char* const kMini = R"(ruleset: {name: mini, version: "1"}
outputs:
  duration_class:
    values: [acute, chronic]
  category:
    values: [nonspecific, other]
  recommendation:
    values: [self-manage, start-pt, see-specialist]
    advice:
      self-manage: Stay active.
  urgency:
    values: [routine, urgent, emergency]
    advice:
      emergency: Call 999.
safety_net: Come back if worse.
questions:
  - {id: duration_days, type: duration, required: true, prompt: "How long?"}
  - {id: numbness, type: yes_no, red_flag: emergency, prompt: "Numb?"}
  - {id: fever, type: yes_no, red_flag: yes, prompt: "Fever?"}
rules:
  - {id: D1, title: Acute, when: duration_days < 28, duration_class: acute, source: S1}
  - {id: D2, title: Chronic, when: duration_days >= 28, duration_class: chronic, source: S1}
  - {id: C2, title: Flag, when: any_yes(red_flags), category: other, source: S2}
  - {id: E1, title: Numb, when: numbness, recommendation: see-specialist, urgency: emergency, advice: Go to A&E now., source: S3}
  - {id: U1, title: Hot, when: fever, recommendation: see-specialist, urgency: urgent, advice: See your GP today., warning: Fever can be serious., source: S4}
  - {id: P1, title: Long, when: duration_days >= 14, recommendation: start-pt, urgency: routine, advice: Start PT., source: S5}
  - {id: P6, title: Blank, when: any_unknown(red_flags), recommendation: start-pt, warning: "Missing: {missing_red_flags}.", source: S6}
)";

const RuleSet& mini() {
  static const RuleSet rules = load_or_fail({{"mini.yaml", kMini}});
  return rules;
}

std::string footer() {
  return "mini 1 (" + mini().hash + "), backtriage " + std::string(kVersion) + ". A triage aid, not a diagnosis.\n";
}

// Builtin answers: every yes/no question no, duration 5, then the given ones.
std::vector<AnswerValue> builtin_answers(std::vector<std::pair<std::string, AnswerValue>> given) {
  std::vector<AnswerValue> values;
  for (const auto& q : builtin().questions) values.push_back(q.type == AnswerType::yes_no ? 0 : kUnknown);
  values[builtin().question_index("duration_days")] = 5;
  for (const auto& [id, v] : given) values[builtin().question_index(id)] = v;
  return values;
}

}  // namespace

TEST_CASE("a self-management report: recommendation and urgency first, no rule for the lowest values") {
  CHECK(format_report(mini(), decide(mini(), {3, 0, 0}), {false}) ==
        "Recommendation: self-manage\n"
        "Urgency:        routine\n"
        "Duration:       acute\n"
        "Category:       nonspecific\n"
        "Red flags:      none\n"
        "\n"
        "Advice\n"
        "  - Stay active.\n"
        "\n"
        "Why\n"
        "  recommendation  self-manage     no rule matched: the lowest value stands\n"
        "  urgency         routine         no rule matched: the lowest value stands\n"
        "  category        nonspecific     no rule matched: the lowest value stands\n"
        "  duration_class  acute           D1\n"
        "  D1  Acute\n"
        "      source: S1\n"
        "\n"
        "Safety net\n"
        "  Come back if worse.\n"
        "\n" +
            footer());
}

TEST_CASE("an emergency report opens with the banner and shows only advice that agrees with it") {
  Decision d = decide(mini(), {20, 1, 1});
  CHECK(is_emergency(mini(), d));
  CHECK(format_report(mini(), d, {false}) ==
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        "!!  EMERGENCY: GET EMERGENCY HELP NOW\n"
        "!!  Numb (E1)\n"
        "    Go to A&E now.\n"
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        "\n"
        "Recommendation: see-specialist\n"
        "Urgency:        emergency\n"
        "Duration:       acute\n"
        "Category:       other\n"
        "Red flags:      numbness, fever\n"
        "\n"
        "Advice\n"
        "  - Call 999.\n"
        "\n"
        "Warnings\n"
        "  - Fever can be serious.\n"
        "\n"
        "Why\n"
        "  recommendation  see-specialist  E1, U1\n"
        "  urgency         emergency       E1\n"
        "  category        other           C2\n"
        "  duration_class  acute           D1\n"
        "  E1  Numb\n"
        "      source: S3\n"
        "  U1  Hot\n"
        "      source: S4\n"
        "  C2  Flag\n"
        "      source: S2\n"
        "  D1  Acute\n"
        "      source: S1\n"
        "  also matched, outranked: P1\n"
        "\n"
        "Safety net\n"
        "  Come back if worse.\n"
        "\n" +
            footer());
}

TEST_CASE("unanswered red flags are listed and named in the warning") {
  Decision d = decide(mini(), {40, kUnknown, 1});
  CHECK_FALSE(is_emergency(mini(), d));
  std::string report = format_report(mini(), d, {false});
  CHECK(report.rfind("Recommendation: see-specialist\nUrgency:        urgent\nDuration:       chronic\n"
                     "Category:       other\nRed flags:      fever\nUnanswered:     numbness\n\n",
                     0) == 0);
  CHECK(report.find("Warnings\n  - Fever can be serious.\n  - Missing: Numb?.\n") != std::string::npos);
  CHECK(report.find("  also matched, outranked: P1, P6\n") != std::string::npos);
  CHECK(report.find("EMERGENCY") == std::string::npos);
}

TEST_CASE("without colour the report holds no escape codes; with colour it does") {
  for (auto answers : std::vector<std::vector<AnswerValue>>{{3, 0, 0}, {20, 1, 1}, {40, kUnknown, 1}}) {
    Decision d = decide(mini(), answers);
    CHECK(format_report(mini(), d, {false}).find('\x1b') == std::string::npos);
    CHECK(format_report(mini(), d, {true}).find("\x1b[") != std::string::npos);
  }
  Decision emergency = decide(mini(), {20, 1, 0});
  std::string coloured = format_report(mini(), emergency, {true});
  CHECK(coloured.rfind("\x1b[1;31m!!!!", 0) == 0);
  CHECK(coloured.find("Recommendation: \x1b[1;31msee-specialist\x1b[0m\n") != std::string::npos);
  CHECK(format_emergency_banner(mini(), emergency, {false}).find('\x1b') == std::string::npos);
  Decision calm = decide(mini(), {3, 0, 0});
  CHECK(format_report(mini(), calm, {true}).find("Recommendation: \x1b[1;32mself-manage\x1b[0m\n") != std::string::npos);
}

TEST_CASE("the built-in clinician report of an emergency opens with the banner, ids and sources") {
  Decision d = decide(builtin(), builtin_answers({{"duration_days", 3}, {"age", 38}, {"saddle_numbness", 1}}));
  std::string report = format_report(builtin(), d, {false});
  CHECK(report.rfind("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                     "!!  EMERGENCY: GET EMERGENCY HELP NOW\n"
                     "!!  Possible pressure on the nerves at the bottom of the spine (cauda equina\n",
                     0) == 0);
  auto at = [&](const char* text) { return report.find(text); };
  CHECK(at("\n    syndrome) (E1)\n") != std::string::npos);
  CHECK(at("Recommendation: see-specialist\nUrgency:        emergency\nDuration:       acute\nCategory:       other\n"
           "Red flags:      saddle_numbness\n") != std::string::npos);
  // Order: banner, outputs, why, safety net, footer.
  CHECK(at("Recommendation:") < at("\nWhy\n"));
  CHECK(at("\nWhy\n") < at("\nSafety net\n"));
  CHECK(at("  E1  Possible pressure on the nerves") != std::string::npos);
  CHECK(at("      source: Getting It Right First Time (GIRFT)") != std::string::npos);
  CHECK(at("region uk") != std::string::npos);
  CHECK(report.find('\x1b') == std::string::npos);
  // Wrapped text stays within 76 columns (the footer is one line).
  size_t start = 0;
  while (start < report.size()) {
    size_t end = report.find('\n', start);
    std::string line = report.substr(start, end - start);
    if (line.find("A triage aid, not a diagnosis.") == std::string::npos) CHECK(line.size() <= 76);
    start = end + 1;
  }
}

TEST_CASE("the patient view names no question id, rule id or source") {
  const RuleSet& rules = builtin();
  for (auto given : std::vector<std::vector<std::pair<std::string, AnswerValue>>>{
           {{"duration_days", 3}, {"age", 38}, {"saddle_numbness", 1}},
           {{"duration_days", 20}, {"age", 30}},
           {{"duration_days", 10}, {"age", 40}, {"leg_pain", 1}, {"sexual_dysfunction", kUnknown}},
           {{"duration_days", 21}, {"age", 70}, {"deformity", 1}, {"night_pain", kUnknown}}}) {
    Decision d = decide(rules, builtin_answers(given));
    std::string report = format_report(rules, d, {false, ReportView::patient});
    CAPTURE(report);
    for (const Question& q : rules.questions)
      if (q.id.find('_') != std::string::npos) CHECK(report.find(q.id) == std::string::npos);
    for (const Rule& rule : rules.rules) {
      CHECK(report.find(rule.id + " ") == std::string::npos);
      CHECK(report.find("(" + rule.id + ")") == std::string::npos);
      CHECK(report.find(rule.source.substr(0, 40)) == std::string::npos);
    }
    CHECK(report.find("source:") == std::string::npos);
    CHECK(report.find(std::string("seed") + " article") == std::string::npos);
  }
}

TEST_CASE("the closing advice is chosen by the outcome: no physiotherapy or waiting under urgent or emergency") {
  const RuleSet& rules = builtin();
  auto net_of = [&](std::vector<std::pair<std::string, AnswerValue>> given) {
    std::string all;
    for (const auto& text : safety_net_texts(rules, decide(rules, builtin_answers(given)))) all += text + "\n";
    return all;
  };
  std::string self_manage = net_of({{"duration_days", 5}, {"age", 30}});
  CHECK(self_manage.find("2 weeks") != std::string::npos);
  std::string physio = net_of({{"duration_days", 20}, {"age", 30}});
  CHECK(physio.find("physiotherapy") != std::string::npos);
  std::string u6 = net_of({{"duration_days", 10}, {"age", 40}, {"sexual_dysfunction", kUnknown}});
  CHECK(u6.find("left blank") != std::string::npos);
  CHECK(u6.find("today") != std::string::npos);
  for (const std::string& urgent :
       {u6, net_of({{"duration_days", 3}, {"age", 28}, {"fever", 1}}), net_of({{"duration_days", 3}, {"age", 38}, {"saddle_numbness", 1}}),
        net_of({{"duration_days", 2}, {"age", 29}, {"pregnant", 1}, {"pregnancy_warning", 1}})}) {
    CAPTURE(urgent);
    for (const char* banned : {"physio", "keep moving", "stay active", "Stay as active", "2 weeks", "two weeks"})
      CHECK(urgent.find(banned) == std::string::npos);
    CHECK(urgent.find("999") != std::string::npos);
  }
}

TEST_CASE("an emergency never shows the advice of an outranked urgent rule") {
  // W17: E3 (emergency) and U3 (urgent: "contact your GP") both match.
  const RuleSet& rules = builtin();
  Decision d = decide(rules, builtin_answers({{"duration_days", 40}, {"age", 60}, {"cancer_history", 1}, {"numbness", 1}}));
  CHECK(decision_advice(rules, d) == std::vector<std::string>{rules.rules[rules.rule_index("E3")].advice});
  // Urgent: U1's advice, not R4's routine referral nor physiotherapy.
  Decision urgent = decide(rules, builtin_answers({{"duration_days", 100}, {"age", 40}, {"weakness", 1}, {"difficulty_walking", 1}}));
  std::vector<std::string> urgent_advice = decision_advice(rules, urgent);
  REQUIRE_FALSE(urgent_advice.empty());
  CHECK(urgent_advice.front() == rules.rules[rules.rule_index("U1")].advice);
  for (const char* outranked : {"R4", "P1", "P3"}) {
    const std::string& text = rules.rules[rules.rule_index(outranked)].advice;
    if (!text.empty()) CHECK(std::find(urgent_advice.begin(), urgent_advice.end(), text) == urgent_advice.end());
  }
}

TEST_CASE("decision_json carries the outputs, rules with sources, decided_by and provenance") {
  Decision d = decide(mini(), {20, 1, 1});
  nlohmann::ordered_json json = decision_json(mini(), d);
  CHECK(json["status"] == "ok");
  CHECK(json["duration_class"] == "acute");
  CHECK(json["category"] == "other");
  CHECK(json["recommendation"] == "see-specialist");
  CHECK(json["urgency"] == "emergency");
  CHECK(json["red_flags"] == nlohmann::json::array({"numbness", "fever"}));
  CHECK(json["unanswered"] == nlohmann::json::array());
  CHECK(json["rules"].size() == 5);
  CHECK(json["rules"][0] == nlohmann::ordered_json{{"id", "D1"}, {"title", "Acute"}, {"source", "S1"}});
  CHECK(json["decided_by"]["urgency"] == nlohmann::json::array({"E1"}));
  CHECK(json["advice"] == nlohmann::json::array({"Go to A&E now.", "Call 999."}));
  CHECK(json["warnings"] == nlohmann::json::array({"Fever can be serious."}));
  CHECK(json["ruleset"]["hash"] == mini().hash);
  CHECK(json["version"] == kVersion);
  std::vector<std::string> keys;
  for (auto& [key, value] : json.items()) keys.push_back(key);
  // The fields of the manual's output table come first, in its order.
  CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 8) ==
        std::vector<std::string>{"status", "duration_class", "category", "recommendation", "urgency", "red_flags",
                                 "unanswered", "rules"});

  nlohmann::ordered_json error = error_json(mini(), "line 3: bad");
  CHECK(error["status"] == "error");
  CHECK(error["error"] == "line 3: bad");
  CHECK(error["ruleset"]["hash"] == mini().hash);
}
