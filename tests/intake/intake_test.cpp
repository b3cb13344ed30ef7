#include "intake/intake.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "base/exit_code.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

int question(const std::string& id) { return builtin().question_index(id); }

// A record of `fields` starting on physical line `line`; owns the field texts.
struct Record {
  std::vector<std::string> texts;
  CsvRecord record;
  Record(std::vector<std::string> fields, std::size_t line, std::string error = {}) : texts(std::move(fields)) {
    for (const auto& t : texts) record.fields.emplace_back(t);
    record.line = line;
    record.error = std::move(error);
    if (!record.error.empty()) record.fields.clear();
  }
};

// The message of the Error that map_header throws, with its exit code, or "mapped".
std::string header_error(std::vector<std::string> names) {
  Record header(std::move(names), 1);
  try {
    map_header(builtin(), header.record);
    return "mapped";
  } catch (const Error& e) {
    return std::to_string(static_cast<int>(e.code())) + " " + e.what();
  }
}

IntakeColumns header(std::vector<std::string> names) {
  Record record(std::move(names), 1);
  return map_header(builtin(), record.record);
}

// The required questions of the built-in rule set (version 2027.1), in asking order.
const std::vector<std::string> kRequired = {"duration_days", "numbness",     "weakness",
                                            "difficulty_walking", "prior_injury", "age"};

// The 21 columns of an intake written for rule set v1 (2026.11), age among them.
const std::vector<std::string> kV1Columns = {
    "duration_days", "leg_pain", "numbness", "weakness", "both_legs", "weakness_worsening", "difficulty_walking",
    "prior_injury", "recurrent", "improving", "age", "saddle_numbness", "bladder_bowel", "major_trauma",
    "non_spinal_pain", "fever", "infection_risk", "cancer_history", "weight_loss", "osteoporosis_steroids", "night_pain"};

std::vector<AnswerValue> named(const std::vector<std::pair<std::string, std::string>>& pairs, std::vector<std::string>* problems) {
  std::vector<AnswerValue> answers;
  *problems = read_named_answers(builtin(), pairs, answers);
  return answers;
}

std::string join(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) out += t + "\n";
  return out;
}

}  // namespace

// ---- the header --------------------------------------------------------------------------

TEST_CASE("header names match question ids ignoring case and surrounding blanks") {
  IntakeColumns columns = header({" Duration_Days ", "NUMBNESS", "\tweakness", "Difficulty_Walking\t", "prior_injury", "Age"});
  CHECK(columns.question_of_field ==
        std::vector<int>{question("duration_days"), question("numbness"), question("weakness"),
                         question("difficulty_walking"), question("prior_injury"), question("age")});
  CHECK(columns.field_names == std::vector<std::string>{"Duration_Days", "NUMBNESS", "weakness", "Difficulty_Walking",
                                                        "prior_injury", "Age"});
  CHECK(columns.id_field == -1);
}

TEST_CASE("columns that name no question are ignored, and an id column is found") {
  IntakeColumns columns = header({"clinic", "ID", "duration_days", "numbness", "notes", "weakness", "difficulty_walking",
                                  "prior_injury", "leg pain", "age"});
  CHECK(columns.question_of_field ==
        std::vector<int>{-1, -1, question("duration_days"), question("numbness"), -1, question("weakness"),
                         question("difficulty_walking"), question("prior_injury"), -1, question("age")});
  CHECK(columns.id_field == 1);
}

TEST_CASE("the output id is the id column, trimmed, or the data row number") {
  IntakeColumns with_id = header({"duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", " Id "});
  Record row({"3", "no", "no", "no", "no", "40", "  P-007 "}, 2);
  CHECK(record_id(with_id, row.record, 1) == "P-007");
  Record bad({}, 9, "unterminated quote");
  CHECK(record_id(with_id, bad.record, 8) == "8");
  Record short_row({"3", "no"}, 3);
  CHECK(record_id(with_id, short_row.record, 2) == "2");

  IntakeColumns without_id = header(kRequired);
  CHECK(record_id(without_id, row.record, 17) == "17");
}

