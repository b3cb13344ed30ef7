#include "rules/loader.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "base/exit_code.h"

using namespace backtriage;

namespace {

const char* const kOutputsPath = "r/00-outputs.yaml";
const char* const kOutputs = R"(outputs:
  duration_class:
    values: [acute, subacute, chronic]
  category:
    values: [nonspecific, radicular, other]
  recommendation:
    values: [self-manage, start-pt, see-specialist]
  urgency:
    values: [routine, urgent, emergency]
)";

const char* const kQuestionsPath = "r/05-questions.yaml";
const char* const kQuestions = R"(questions:
  - id: duration_days
    type: duration
    required: true
    prompt: How long?
  - id: numbness
    type: yes_no
    prompt: Numb?
  - id: weakness
    type: yes_no
    red_flag: yes
    prompt: Weak?
  - id: age
    type: number
    min: 0
    max: 120
    prompt: Age?
)";

const char* const kTestPath = "r/10-test.yaml";

// Loads the outputs file and `text` as r/10-test.yaml.
LoadResult load(const std::string& text) { return load_rules({{kOutputsPath, kOutputs}, {kTestPath, text}}); }

// Loads the outputs, four questions (duration_days, numbness, weakness, age) and `text`.
LoadResult load_with_questions(const std::string& text) {
  return load_rules({{kOutputsPath, kOutputs}, {kQuestionsPath, kQuestions}, {kTestPath, text}});
}


std::string hints(const LoadResult& result) {
  std::string out;
  for (const auto& d : result.diagnostics) out += d.hint + "\n";
  return out;
}

// A rule file with one rule whose `when` is `condition`, quoted as given.
std::string rule_with_when(const std::string& when_line) {
  return "rules:\n"
         "  - id: R1\n"
         "    title: Test\n" +
         when_line +
         "    recommendation: see-specialist\n"
         "    source: test\n";
}

}  // namespace

// ---- a valid rule set --------------------------------------------------------------------

TEST_CASE("a small valid rule set loads with no diagnostics") {
  LoadResult result = load_with_questions(R"(ruleset:
  name: test rules
  version: "1.0"
safety_net: Come back if worse.
rules:
  - id: D1
    title: Acute
    when: duration_days < 4 weeks
    duration_class: acute
    source: test
  - id: R1
    title: Weak
    when: weakness and not (age < 16)
    recommendation: see-specialist
    urgency: urgent
    advice: See a doctor.
    warning: Careful.
    source: test
invariants:
  - id: I1
    title: weak means specialist
    when: weakness
    then: recommendation == see-specialist
tests:
  - name: weak
    answers: {duration_days: 3, weakness: yes}
    unlisted: no
    expect: {recommendation: see-specialist, rules: [D1, R1], red_flags: [weakness], unanswered: [age]}
)");
  CHECK(errors(result) == "");
  REQUIRE(result.rules);
  const RuleSet& set = *result.rules;
  CHECK(set.name == "test rules");
  CHECK(set.version == "1.0");
  REQUIRE(set.safety_net.size() == 1);
  CHECK(set.safety_net[0].text == "Come back if worse.");
  CHECK(!set.safety_net[0].when);
  CHECK(set.hash.size() == 32);
  REQUIRE(set.questions.size() == 4);
  CHECK(set.questions[0].id == "duration_days");
  CHECK(set.questions[0].type == AnswerType::duration);
  CHECK(set.questions[0].required);
  CHECK(set.questions[0].where.file == kQuestionsPath);
  CHECK(set.questions[0].where.line == 2);
  CHECK(set.questions[0].where.col == 5);
  CHECK(set.questions[2].red_flag == RedFlag::flag);
  CHECK(set.questions[3].type == AnswerType::number);
  CHECK(set.questions[3].min == 0);
  CHECK(set.questions[3].max == 120);
  REQUIRE(set.rules.size() == 2);
  CHECK(set.rules[0].id == "D1");
  CHECK(set.rules[0].proposes == std::array<std::int8_t, kOutputCount>{0, kNoProposal, kNoProposal, kNoProposal});
  CHECK(set.rules[1].proposes == std::array<std::int8_t, kOutputCount>{kNoProposal, kNoProposal, 2, 1});
  CHECK(set.rules[1].when.text == "weakness and not (age < 16)");
  CHECK(set.rules[1].advice == "See a doctor.");
  CHECK(set.rules[1].warning == "Careful.");
  CHECK(set.rules[1].where.file == kTestPath);
  CHECK(set.rules[1].where.line == 11);
  REQUIRE(set.invariants.size() == 1);
  REQUIRE(set.tests.size() == 1);
  CHECK(set.tests[0].unlisted_no);
  CHECK(set.tests[0].answers == std::vector<std::pair<int, std::string>>{{0, "3"}, {2, "yes"}});
  CHECK(set.tests[0].expect_rules == std::vector<int>{0, 1});
  CHECK(set.tests[0].expect_red_flags == std::vector<int>{2});
  CHECK(set.tests[0].expect_unanswered == std::vector<int>{3});
  CHECK(set.tests[0].expect[static_cast<int>(Output::recommendation)] == 2);
}

TEST_CASE("an empty rule file is allowed; files are concatenated in the order given") {
  LoadResult result = load_rules({{kOutputsPath, kOutputs},
                                  {"r/01-empty.yaml", ""},
                                  {"r/02-q.yaml", "questions:\n  - id: b\n    type: yes_no\n    prompt: B?\n"},
                                  {"r/03-q.yaml", "questions:\n  - id: a\n    type: yes_no\n    prompt: A?\n"}});
  CHECK(errors(result) == "");
  REQUIRE(result.rules);
  CHECK(result.rules->question_ids() == std::vector<std::string>{"b", "a"});
}

// ---- the built-in rule set ---------------------------------------------------------------