TEST_CASE("a header without a required question's column is fatal and names the columns") {
  CHECK(header_error({"id", "numbness", "weakness"}) ==
        "65 line 1: the header lacks the columns of required questions: duration_days, difficulty_walking, "
        "prior_injury, age; nothing was scored");
  CHECK(header_error({"duration_days", "numbness", "weakness", "difficulty_walking", "age"}) ==
        "65 line 1: the header lacks the column of required question: prior_injury; nothing was scored");
  CHECK(header_error({"duration", "numbness", "weakness", "difficulty_walking", "prior_injury", "age"}) ==
        "65 line 1: the header lacks the column of required question: duration_days; nothing was scored");
  // Age is required: the five required columns of rule set v1 are no longer enough.
  CHECK(header_error({"duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury"}) ==
        "65 line 1: the header lacks the column of required question: age; nothing was scored");
  CHECK(header_error({"id", "Age", "notes"}) ==
        "65 line 1: the header lacks the columns of required questions: duration_days, numbness, weakness, "
        "difficulty_walking, prior_injury; nothing was scored");
  CHECK(header_error(kRequired) == "mapped");
}

TEST_CASE("an intake header of rule set v1 maps when it has age; the v2 questions have no column") {
  IntakeColumns columns = header(kV1Columns);
  REQUIRE(columns.question_of_field.size() == kV1Columns.size());
  for (size_t f = 0; f < kV1Columns.size(); ++f) CHECK(columns.question_of_field[f] == question(kV1Columns[f]));
  for (const char* v2_only : {"sexual_dysfunction", "fall_or_injury", "pregnancy_warning", "spa_linked_condition"}) {
    CAPTURE(v2_only);
    REQUIRE(question(v2_only) >= 0);
    CHECK(std::find(columns.question_of_field.begin(), columns.question_of_field.end(), question(v2_only)) ==
          columns.question_of_field.end());
  }
  // Its rows read: the v2 questions are unknown, never no.
  std::vector<std::string> fields(kV1Columns.size(), "no");
  fields[0] = "5";
  fields[10] = "47";
  Record row(fields, 2);
  std::vector<AnswerValue> answers;
  CHECK(read_csv_answers(builtin(), columns, row.record, answers) == "");
  CHECK(answers[question("age")] == 47);
  CHECK(answers[question("saddle_numbness")] == 0);
  CHECK(answers[question("sexual_dysfunction")] == kUnknown);
  CHECK(answers[question("pregnancy_warning")] == kUnknown);

  std::vector<std::string> without_age = kV1Columns;
  without_age.erase(without_age.begin() + 10);
  CHECK(header_error(without_age) == "65 line 1: the header lacks the column of required question: age; nothing was scored");
}