TEST_CASE("the built-in rule set loads without a diagnostic") {
  LoadResult result = load_rules(builtin_rule_sources());
  CHECK(format_diagnostics(result) == "");
  REQUIRE(result.rules);
  CHECK(result.rules->name == "backtriage default rules");
  CHECK(result.rules->hash == rule_set_hash(result.sources));
  CHECK(result.rules->region == "uk");
  CHECK(result.rules->regions == std::vector<std::string>{"uk", "us"});
  LoadResult us = load_rules(builtin_rule_sources(), "us");
  REQUIRE(us.rules);
  CHECK(us.rules->region == "us");
  CHECK(us.rules->hash != result.rules->hash);
  for (const auto& source : builtin_rule_sources()) CHECK(source.path.rfind("rules/", 0) == 0);
}

TEST_CASE("the built-in rule set has the 34 questions of version 2 in their fixed order") {
  LoadResult result = load_rules(builtin_rule_sources());
  REQUIRE(result.rules);
  const RuleSet& set = *result.rules;
  CHECK(set.version == "2027.1");
  REQUIRE(set.questions.size() == 34);
  // Types, required, asked-if and red-flag levels of the clinical specification.
  std::string table;
  for (const auto& q : set.questions) {
    table += q.id + " " + (q.type == AnswerType::yes_no ? "yes_no" : q.type == AnswerType::duration ? "duration" : "number");
    if (q.type == AnswerType::number) table += " " + std::to_string(q.min) + "-" + std::to_string(q.max);
    if (q.required) table += " required";
    if (q.asked_if) table += " if(" + q.asked_if->text + ")";
    if (q.red_flag == RedFlag::flag) table += " flag";
    if (q.red_flag == RedFlag::emergency) table += " emergency";
    table += "\n";
    CAPTURE(q.id);
    CHECK_FALSE(q.prompt.empty());
    CHECK_FALSE(q.help.empty());
    CHECK_FALSE(q.label.empty());
  }
  CHECK(table ==
        "duration_days duration required\n"
        "leg_pain yes_no\n"
        "numbness yes_no required\n"
        "weakness yes_no required\n"
        "both_legs yes_no if(leg_pain or numbness or weakness) emergency\n"
        "weakness_worsening yes_no if(weakness) emergency\n"
        "difficulty_walking yes_no required\n"
        "prior_injury yes_no required\n"
        "recurrent yes_no\n"
        "improving yes_no\n"
        "age number 0-120 required\n"
        "saddle_numbness yes_no emergency\n"
        "bladder_bowel yes_no emergency\n"
        "sexual_dysfunction yes_no emergency\n"
        "fall_or_injury yes_no\n"
        "major_trauma yes_no if(not no(fall_or_injury)) emergency\n"
        "non_spinal_pain yes_no emergency\n"
        "known_aneurysm yes_no if(age >= 60) flag\n"
        "sudden_severe yes_no if(age >= 60 and duration_days < 4 weeks) flag\n"
        "pregnant yes_no if(age >= 12 and age <= 50)\n"
        "pregnancy_warning yes_no if(not no(pregnant) and age >= 12 and age <= 50) emergency\n"
        "fever yes_no flag\n"
        "infection_risk yes_no flag\n"
        "cancer_history yes_no flag\n"
        "weight_loss yes_no flag\n"
        "osteoporosis_steroids yes_no flag\n"
        "deformity yes_no if(age >= 50) flag\n"
        "night_pain yes_no flag\n"
        "thoracic_pain yes_no flag\n"
        "loin_pain yes_no flag\n"
        "spa_night_waking yes_no if(age < 45 and duration_days > 3 months)\n"
        "spa_better_moving yes_no if(age < 45 and duration_days > 3 months)\n"
        "spa_nsaid_response yes_no if(age < 45 and duration_days > 3 months)\n"
        "spa_linked_condition yes_no if(age < 45 and duration_days > 3 months)\n");
}

TEST_CASE("the built-in rule set has the rules D1 to P6 in order, each with title and source") {
  LoadResult result = load_rules(builtin_rule_sources());
  REQUIRE(result.rules);
  std::vector<std::string> ids;
  for (const auto& rule : result.rules->rules) {
    ids.push_back(rule.id);
    CAPTURE(rule.id);
    CHECK_FALSE(rule.title.empty());
    CHECK_FALSE(rule.source.empty());
    CHECK(rule.source.find(std::string("seed") + " article") == std::string::npos);
  }
  CHECK(ids == std::vector<std::string>{"D1",  "D2",  "D3",  "C1",  "C2",  "E1",  "E2",  "E3",  "E4",  "E5",  "E6",  "E7",
                                        "E8",  "E9",  "U1",  "U2",  "U3",  "U4",  "U5",  "U6",  "U7",  "U8",  "U9",  "U10",
                                        "U11", "U12", "U13", "R1",  "R2",  "R3",  "R4",  "R5",  "R6",  "R7",  "R8",  "R9",
                                        "R10", "R11", "R12", "P1",  "P2",  "P3",  "P4",  "P5",  "P6"});
  const RuleSet& set = *result.rules;
  CHECK(set.scale(Output::duration_class).values == std::vector<std::string>{"acute", "subacute", "chronic"});
  CHECK(set.scale(Output::category).values == std::vector<std::string>{"nonspecific", "radicular", "other"});
  CHECK(set.scale(Output::recommendation).values == std::vector<std::string>{"self-manage", "start-pt", "see-specialist"});
  CHECK(set.scale(Output::urgency).values == std::vector<std::string>{"routine", "urgent", "emergency"});
  std::vector<std::string> invariant_ids;
  for (const auto& invariant : set.invariants) invariant_ids.push_back(invariant.id);
  std::vector<std::string> expected;
  for (int i = 1; i <= 20; ++i) expected.push_back("I" + std::to_string(i));
  CHECK(invariant_ids == expected);
}