TEST_CASE("a column named twice is fatal, ignoring case and blanks") {
  CHECK(header_error({"duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", " NUMBNESS"}) ==
        "65 line 1: column 'NUMBNESS' appears twice (fields 2 and 7); nothing was scored");
  CHECK(header_error({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", "ID"}) ==
        "65 line 1: column 'ID' appears twice (fields 1 and 8); nothing was scored");
  CHECK(header_error({"age", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "AGE "}) ==
        "65 line 1: column 'AGE' appears twice (fields 1 and 7); nothing was scored");
  CHECK(header_error({"numbness", "numbness", "weakness"}) ==
        "65 line 1: column 'numbness' appears twice (fields 1 and 2); the header lacks the columns of required "
        "questions: duration_days, difficulty_walking, prior_injury, age; nothing was scored");
}

TEST_CASE("a malformed header record is fatal with its line") {
  Record bad({}, 1, "a quote inside an unquoted field");
  try {
    map_header(builtin(), bad.record);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data_error);
    CHECK(std::string(e.what()) == "line 1: a quote inside an unquoted field");
  }
}

// ---- data rows ---------------------------------------------------------------------------

TEST_CASE("a data row's answers are read by column") {
  IntakeColumns columns = header({"id", "Weakness", "duration_days", "numbness", "difficulty_walking", "prior_injury", "age",
                                  "notes", "both_legs"});
  Record row({"p1", " Y ", "3 weeks", "FALSE", "1", "0", "62", "anything, really", ""}, 2);
  std::vector<AnswerValue> answers;
  CHECK(read_csv_answers(builtin(), columns, row.record, answers) == "");
  REQUIRE(answers.size() == builtin().questions.size());
  CHECK(answers[question("weakness")] == 1);
  CHECK(answers[question("duration_days")] == 21);
  CHECK(answers[question("numbness")] == 0);
  CHECK(answers[question("difficulty_walking")] == 1);
  CHECK(answers[question("prior_injury")] == 0);
  CHECK(answers[question("age")] == 62);
  CHECK(answers[question("both_legs")] == kUnknown);
  CHECK(answers[question("fever")] == kUnknown);  // no column: unknown
}

TEST_CASE("a bad value is an error naming the line, the column as written and the value") {
  IntakeColumns columns = header({"id", "Duration_Days", "numbness", "weakness", "difficulty_walking", "prior_injury", "AGE",
                                  "both_legs"});
  std::vector<AnswerValue> answers;
  Record bad_yes_no({"p1", "3", "maybe", "no", "no", "no", "", ""}, 7);
  CHECK(read_csv_answers(builtin(), columns, bad_yes_no.record, answers) ==
        "line 7: column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'");
  Record bad_duration({"p1", " soon ", "no", "no", "no", "no", "", ""}, 12);
  CHECK(read_csv_answers(builtin(), columns, bad_duration.record, answers) ==
        "line 12: column 'Duration_Days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), "
        "got 'soon'");
  Record bad_age({"p1", "3", "no", "no", "no", "no", "130", ""}, 3);
  CHECK(read_csv_answers(builtin(), columns, bad_age.record, answers) ==
        "line 3: column 'AGE': expected a whole number from 0 to 120, got '130'");
  Record negative({"p1", "-2 days", "no", "no", "no", "no", "", ""}, 4);
  CHECK(read_csv_answers(builtin(), columns, negative.record, answers) ==
        "line 4: column 'Duration_Days': a duration cannot be negative, got '-2 days'");
  // A question that is not applicable (no leg symptoms) is still validated.
  Record not_applicable({"p1", "3", "no", "no", "no", "no", "", "perhaps"}, 5);
  CHECK(read_csv_answers(builtin(), columns, not_applicable.record, answers) ==
        "line 5: column 'both_legs': expected yes or no (y, n, true, false, 1, 0), got 'perhaps'");
}

TEST_CASE("every bad value of a row is reported, in one message and as structured problems") {
  IntakeColumns columns = header(kRequired);
  std::vector<AnswerValue> answers;
  Record row({"x", "maybe", "z", "no", "no", "200"}, 2);
  CHECK(read_csv_answers(builtin(), columns, row.record, answers) ==
        "line 2: column 'duration_days': expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), "
        "got 'x'; column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'; column 'weakness': expected "
        "yes or no (y, n, true, false, 1, 0), got 'z'; column 'age': expected a whole number from 0 to 120, got '200'");
  std::vector<FieldProblem> problems;
  CHECK_FALSE(read_csv_answers(builtin(), columns, row.record, answers, problems));
  REQUIRE(problems.size() == 4);
  CHECK(problems[3].line == 2);
  CHECK(problems[3].column == "age");
  CHECK(problems[3].value == "200");
  CHECK(problems[3].message == "expected a whole number from 0 to 120, got '200'");
}

TEST_CASE("a value in a problem is cut to 40 characters and its control characters escaped") {
  IntakeColumns columns = header(kRequired);
  std::vector<AnswerValue> answers;
  std::vector<FieldProblem> problems;
  Record row({"\x1b[31mred\x1b[0m" + std::string(60, 'x'), "no", "no", "no", "no", "40"}, 3);
  CHECK_FALSE(read_csv_answers(builtin(), columns, row.record, answers, problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].value == "\\e[31mred\\e[0m" + std::string(28, 'x') + "...");
  CHECK(problems[0].message.find('\x1b') == std::string::npos);
}

TEST_CASE("a cell that is not UTF-8 is an error naming its line and column") {
  IntakeColumns columns = header({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", "name"});
  std::vector<AnswerValue> answers;
  Record row({"P1", "5", "no", "no", "no", "no", "40", "Zo\xeb"}, 4);
  row.record.non_ascii = true;
  CHECK(read_csv_answers(builtin(), columns, row.record, answers) ==
        "line 4: column 'name': not UTF-8 (byte 0xeb at byte 3 of the cell); give the file's encoding with --encoding, "
        "e.g. --encoding cp1252");
  Record fine({"P1", "5", "no", "no", "no", "no", "40", "Zo\xc3\xab"}, 5);
  fine.record.non_ascii = true;
  CHECK(read_csv_answers(builtin(), columns, fine.record, answers) == "");
}

TEST_CASE("trailing empty header cells are not columns, and the cells under them may be blank or absent") {
  IntakeColumns columns = header({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", "", " "});
  CHECK(columns.named_fields == 7);
  std::vector<AnswerValue> answers;
  Record full({"P1", "5", "no", "no", "no", "no", "40", "", ""}, 2);
  CHECK(read_csv_answers(builtin(), columns, full.record, answers) == "");
  Record trimmed({"P1", "5", "no", "no", "no", "no", "40"}, 3);
  CHECK(read_csv_answers(builtin(), columns, trimmed.record, answers) == "");
  Record longer({"P1", "5", "no", "no", "no", "no", "40", "", "", "", ""}, 4);
  CHECK(read_csv_answers(builtin(), columns, longer.record, answers) == "");
  Record filled({"P1", "5", "no", "no", "no", "no", "40", "", "x"}, 5);
  CHECK(read_csv_answers(builtin(), columns, filled.record, answers) == "line 5: expected 7 fields, found 9");
}

TEST_CASE("a header of thousands of blank or repeated names is one message per name") {
  std::vector<std::string> names = kRequired;
  for (int i = 0; i < 4000; ++i) names.push_back("");
  CHECK(header_error(names) == "mapped");
  names = kRequired;
  for (int i = 0; i < 4000; ++i) names.push_back("x");
  names.push_back("age");
  CHECK(header_error(names) == "65 line 1: column 'x' appears 4,000 times (fields 7, 8, 9, 10, 11 and 3,995 more); "
                               "column 'age' appears twice (fields 6 and 4,007); nothing was scored");
}

TEST_CASE("the id column is named by --id-column; without it ids are row numbers, with a warning") {
  IntakeOptions options;
  options.id_column = "patient_id";
  Record names({"patient_id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age"}, 1);
  IntakeColumns columns = map_header(builtin(), names.record, options);
  CHECK(columns.id_field == 0);
  CHECK(columns.warnings.empty());
  IntakeColumns by_default = map_header(builtin(), names.record);
  CHECK(by_default.id_field == -1);
  CHECK(by_default.warnings == std::vector<std::string>{
                                   "the header has no 'id' column: results are numbered by data row (1, 2, ...); if "
                                   "'patient_id' holds them, give --id-column patient_id"});
  IntakeOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH_AS(map_header(builtin(), names.record, strict),
                       "line 1: column 'patient_id' (field 1) is not a question, the id column or a --keep column; "
                       "the header has no 'id' column: results are numbered by data row (1, 2, ...); if "
                       "'patient_id' holds them, give --id-column patient_id (--strict); nothing was scored",
                       Error);
}

TEST_CASE("a column close to a question id gets a did-you-mean warning; --strict refuses unknown columns") {
  Record names({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age",
                "saddle_numbnes", "clinic"}, 1);
  IntakeColumns columns = map_header(builtin(), names.record);
  CHECK(columns.warnings == std::vector<std::string>{
                                "column 'saddle_numbnes' (field 8) is not a question and is ignored (did you mean "
                                "'saddle_numbness'?)"});
  IntakeOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH_AS(map_header(builtin(), names.record, strict),
                       "line 1: column 'clinic' (field 9) is not a question, the id column or a --keep column; "
                       "column 'saddle_numbnes' (field 8) is not a question and is ignored (did you mean "
                       "'saddle_numbness'?) (--strict); nothing was scored",
                       Error);
  strict.keep = {"clinic"};
  CHECK_THROWS_WITH_AS(map_header(builtin(), names.record, strict),
                       "line 1: column 'saddle_numbnes' (field 8) is not a question and is ignored (did you mean "
                       "'saddle_numbness'?) (--strict); nothing was scored",
                       Error);
}

TEST_CASE("--strict names blank and unknown header cells once each, repeats included") {
  Record names({"id", "", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", "",
                "clinic", "clinic", "clinic", "x"}, 1);
  IntakeOptions strict;
  strict.strict = true;
  CHECK_THROWS_WITH_AS(map_header(builtin(), names.record, strict),
                       "line 1: column 'clinic' appears 3 times (fields 10, 11 and 12); column 'clinic' (field 10) is "
                       "not a question, the id column or a --keep column; column 'x' (field 13) is not a question, the "
                       "id column or a --keep column; fields 2 and 9 have no name; nothing was scored",
                       Error);
}

TEST_CASE("--keep names columns of the header, or the header is refused") {
  IntakeOptions options;
  options.keep = {"Clinic", "name"};
  Record names({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age", "name",
                "clinic"}, 1);
  IntakeColumns columns = map_header(builtin(), names.record, options);
  CHECK(columns.kept_fields == std::vector<int>{8, 7});
  options.keep = {"nane"};
  CHECK_THROWS_WITH_AS(map_header(builtin(), names.record, options),
                       "line 1: the header has no column 'nane' (did you mean 'name'?) to keep; nothing was scored",
                       Error);
}

TEST_CASE("a JSON case may carry an id, which is not an answer") {
  std::vector<AnswerValue> answers;
  auto object = nlohmann::json::parse(R"({"id": "P7", "age": 40})");
  CHECK(read_json_answers(builtin(), object, answers).empty());
  CHECK(json_case_id(object) == "P7");
  CHECK(json_case_id(nlohmann::json::parse(R"({"id": 12})")) == "12");
  CHECK(json_case_id(nlohmann::json::parse(R"({"age": 12})")) == "");
  CHECK(read_json_answers(builtin(), nlohmann::json::parse(R"({"id": [1]})"), answers) ==
        std::vector<std::string>{"id: expected a text or a number as the case's id, got array"});
}

TEST_CASE("JSON that does not parse is described in plain words with its line and column") {
  CHECK_THROWS_WITH_AS(parse_json_case("{\n  \"age\": tru,\n}", "case.json"),
                       "case.json: invalid JSON: line 2, column 13: invalid literal at 'tru,'", Error);
  CHECK_THROWS_WITH_AS(parse_json_case("{\"age\": 40", "case.json"),
                       "case.json: invalid JSON: line 1, column 11: unexpected end of input; expected '}'", Error);
  CHECK_THROWS_WITH_AS(parse_json_case("{\"age\": 1e400}", "-"),
                       "-: invalid JSON: number overflow parsing '1e400'", Error);
  CHECK_THROWS_WITH_AS(parse_json_case("{\"age\": x}", ""), "invalid JSON: column 9: invalid literal at 'x'", Error);
}

TEST_CASE("a JSON case nested more than 32 levels deep is refused where it gets too deep") {
  const std::string deep = "{\"a\": \"[{\\\"\",\n \"x\": " + std::string(31, '[') + "{\"y\": [" +
                           std::string(100000, '[') + std::string(100000, ']') + "]}" + std::string(31, ']') + "}";
  CHECK_THROWS_WITH_AS(parse_json_case(deep, "case.json"),
                       "case.json: invalid JSON: line 2, column 38: nested more than 32 levels deep", Error);
  CHECK_THROWS_WITH_AS(parse_json_case("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", ""),
                       "invalid JSON: column 33: nested more than 32 levels deep", Error);
  CHECK_NOTHROW(parse_json_case(std::string(32, '[') + std::string(32, ']'), ""));
  // A million levels would overflow the stack of anything that walks the value recursively.
  const std::string million = "{\"age\": " + std::string(999999, '[') + std::string(999999, ']') + "}";
  CHECK_THROWS_WITH_AS(parse_json_case(million, "case.json"),
                       "case.json: invalid JSON: line 1, column 40: nested more than 32 levels deep", Error);
}

TEST_CASE("a bad token is quoted by a short escaped prefix, however long it is") {
  std::string value(500000, 'x');
  CHECK_THROWS_WITH_AS(parse_json_case("{\"age\": \"" + value + "\x01\"}", ""),
                       "invalid JSON: column 500010: invalid string: control character U+0001 (SOH) must be escaped "
                       "to \\u0001 at '\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'",
                       Error);
  std::vector<AnswerValue> answers;
  CHECK(read_json_answers(builtin(), nlohmann::json{{"age", value}}, answers) ==
        std::vector<std::string>{"age: expected a whole number from 0 to 120, got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"});
  CHECK(read_json_answers(builtin(), nlohmann::json{{value, 1}}, answers) ==
        std::vector<std::string>{"unknown question 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"});
}

TEST_CASE("a row with more or fewer fields than the header is an error saying how many") {
  IntakeColumns columns = header({"id", "duration_days", "numbness", "weakness", "difficulty_walking", "prior_injury", "age"});
  std::vector<AnswerValue> answers;
  Record fewer({"p1", "3", "no"}, 4);
  CHECK(read_csv_answers(builtin(), columns, fewer.record, answers) == "line 4: expected 7 fields, found 3");
  Record more({"p1", "3", "no", "no", "no", "no", "40", "extra"}, 5);
  CHECK(read_csv_answers(builtin(), columns, more.record, answers) == "line 5: expected 7 fields, found 8");
  Record one({""}, 6);
  CHECK(read_csv_answers(builtin(), columns, one.record, answers) == "line 6: expected 7 fields, found 1");
}

TEST_CASE("a malformed record is an error with its line") {
  IntakeColumns columns = header(kRequired);
  std::vector<AnswerValue> answers;
  Record bad({}, 8, "unterminated quoted field");
  CHECK(read_csv_answers(builtin(), columns, bad.record, answers) == "line 8: unterminated quoted field");
}

TEST_CASE("line numbers are physical lines, through the CSV reader") {
  std::istringstream in("duration_days,numbness,weakness,difficulty_walking,prior_injury,age,notes\r\n"
                        "3,no,no,no,no,40,\"two\r\nlines\"\r\n"
                        "\r\n"
                        "3,maybe,no,no,no,40,\r\n");
  CsvReader reader(in);
  CsvRecord record;
  REQUIRE(reader.next(record));
  IntakeColumns columns = map_header(builtin(), record);
  std::vector<AnswerValue> answers;
  REQUIRE(reader.next(record));
  CHECK(read_csv_answers(builtin(), columns, record, answers) == "");
  REQUIRE(reader.next(record));
  CHECK(read_csv_answers(builtin(), columns, record, answers) ==
        "line 5: column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'");
}

// ---- name=value answers ------------------------------------------------------------------

TEST_CASE("name=value answers match names ignoring case and blanks") {
  std::vector<std::string> problems;
  auto answers = named({{"Duration_Days", "3 weeks"}, {" numbness ", "yes"}, {"AGE", "40"}, {"fever", ""}}, &problems);
  CHECK(join(problems) == "");
  CHECK(answers[question("duration_days")] == 21);
  CHECK(answers[question("numbness")] == 1);
  CHECK(answers[question("age")] == 40);
  CHECK(answers[question("fever")] == kUnknown);
  CHECK(answers[question("weakness")] == kUnknown);
}

TEST_CASE("the questions new in rule set v2 are read in every form") {
  std::vector<std::string> problems;
  auto answers = named({{"sexual_dysfunction", "Y"}, {"Pregnancy_Warning", "no"}, {"spa_nsaid_response", ""},
                        {"fall_or_injury", "true"}, {"loin_pain", "0"}},
                       &problems);
  CHECK(join(problems) == "");
  CHECK(answers[question("sexual_dysfunction")] == 1);
  CHECK(answers[question("pregnancy_warning")] == 0);
  CHECK(answers[question("spa_nsaid_response")] == kUnknown);
  CHECK(answers[question("fall_or_injury")] == 1);
  CHECK(answers[question("loin_pain")] == 0);

  std::vector<AnswerValue> from_json;
  auto json = nlohmann::json::parse(R"({"sexual_dysfunction": true, "pregnancy_warning": "no", "spa_nsaid_response": null,
                                        "thoracic_pain": 1, "deformity": "maybe"})");
  CHECK(join(read_json_answers(builtin(), json, from_json)) ==
        "deformity: expected yes or no (y, n, true, false, 1, 0), got 'maybe'\n");
  CHECK(from_json[question("sexual_dysfunction")] == 1);
  CHECK(from_json[question("pregnancy_warning")] == 0);
  CHECK(from_json[question("spa_nsaid_response")] == kUnknown);
  CHECK(from_json[question("thoracic_pain")] == 1);
}

TEST_CASE("every problem of name=value answers is reported: unknown, repeated, bad values") {
  std::vector<std::string> problems;
  named({{"numbess", "yes"},
         {"duration_days", "a while"},
         {"weakness", "no"},
         {"WEAKNESS", "yes"},
         {"xyzzy", "1"},
         {"age", "-1"}},
        &problems);
  CHECK(join(problems) ==
        "unknown question 'numbess' (did you mean 'numbness'?)\n"
        "duration_days: expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'a while'\n"
        "question 'weakness' is answered twice\n"
        "unknown question 'xyzzy'\n"
        "age: expected a whole number from 0 to 120, got '-1'\n");
}

// ---- JSON answers ------------------------------------------------------------------------

TEST_CASE("JSON answers: booleans, numbers, texts and null") {
  auto json = nlohmann::json::parse(R"({"duration_days": 21, "numbness": true, "weakness": false, "difficulty_walking": "yes",
                                        "prior_injury": "N", "age": 62, "fever": null, "leg_pain": 1, "improving": 0,
                                        "Night_Pain": "  "})");
  std::vector<AnswerValue> answers;
  CHECK(join(read_json_answers(builtin(), json, answers)) == "");
  CHECK(answers[question("duration_days")] == 21);
  CHECK(answers[question("numbness")] == 1);
  CHECK(answers[question("weakness")] == 0);
  CHECK(answers[question("difficulty_walking")] == 1);
  CHECK(answers[question("prior_injury")] == 0);
  CHECK(answers[question("age")] == 62);
  CHECK(answers[question("fever")] == kUnknown);
  CHECK(answers[question("leg_pain")] == 1);
  CHECK(answers[question("improving")] == 0);
  CHECK(answers[question("night_pain")] == kUnknown);
}

TEST_CASE("JSON numbers: a whole number written with a fraction is that number; others are errors") {
  std::vector<AnswerValue> answers;
  auto json = nlohmann::json::parse(R"({"age": 62.0, "duration_days": 1e1})");
  CHECK(join(read_json_answers(builtin(), json, answers)) == "");
  CHECK(answers[question("age")] == 62);
  CHECK(answers[question("duration_days")] == 10);

  auto bad = nlohmann::json::parse(R"({"age": 62.5, "duration_days": 2.5, "numbness": 2,
                                       "weakness": 18446744073709551615, "leg_pain": -1})");
  CHECK(join(read_json_answers(builtin(), bad, answers)) ==
        "age: expected a whole number from 0 to 120, got '62.5'\n"
        "duration_days: a decimal needs a unit (e.g. 2.5 weeks), got '2.5'\n"
        "leg_pain: expected yes or no (y, n, true, false, 1, 0), got '-1'\n"
        "numbness: expected yes or no (y, n, true, false, 1, 0), got '2'\n"
        "weakness: expected yes or no (y, n, true, false, 1, 0), got '18446744073709551615'\n");
}

TEST_CASE("JSON answers of the wrong type, and unknown names, are errors") {
  std::vector<AnswerValue> answers;
  auto json = nlohmann::json::parse(R"({"numbness": [true], "weakness": {"left": true}, "duration_days": true,
                                        "numbnes": true, "leg_pain": "sometimes"})");
  CHECK(join(read_json_answers(builtin(), json, answers)) ==
        "numbness: expected a boolean, number, text or null, got array\n"
        "weakness: expected a boolean, number, text or null, got object\n"
        "duration_days: expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got 'yes'\n"
        "leg_pain: expected yes or no (y, n, true, false, 1, 0), got 'sometimes'\n"
        "unknown question 'numbnes' (did you mean 'numbness'?)\n");

  CHECK(join(read_json_answers(builtin(), nlohmann::json::parse("[1, 2]"), answers)) ==
        "expected a JSON object of answers by question id, got array\n");
  CHECK(answers.size() == builtin().questions.size());
  CHECK(join(read_json_answers(builtin(), nlohmann::json::parse("\"yes\""), answers)) ==
        "expected a JSON object of answers by question id, got string\n");
  CHECK(join(read_json_answers(builtin(), nlohmann::json::parse("null"), answers)) ==
        "expected a JSON object of answers by question id, got null\n");
}

TEST_CASE("an empty JSON object is valid: every answer unknown") {
  std::vector<AnswerValue> answers;
  CHECK(join(read_json_answers(builtin(), nlohmann::json::object(), answers)) == "");
  CHECK(answers == std::vector<AnswerValue>(builtin().questions.size(), kUnknown));
}