TEST_CASE("the built-in texts under the US region never say 999, A&E or NHS; under the UK never 911") {
  for (const char* region : {"uk", "us"}) {
    LoadResult result = load_rules(builtin_rule_sources(), region);
    REQUIRE(result.rules);
    std::string texts;
    for (const auto& q : result.rules->questions) texts += q.prompt + "\n" + q.help + "\n" + q.label + "\n";
    for (const auto& r : result.rules->rules) {
      std::string warning = r.warning;  // the one placeholder filled in at run time
      if (auto at = warning.find(kMissingRedFlags); at != std::string::npos) warning.erase(at, 19);
      texts += r.title + "\n" + r.advice + "\n" + warning + "\n";
    }
    for (const auto& entry : result.rules->safety_net) texts += entry.text + "\n";
    for (const auto& scale : result.rules->scales)
      for (const auto& label : scale.labels) texts += label + "\n";
    CAPTURE(region);
    if (std::string(region) == "us") {
      for (const char* word : {"999", "A&E", "NHS", "GP "}) CHECK(texts.find(word) == std::string::npos);
      CHECK(texts.find("911") != std::string::npos);
    } else {
      CHECK(texts.find("911") == std::string::npos);
      CHECK(texts.find("999") != std::string::npos);
    }
    CHECK(texts.find('{') == std::string::npos);
  }
}

TEST_CASE("the built-in advice never recommends imaging or passive electrotherapy") {
  LoadResult result = load_rules(builtin_rule_sources());
  REQUIRE(result.rules);
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> texts;
  for (const auto& entry : result.rules->safety_net) texts.push_back(entry.text);
  for (const auto& rule : result.rules->rules) texts.push_back(rule.advice);
  for (const auto& scale : result.rules->scales)
    for (const auto& advice : scale.advice) texts.push_back(advice);
  for (const auto& text : texts) {
    CAPTURE(text);
    for (const char* banned : {"tens", "ultrasound", "x-ray", "mri", "scan", "imaging"}) {
      std::string t = " " + lower(text) + " ";
      for (char& c : t)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = ' ';
      CHECK(t.find(std::string(" ") + banned + " ") == std::string::npos);
    }
  }
}

// ---- YAML-level errors -------------------------------------------------------------------

TEST_CASE("a YAML syntax error is reported with its position") {
  LoadResult result = load("questions: [\n");
  CHECK_FALSE(result.rules);
  // Diagnostics come in reading order: by file, then position (none first).
  CHECK(errors(result) ==
        "r/00-outputs.yaml:0:0: the rule set declares no questions\n"
        "r/10-test.yaml:2:1: end of sequence flow not found\n");
}

TEST_CASE("a duplicate YAML key is an error pointing at both keys, not silently the last one") {
  LoadResult result = load_with_questions(R"(rules:
  - id: R1
    title: Test
    when: numbness
    recommendation: see-specialist
    recommendation: self-manage
    source: test
)");
  CHECK(errors(result) == "r/10-test.yaml:6:5: duplicate key 'recommendation' (first at line 5)\n");
  CHECK(hints(result) == "YAML would otherwise silently keep only the last one\n");
}

TEST_CASE("a section key repeated in one file is a duplicate key at its first line") {
  LoadResult result = load_with_questions("rules:\n  - id: A1\n    title: T\n    when: numbness\n    category: other\n    source: s\n"
                                          "rules:\n  - id: A2\n    title: T\n    when: numbness\n    category: other\n    source: s\n");
  CHECK(errors(result) == "r/10-test.yaml:7:1: duplicate key 'rules' (first at line 1)\n");
}

TEST_CASE("YAML anchors and aliases are refused") {
  LoadResult result = load(R"(questions:
  - id: a
    type: yes_no
    prompt: &p Is it?
  - id: b
    type: yes_no
    prompt: *p
)");
  CHECK_FALSE(result.rules);
  CHECK(errors(result) ==
        "r/10-test.yaml:4:13: YAML anchors (&name) are not allowed in rule files\n"
        "r/10-test.yaml:7:13: YAML aliases (*name) are not allowed in rule files\n"
        "r/10-test.yaml:7:13: expected text, got nothing\n");
  CHECK(result.diagnostics[1].hint == "write the value out in full");
}

TEST_CASE("control characters in a text are refused; line breaks and tabs are text") {
  LoadResult result = load(R"(questions:
  - id: a
    type: yes_no
    prompt: "Is it \e[31mred?"
  - id: b
    type: yes_no
    prompt: "Next\x85line"
  - id: c
    type: yes_no
    prompt: "Back\rto the start"
  - id: d
    type: yes_no
    prompt: "Two\tcolumns\nand two lines"
)");
  CHECK(errors(result) ==
        "r/10-test.yaml:4:13: a text holds the control character \\e (at byte 7 of the text)\n"
        "r/10-test.yaml:7:13: a text holds the control character \\u{85} (at byte 5 of the text)\n"
        "r/10-test.yaml:10:13: a text holds the control character \\r (at byte 5 of the text)\n");
  CHECK(result.diagnostics[0].hint == "texts may hold line breaks and tabs, not other control characters");
}

TEST_CASE("an anchored mapping and a merge of it are refused") {
  LoadResult result = load(R"(questions:
  - &base
    id: a
    type: yes_no
    prompt: A?
  - <<: *base
    id: b
)");
  CHECK_FALSE(result.rules);
  std::string all = errors(result);
  CHECK(all.find("r/10-test.yaml:2:5: YAML anchors (&name) are not allowed in rule files\n") != std::string::npos);
  CHECK(all.find("r/10-test.yaml:6:9: YAML aliases (*name) are not allowed in rule files\n") != std::string::npos);
}

TEST_CASE("nesting deeper than 16 levels is an error, and hostile depth does not crash") {
  LoadResult result = load("questions: " + std::string(20, '[') + std::string(20, ']') + "\n");
  CHECK_FALSE(result.rules);
  CHECK(errors(result).find("r/10-test.yaml:1:27: nesting deeper than 16 levels\n") != std::string::npos);

  LoadResult hostile = load("questions: " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  CHECK_FALSE(hostile.rules);
  CHECK(errors(hostile).find("r/10-test.yaml:1:27: nesting deeper than 16 levels\n") != std::string::npos);

  std::string blocks = "questions:\n";
  for (int i = 1; i < 20; ++i) blocks += std::string(2 * i, ' ') + "k" + std::to_string(i) + ":\n";
  LoadResult deep_blocks = load(blocks);
  CHECK_FALSE(deep_blocks.rules);
  CHECK(errors(deep_blocks).find("nesting deeper than 16 levels") != std::string::npos);
}

TEST_CASE("a file holding several YAML documents is refused") {
  LoadResult result = load("questions:\n  - id: a\n    type: yes_no\n    prompt: A?\n---\nrules: []\n");
  CHECK_FALSE(result.rules);
  CHECK(errors(result).find("r/10-test.yaml:0:0: a rule file holds one YAML document, found several\n") != std::string::npos);
}

TEST_CASE("YAML tags are refused") {
  LoadResult result = load("questions:\n  - id: !!str a\n    type: yes_no\n    prompt: A?\n");
  CHECK(errors(result) == "r/10-test.yaml:2:9: YAML tags (tag:yaml.org,2002:str) are not allowed in rule files\n");
}

// ---- schema errors -----------------------------------------------------------------------

TEST_CASE("an unknown key is an error with a suggestion and the list of keys") {
  LoadResult result = load(R"(questions:
  - id: a
    typ: yes_no
    prompt: A?
)");
  CHECK(errors(result) ==
        "r/10-test.yaml:2:5: a question lacks 'type'\n"
        "r/10-test.yaml:3:5: unknown key 'typ' in a question (did you mean 'type'?)\n");
  CHECK(result.diagnostics[1].hint == "the keys of a question are: id, type, min, max, required, asked_if, red_flag, prompt, help, label");

  LoadResult top = load("questoins:\n  - id: a\n");
  CHECK(errors(top) ==
        "r/00-outputs.yaml:0:0: the rule set declares no questions\n"
        "r/10-test.yaml:1:1: unknown key 'questoins' in a rule file (did you mean 'questions'?)\n");

  LoadResult rule = load_with_questions(R"(rules:
  - id: R1
    title: T
    when: numbness
    urgency: urgent
    colour: red
    source: s
)");
  CHECK(errors(rule) == "r/10-test.yaml:6:5: unknown key 'colour' in a rule\n");
  CHECK(rule.diagnostics[0].hint ==
        "the keys of a rule are: id, title, when, duration_class, category, recommendation, urgency, advice, warning, source");
}

TEST_CASE("duplicate question and rule ids are errors at the second id") {
  LoadResult questions = load_with_questions("questions:\n  - id: numbness\n    type: yes_no\n    prompt: Again?\n");
  CHECK(errors(questions) == "r/10-test.yaml:2:9: duplicate question id 'numbness'\n");

  LoadResult rules = load_with_questions(R"(rules:
  - id: R1
    title: T
    when: numbness
    urgency: urgent
    source: s
  - id: R1
    title: T
    when: weakness
    urgency: urgent
    source: s
)");
  CHECK(errors(rules) == "r/10-test.yaml:7:9: duplicate rule id 'R1'\n");

  LoadResult invariants = load_with_questions(R"(invariants:
  - id: I1
    then: recommendation != self-manage
  - id: I1
    then: urgency >= routine
)");
  CHECK(errors(invariants) == "r/10-test.yaml:4:9: duplicate invariant id 'I1'\n");
}

TEST_CASE("an id longer than 64 characters is an error, and a very long one does not crash") {
  std::string id(50000, 'a');
  LoadResult result = load_with_questions("rules:\n  - id: R" + id + "\n    title: T\n    when: true\n    urgency: urgent\n    source: S\n");
  CHECK(errors(result) == "r/10-test.yaml:2:9: rule id 'Raaaaaaaaaaaaaaaaaaa...' is 50001 characters long: at most 64 are allowed\n");
}

TEST_CASE("invariant ids are checked as rule ids: the characters and the length") {
  LoadResult spaced = load_with_questions("invariants:\n  - id: I 1; rm -rf\n    then: true\n");
  CHECK(errors(spaced) ==
        "r/10-test.yaml:2:9: invalid invariant id 'I 1; rm -rf': expected letters, digits and '_', starting with a letter\n");
  LoadResult long_id = load_with_questions("invariants:\n  - id: I" + std::string(60000, '1') + "\n    then: true\n");
  CHECK(errors(long_id) ==
        "r/10-test.yaml:2:9: invariant id 'I1111111111111111111...' is 60001 characters long: at most 64 are allowed\n");
}

TEST_CASE("a terms file for the rule set's own region, or a second one for a region, is an error") {
  std::vector<RuleSource> sources = builtin_rule_sources();
  sources.push_back({"rules/terms-uk.yaml", "terms:\n  emergency_number: \"112\"\n"});
  LoadResult own = load_rules(sources);
  CHECK_FALSE(own.rules);
  CHECK(format_diagnostics(own).find("rules/terms-uk.yaml:1:1: error: region 'uk' is the rule set's own region") !=
        std::string::npos);
  sources.back() = {"rules/terms-us.yaml", "terms:\n  emergency_number: \"112\"\n"};  // as a second path could name it
  LoadResult twice = load_rules(sources, "us");
  CHECK_FALSE(twice.rules);
  CHECK(format_diagnostics(twice).find("error: a second terms file for region 'us'") != std::string::npos);
}

TEST_CASE("an invalid id is an error; question ids are lower case as the CSV header matches them") {
  LoadResult rule = load_with_questions(
      "rules:\n  - id: 1st\n    title: T\n    when: numbness\n    urgency: urgent\n    source: s\n");
  CHECK(errors(rule) == "r/10-test.yaml:2:9: invalid rule id '1st': expected letters, digits and '_', starting with a letter\n");
  LoadResult question = load("questions:\n  - id: Fever\n    type: yes_no\n    prompt: F?\n");
  CHECK(errors(question) ==
        "r/10-test.yaml:2:9: invalid question id 'Fever': expected lower-case letters, digits and '_', starting with a letter\n");
  LoadResult dash = load("questions:\n  - id: leg-pain\n    type: yes_no\n    prompt: F?\n");
  CHECK(errors(dash) ==
        "r/10-test.yaml:2:9: invalid question id 'leg-pain': expected lower-case letters, digits and '_', starting with a letter\n");
}

TEST_CASE("an unknown question in a condition is reported with the caret on the name") {
  SUBCASE("plain scalar") {
    LoadResult result = load_with_questions(rule_with_when("    when: weakness or numbess\n"));
    CHECK(errors(result) == "r/10-test.yaml:4:23: unknown question 'numbess' (did you mean 'numbness'?)\n");
    CHECK(format_diagnostics(result) ==
          "r/10-test.yaml:4:23: error: unknown question 'numbess' (did you mean 'numbness'?)\n"
          "        when: weakness or numbess\n"
          "                          ^\n");
  }
  SUBCASE("double-quoted scalar") {
    LoadResult result = load_with_questions(rule_with_when("    when: \"weakness or numbess\"\n"));
    CHECK(errors(result) == "r/10-test.yaml:4:24: unknown question 'numbess' (did you mean 'numbness'?)\n");
  }
  SUBCASE("single-quoted scalar") {
    LoadResult result = load_with_questions(rule_with_when("    when: 'weakness or numbess'\n"));
    CHECK(errors(result) == "r/10-test.yaml:4:24: unknown question 'numbess' (did you mean 'numbness'?)\n");
  }
  SUBCASE("folded block scalar") {
    LoadResult result = load_with_questions(rule_with_when("    when: >-\n      weakness or\n      numbess\n"));
    CHECK(errors(result) == "r/10-test.yaml:6:7: unknown question 'numbess' (did you mean 'numbness'?)\n");
    CHECK(format_diagnostics(result) ==
          "r/10-test.yaml:6:7: error: unknown question 'numbess' (did you mean 'numbness'?)\n"
          "          numbess\n"
          "          ^\n");
  }
  SUBCASE("plain scalar over two lines") {
    LoadResult result = load_with_questions(rule_with_when("    when: weakness or\n      (age > 3 and numbess)\n"));
    CHECK(errors(result) == "r/10-test.yaml:5:20: unknown question 'numbess' (did you mean 'numbness'?)\n");
  }
  SUBCASE("the end of the condition") {
    LoadResult result = load_with_questions(rule_with_when("    when: weakness and\n"));
    CHECK(errors(result) == "r/10-test.yaml:4:23: the condition ends too early\n");
  }
  SUBCASE("a scalar with escapes is reported at its start") {
    LoadResult result = load_with_questions(rule_with_when("    when: \"weakness \\x6fr numbess\"\n"));
    CHECK(errors(result) == "r/10-test.yaml:4:11: unknown question 'numbess' (did you mean 'numbness'?)\n");
  }
}

TEST_CASE("format_diagnostic prints the location, the source line, a caret and the note") {
  Diagnostic d{Severity::error, "rules/40-emergency.yaml", 2, 9, "unknown question 'numbess' (did you mean 'numbness'?)",
               "questions are listed by 'backtriage rules list'"};
  std::string source = "rules:\n  when: numbess or weakness\n";
  CHECK(format_diagnostic(d, source) ==
        "rules/40-emergency.yaml:2:9: error: unknown question 'numbess' (did you mean 'numbness'?)\n"
        "      when: numbess or weakness\n"
        "            ^\n"
        "    note: questions are listed by 'backtriage rules list'\n");
  CHECK(format_diagnostic(d) ==
        "rules/40-emergency.yaml:2:9: error: unknown question 'numbess' (did you mean 'numbness'?)\n"
        "    note: questions are listed by 'backtriage rules list'\n");
  Diagnostic tabbed{Severity::warning, "f.yaml", 1, 3, "odd", ""};
  CHECK(format_diagnostic(tabbed, "\tx y\r\n") == "f.yaml:1:3: warning: odd\n    \tx y\n    \t ^\n");
  Diagnostic nowhere{Severity::error, "", 0, 0, "no rule files", ""};
  CHECK(format_diagnostic(nowhere, "anything") == "error: no rule files\n");
  Diagnostic file_only{Severity::error, "r/a.yaml", 0, 0, "a rule file holds one YAML document, found several", ""};
  CHECK(format_diagnostic(file_only) == "r/a.yaml: error: a rule file holds one YAML document, found several\n");
  Diagnostic past_end{Severity::error, "f.yaml", 9, 1, "beyond", ""};
  CHECK(format_diagnostic(past_end, "one line\n") == "f.yaml:9:1: error: beyond\n");
}

TEST_CASE("format_diagnostic escapes what the rule file holds and keeps the caret under its character") {
  Diagnostic d{Severity::error, "f\x1b.yaml", 1, 12, "unknown question 'x\x1b[2J'", "a \x07 note"};
  // Two-byte characters before the column take one place each; an escape takes its width.
  CHECK(format_diagnostic(d, "\xc3\xa9\xc3\xa9: \x1b[2J x\n") ==
        "f\\e.yaml:1:12: error: unknown question 'x\\e[2J'\n"
        "    \xc3\xa9\xc3\xa9: \\e[2J x\n"
        "              ^\n"
        "    note: a \\x07 note\n");
  // The same through the line index of a whole file.
  SourceLines lines("first\r\nsecond\n\nlast");
  CHECK(lines.line(1) == "first");
  CHECK(lines.line(2) == "second");
  CHECK(lines.line(3) == "");
  CHECK(lines.line(4) == "last");
  CHECK(lines.line(5) == "");
  CHECK(lines.line(0) == "");
  Diagnostic second{Severity::warning, "f.yaml", 2, 3, "odd", ""};
  CHECK(format_diagnostic(second, lines) == "f.yaml:2:3: warning: odd\n    second\n      ^\n");
}

TEST_CASE("a rule file that is not UTF-8 is an error at the first bad byte, shown escaped") {
  LoadResult result = load("# Caf\xe9\nquestions:\n  - id: q\n    type: yes_no\n    prompt: Caf\xc3\xa9 or caf\xe9?\n");
  CHECK_FALSE(result.rules);
  CHECK(errors(result) == "r/10-test.yaml:1:6: the file is not UTF-8: byte 0xe9 in '# Caf\\xe9'\n");
  CHECK(result.diagnostics[0].hint == "rule files are UTF-8; convert this one, e.g. with iconv -f latin1 -t utf-8");
  // Deep in a long line, the 30 bytes before the byte are quoted.
  result = load("questions:\n  - {id: q, type: yes_no, prompt: 'A long prompt of many words and then \x80 here'}\n");
  CHECK(errors(result) ==
        "r/10-test.yaml:2:73: the file is not UTF-8: byte 0x80 in 'prompt of many words and then \\x80 here'}'\n");
}

TEST_CASE("duplicate keys are found in a mapping of 20,000 keys, each against its first") {
  std::string text = "terms:\n";
  for (int i = 0; i < 20000; ++i) text += "  t" + std::to_string(i) + ": x\n";
  text += "  t7: again\n  t19999: again\n";
  LoadResult result = load(text);
  std::string duplicates;
  for (const Diagnostic& d : result.diagnostics)
    if (d.message.rfind("duplicate", 0) == 0) duplicates += fmt::format("{}:{}: {}\n", d.line, d.col, d.message);
  CHECK(duplicates ==
        "20002:3: duplicate key 't7' (first at line 9)\n"
        "20003:3: duplicate key 't19999' (first at line 20001)\n");
}

TEST_CASE("format_diagnostics shows the first diagnostics and counts the rest") {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "unknown" + std::to_string(i) + ": 1\n";
  LoadResult result = load_with_questions(text);
  REQUIRE(result.diagnostics.size() == 150);
  std::string shown = format_diagnostics(result, 100);
  CHECK(shown.find("r/10-test.yaml:100:1: error: unknown key 'unknown99' in a rule file") != std::string::npos);
  CHECK(shown.find("unknown100") == std::string::npos);
  CHECK(shown.substr(shown.rfind("...")) == "... and 50 more not shown (50 errors): the first 100 are above\n");
  CHECK(format_diagnostics(result).find("unknown149") != std::string::npos);
}

TEST_CASE("a value outside an output's scale is an error naming the scale") {
  LoadResult result = load_with_questions(R"(rules:
  - id: R1
    title: T
    when: numbness
    urgency: critical
    recommendation: see-specalist
    source: s
)");
  CHECK(errors(result) ==
        "r/10-test.yaml:5:14: unknown value 'critical' for urgency\n"
        "r/10-test.yaml:6:21: unknown value 'see-specalist' for recommendation (did you mean 'see-specialist'?)\n");
  CHECK(hints(result) ==
        "urgency is one of: routine, urgent, emergency\n"
        "recommendation is one of: self-manage, start-pt, see-specialist\n");

  LoadResult advice = load_rules({{kOutputsPath, R"(outputs:
  duration_class:
    values: [acute]
  category:
    values: [nonspecific]
  recommendation:
    values: [self-manage, start-pt]
    advice:
      self_manage: Rest.
  urgency:
    values: [routine, routine]
)"},
                                  {kQuestionsPath, kQuestions}});
  CHECK(errors(advice) ==
        "r/00-outputs.yaml:9:7: unknown value 'self_manage' for recommendation (did you mean 'self-manage'?)\n"
        "r/00-outputs.yaml:11:23: value 'routine' appears twice in urgency\n");

  LoadResult expectation = load_with_questions(R"(tests:
  - name: t
    answers: {duration_days: 3}
    expect: {urgency: soon}
)");
  CHECK(errors(expectation) == "r/10-test.yaml:4:23: unknown value 'soon' for urgency\n");
}

TEST_CASE("an asked-if condition naming a later question is an error") {
  LoadResult result = load(R"(questions:
  - id: first
    type: yes_no
    asked_if: second
    prompt: First?
  - id: second
    type: yes_no
    prompt: Second?
  - id: third
    type: yes_no
    asked_if: first or third
    prompt: Third?
)");
  CHECK(errors(result) ==
        "r/10-test.yaml:4:15: question 'second' is asked later; an asked-if condition may only use earlier questions\n"
        "r/10-test.yaml:11:24: question 'third' names itself; an asked-if condition may only use earlier questions\n");
}

TEST_CASE("missing required keys and sections are errors") {
  LoadResult question = load("questions:\n  - required: true\n");
  CHECK(errors(question) ==
        "r/10-test.yaml:2:5: a question lacks 'id'\n"
        "r/10-test.yaml:2:5: a question lacks 'type'\n"
        "r/10-test.yaml:2:5: a question lacks 'prompt'\n");

  LoadResult rule = load_with_questions("rules:\n  - id: R1\n");
  CHECK(errors(rule) ==
        "r/10-test.yaml:2:5: a rule lacks 'title'\n"
        "r/10-test.yaml:2:5: a rule lacks 'source'\n"
        "r/10-test.yaml:2:5: a rule must propose at least one output (duration_class, category, recommendation or urgency)\n"
        "r/10-test.yaml:2:5: a rule lacks 'when'\n");

  LoadResult empty_title = load_with_questions(
      "rules:\n  - id: R1\n    title: \"\"\n    when: numbness\n    urgency: urgent\n    source: s\n");
  CHECK(errors(empty_title) == "r/10-test.yaml:3:12: 'title' must not be empty\n");

  LoadResult invariant = load_with_questions("invariants:\n  - id: I1\n    when: numbness\n");
  CHECK(errors(invariant) == "r/10-test.yaml:2:5: an invariant lacks 'then'\n");

  LoadResult test = load_with_questions("tests:\n  - name: t\n    answers: {numbness: yes}\n");
  CHECK(errors(test) == "r/10-test.yaml:2:5: a test lacks 'expect'\n");

  LoadResult outputs = load_rules({{kOutputsPath, "outputs:\n  duration_class:\n    values: [acute]\n"},
                                   {kQuestionsPath, kQuestions}});
  CHECK(errors(outputs) ==
        "r/00-outputs.yaml:2:3: outputs lacks 'category'\n"
        "r/00-outputs.yaml:2:3: outputs lacks 'recommendation'\n"
        "r/00-outputs.yaml:2:3: outputs lacks 'urgency'\n");

  LoadResult no_values = load_rules({{kOutputsPath, std::string(kOutputs) + ""}, {kQuestionsPath, kQuestions}});
  CHECK(errors(no_values) == "");

  LoadResult no_outputs = load_rules({{kQuestionsPath, kQuestions}});
  CHECK(errors(no_outputs) == ":0:0: the rule set declares no 'outputs' section\n");

  LoadResult no_questions = load_rules({{kOutputsPath, kOutputs}});
  CHECK(errors(no_questions) == "r/00-outputs.yaml:0:0: the rule set declares no questions\n");

  LoadResult nothing = load_rules({});
  CHECK(errors(nothing) == ":0:0: no rule files\n");
}

TEST_CASE("a section that may appear once is an error the second time, naming the first") {
  LoadResult result = load_rules({{kOutputsPath, kOutputs},
                                  {kQuestionsPath, std::string(kQuestions) + "safety_net: one\n"},
                                  {kTestPath, "safety_net: two\n"}});
  CHECK(errors(result) == "r/10-test.yaml:1:1: section 'safety_net' appears twice (first in r/05-questions.yaml:18)\n");

  LoadResult outputs = load_rules({{kOutputsPath, kOutputs}, {kQuestionsPath, kQuestions}, {kTestPath, kOutputs}});
  CHECK(errors(outputs) == "r/10-test.yaml:1:1: section 'outputs' appears twice (first in r/00-outputs.yaml:1)\n");
}

TEST_CASE("values of the wrong type are errors saying what was expected") {
  LoadResult question = load(R"(questions:
  - id: a
    type: text
    required: maybe
    red_flag: sometimes
    prompt: [A]
  - id: b
    type: number
    min: abc
    max: 10
    prompt: B?
  - id: c
    type: yes_no
    min: 1
    prompt: C?
  - id: d
    type: number
    prompt: D?
  - id: e
    type: number
    min: 10
    max: 5
    prompt: E?
  - id: f
    type: duration
    red_flag: yes
    prompt: F?
  - id: g
    type: yes_no
    required: "yes"
    prompt: G?
)");
  CHECK(errors(question) ==
        "r/10-test.yaml:3:11: unknown question type 'text'\n"
        "r/10-test.yaml:4:15: expected true or false, got 'maybe'\n"
        "r/10-test.yaml:5:15: expected no, yes or emergency, got 'sometimes'\n"
        "r/10-test.yaml:6:13: expected text, got a list\n"
        "r/10-test.yaml:9:10: expected a whole number, got 'abc'\n"
        "r/10-test.yaml:14:10: min and max apply to number questions only\n"
        "r/10-test.yaml:16:5: a number question needs 'min' and 'max'\n"
        "r/10-test.yaml:22:10: max (5) is below min (10)\n"
        "r/10-test.yaml:26:15: only a yes/no question can be a red flag\n"
        "r/10-test.yaml:30:15: expected true or false, got 'yes'\n");
  CHECK(question.diagnostics[0].hint == "types are yes_no, duration, number");

  LoadResult sections = load("questions: {a: 1}\nrules: text\n");
  CHECK(errors(sections) ==
        "r/00-outputs.yaml:0:0: the rule set declares no questions\n"
        "r/10-test.yaml:1:12: expected a list, got a mapping\n"
        "r/10-test.yaml:2:8: expected a list, got 'text'\n");

  LoadResult items = load("questions:\n  - just text\n");
  CHECK(errors(items) ==
        "r/00-outputs.yaml:0:0: the rule set declares no questions\n"
        "r/10-test.yaml:2:5: expected a mapping, got 'just text'\n");

  LoadResult when = load_with_questions(
      "rules:\n  - id: R1\n    title: T\n    when: [numbness]\n    urgency: urgent\n    source: s\n");
  CHECK(errors(when) == "r/10-test.yaml:4:11: expected a condition, got a list\n");

  LoadResult root = load("- a\n- b\n");
  CHECK(errors(root) ==
        "r/00-outputs.yaml:0:0: the rule set declares no questions\n"
        "r/10-test.yaml:1:1: expected a mapping of sections (questions, rules, ...), got a list\n");
}

TEST_CASE("a type error in a rule condition is reported at its position") {
  LoadResult result = load_with_questions(rule_with_when("    when: age or numbness == 1\n"));
  CHECK(errors(result) == "r/10-test.yaml:4:11: expected a condition, got the number 'age'\n");
  LoadResult output = load_with_questions(rule_with_when("    when: urgency == emergency\n"));
  CHECK(errors(output) == "r/10-test.yaml:4:11: 'urgency' is an output; only invariants may use outputs\n");
  LoadResult invariant = load_with_questions("invariants:\n  - id: I1\n    when: weakness\n    then: urgency == critical\n");
  CHECK(errors(invariant) == "r/10-test.yaml:4:22: unknown value 'critical' for urgency\n");
}

TEST_CASE("stored tests name known questions and rules") {
  LoadResult result = load_with_questions(R"(tests:
  - name: t
    answers: {numbnes: yes, duration_days: 3}
    unlisted: maybe
    expect: {status: fine, rules: [D9], red_flags: [weaknes], colour: red}
)");
  CHECK(errors(result) ==
        "r/10-test.yaml:3:15: unknown question 'numbnes' (did you mean 'numbness'?)\n"
        "r/10-test.yaml:4:15: expected no or unknown, got 'maybe'\n"
        "r/10-test.yaml:5:22: expected ok or error, got 'fine'\n"
        "r/10-test.yaml:5:36: unknown rule 'D9'\n"
        "r/10-test.yaml:5:53: unknown question 'weaknes' (did you mean 'weakness'?)\n"
        "r/10-test.yaml:5:63: unknown key 'colour' in expect\n");
}

TEST_CASE("every problem is reported, not only the first, in reading order") {
  LoadResult result = load_rules({{kOutputsPath, kOutputs},
                                  {kQuestionsPath, std::string(kQuestions) + "  - id: numbness\n    type: yes_no\n    prompt: X\n"},
                                  {kTestPath, R"(rules:
  - id: R1
    title: T
    when: numbess
    urgency: critical
    source: s
  - id: R1
    title: T
    when: weakness > 2
    urgency: urgent
    sauce: s
)"}});
  CHECK_FALSE(result.rules);
  CHECK(errors(result) ==
        "r/05-questions.yaml:18:9: duplicate question id 'numbness'\n"
        "r/10-test.yaml:4:11: unknown question 'numbess' (did you mean 'numbness'?)\n"
        "r/10-test.yaml:5:14: unknown value 'critical' for urgency\n"
        "r/10-test.yaml:7:5: a rule lacks 'source'\n"
        "r/10-test.yaml:7:9: duplicate rule id 'R1'\n"
        "r/10-test.yaml:9:11: expected a number, got the yes/no question 'weakness'\n"
        "r/10-test.yaml:11:5: unknown key 'sauce' in a rule\n");
  CHECK(count_severity(result.diagnostics, Severity::error) == 7);
  // format_diagnostics quotes each line of the right file.
  std::string formatted = format_diagnostics(result);
  CHECK(formatted.find("r/05-questions.yaml:18:9: error: duplicate question id 'numbness'\n"
                       "      - id: numbness\n"
                       "            ^\n") != std::string::npos);
  CHECK(formatted.find("r/10-test.yaml:9:11: error: expected a number, got the yes/no question 'weakness'\n"
                       "        when: weakness > 2\n"
                       "              ^\n") != std::string::npos);
}

// ---- rule directories and the hash -------------------------------------------------------

TEST_CASE("the rule-set hash is a 128-bit SHA-256 prefix of each file's name and text, length-prefixed") {
  // Reference values from an independent SHA-256 (Python's hashlib) of "6:a.yaml1:b" and of "".
  CHECK(rule_set_hash({{"dir/a.yaml", "b"}}) == "f0f7280472ac479fdcda7cedb6836238");
  CHECK(rule_set_hash({}) == "e3b0c44298fc1c149afbf4c8996fb924");
  // Bytes moved from a name to its text, or from one file to the next, change the hash.
  CHECK(rule_set_hash({{"ab.yaml", "c"}}) != rule_set_hash({{"ab.yam", "lc"}}));
  CHECK(rule_set_hash({{"a.yaml", "xy"}, {"b.yaml", ""}}) != rule_set_hash({{"a.yaml", "x"}, {"b.yaml", "y"}}));
}

TEST_CASE("a rule directory is read in file-name order, *.yaml files only") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("backtriage_loader_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const char* name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("20-q.yaml", kQuestions);
  write("10-outputs.yaml", kOutputs);
  write("README.md", "not a rule file");
  write(".hidden.yaml", "garbage: [");
  write("30-notes.yml", "garbage: [");
  std::vector<RuleSource> sources = read_rule_directory(dir.string());
  REQUIRE(sources.size() == 2);
  CHECK(sources[0].path == (dir / "10-outputs.yaml").string());
  CHECK(sources[1].path == (dir / "20-q.yaml").string());
  CHECK(sources[0].text == kOutputs);
  LoadResult result = load_rules(sources);
  CHECK(errors(result) == "");
  // The hash does not depend on where the directory is.
  CHECK(rule_set_hash(sources) == rule_set_hash({{"a/10-outputs.yaml", kOutputs}, {"b/20-q.yaml", kQuestions}}));
  CHECK(rule_set_hash(sources) != rule_set_hash({{"a/10-outputs.yaml", kOutputs}, {"b/20-q.yaml", std::string(kQuestions) + " "}}));
  CHECK(rule_set_hash(sources) != rule_set_hash({{"a/10-outputs.yaml", kOutputs}, {"b/21-q.yaml", kQuestions}}));

  fs::path empty = dir / "empty";
  fs::create_directories(empty);
  try {
    read_rule_directory(empty.string());
    FAIL("no error for an empty rule directory");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()) == "rule directory '" + empty.string() + "' holds no rule files (*.yaml)");
  }
  try {
    read_rule_directory((dir / "missing").string());
    FAIL("no error for a missing rule directory");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(std::string(e.what()) == "cannot read rule directory '" + (dir / "missing").string() + "': not a directory");
  }
  fs::remove_all(dir);
}

// A rule set with `n` red-flag yes/no questions q0.., then `rules` as the rules section.
static LoadResult many_red_flags(int n, const std::string& rules) {
  std::string text =
      "outputs:\n  duration_class: {values: [acute]}\n  category: {values: [nonspecific]}\n"
      "  recommendation: {values: [self-manage]}\n  urgency: {values: [routine, emergency]}\nquestions:\n";
  for (int i = 0; i < n; ++i) text += "  - {id: q" + std::to_string(i) + ", type: yes_no, red_flag: yes, prompt: p}\n";
  return load_rules({{"big.yaml", text + rules}});
}

TEST_CASE("counts stored in 16 bits are checked at load: arguments of a condition, questions") {
  // 65,535 red flags fit; one more argument would wrap the count to 0 and drop every term.
  std::string rule = "  - {id: R1, title: t, when: 'any_yes(red_flags, q0)', urgency: emergency, source: s}\n";
  LoadResult too_many_args = many_red_flags(65535, "rules:\n" + rule);
  CHECK(errors(too_many_args) ==
        "big.yaml:65543:31: condition too large: more than 65,535 terms and arguments in one condition\n");
  std::string fits = "  - {id: R1, title: t, when: 'any_yes(red_flags)', urgency: emergency, source: s}\n";
  LoadResult at_the_limit = many_red_flags(65535, "rules:\n" + fits);
  CHECK(errors(at_the_limit).empty());
  LoadResult too_many_questions = many_red_flags(65536, "");
  CHECK(errors(too_many_questions) == "big.yaml:65542:5: more than 65,535 questions\n");
}

TEST_CASE("a scale has at most 127 values: a rule's proposal is a signed byte") {
  std::string values;
  for (int i = 0; i < 128; ++i) values += (i ? ", v" : "v") + std::to_string(i);
  LoadResult result = load_rules({{"s.yaml", "outputs:\n  duration_class: {values: [" + values +
                                                 "]}\n  category: {values: [a]}\n  recommendation: {values: [a]}\n"
                                                 "  urgency: {values: [a]}\nquestions:\n  - {id: q, type: yes_no, prompt: p}\n"}});
  CHECK(errors(result).find("s.yaml:2:") == 0);
  CHECK(errors(result).find("duration_class has more than 127 values") != std::string::npos);
}
