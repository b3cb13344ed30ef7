#include "output/score_writer.h"

#include <doctest/doctest.h>

#include "test_support.h"

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/exit_code.h"
#include "intake/csv_reader.h"
#include "rules/loader.h"
#include "version.h"

using namespace backtriage;

namespace {

const char* const kMini = R"(outputs:
  duration_class:
    values: [acute, chronic]
  category:
    values: [nonspecific, other]
  recommendation:
    values: [self-manage, start-pt, "see a specialist, soon"]
  urgency:
    values: [routine, urgent, emergency]
questions:
  - {id: duration_days, type: duration, required: true, prompt: "How long?"}
  - {id: numbness, type: yes_no, red_flag: emergency, prompt: "Numb?"}
  - {id: fever, type: yes_no, red_flag: yes, prompt: "Fever?"}
rules:
  - {id: D1, title: Acute, when: duration_days < 28, duration_class: acute, source: S1}
  - {id: D2, title: Chronic, when: duration_days >= 28, duration_class: chronic, source: S1}
  - {id: C2, title: Flag, when: any_yes(red_flags), category: other, source: S2}
  - {id: E1, title: Numb, when: numbness, recommendation: "see a specialist, soon", urgency: emergency, source: S3}
  - {id: P6, title: Blank, when: any_unknown(red_flags), recommendation: start-pt, source: S6}
)";

const RuleSet& mini() {
  static const RuleSet rules = load_or_fail({{"mini.yaml", kMini}});
  return rules;
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string tail() { return ",\"ruleset\":\"" + mini().hash + "\",\"version\":\"" + kVersion + "\"}\n"; }

}  // namespace

TEST_CASE("CSV output: the header, then one exact row per case") {
  std::ostringstream out;
  ScoreWriter writer(builtin(), ScoreFormat::csv, out);
  writer.write_header();
  std::vector<AnswerValue> answers;
  for (const auto& q : builtin().questions) answers.push_back(q.type == AnswerType::yes_no ? 0 : kUnknown);
  answers[0] = 3;
  answers[builtin().question_index("age")] = 38;
  answers[builtin().question_index("saddle_numbness")] = 1;
  writer.write_scored("p1", decide(builtin(), answers));
  answers[0] = 20;
  answers[builtin().question_index("saddle_numbness")] = kUnknown;
  answers[builtin().question_index("age")] = 40;
  writer.write_scored("p2", decide(builtin(), answers));
  writer.write_error("p3", "line 4: column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'");
  CHECK(out.str() == "");  // buffered until flushed
  writer.flush();
  CHECK(out.str() ==
        "id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error\n"
        "p1,ok,acute,other,see-specialist,emergency,saddle_numbness,,D1;C2;E1,\n"
        "p2,ok,acute,nonspecific,see-specialist,urgent,,saddle_numbness,D1;U6;P1;P6,\n"
        "p3,error,,,,,,,,\"line 4: column 'numbness': expected yes or no (y, n, true, false, 1, 0), got 'maybe'\"\n");
}

TEST_CASE("CSV output quotes ids, values and messages that need it, and reads back") {
  std::ostringstream out;
  ScoreWriter writer(mini(), ScoreFormat::csv, out);
  writer.write_header();
  writer.write_scored("a,b", decide(mini(), {3, 1, 0}));
  writer.write_scored("say \"hi\"", decide(mini(), {40, 0, kUnknown}));
  writer.write_error("two\nlines", "line 9: column 'x': got 'a \"quoted\", value'");
  writer.flush();
  CHECK(out.str() ==
        "id,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error\n"
        "\"a,b\",ok,acute,other,\"see a specialist, soon\",emergency,numbness,,D1;C2;E1,\n"
        "\"say \"\"hi\"\"\",ok,chronic,nonspecific,start-pt,routine,,fever,D2;P6,\n"
        "\"two\nlines\",error,,,,,,,,\"line 9: column 'x': got 'a \"\"quoted\"\", value'\"\n");
  std::istringstream in(out.str());
  CsvReader reader(in);
  CsvRecord record;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(record)) {
    CHECK(record.error == "");
    rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  REQUIRE(rows.size() == 4);
  for (const auto& row : rows) CHECK(row.size() == 10);
  CHECK(rows[1][0] == "a,b");
  CHECK(rows[1][4] == "see a specialist, soon");
  CHECK(rows[2][0] == "say \"hi\"");
  CHECK(rows[3][0] == "two\nlines");
  CHECK(rows[3][9] == "line 9: column 'x': got 'a \"quoted\", value'");
}

TEST_CASE("JSON Lines output: one exact object per case, lists as arrays, null for error outputs") {
  std::ostringstream out;
  ScoreWriter writer(mini(), ScoreFormat::jsonl, out);
  writer.write_header();  // nothing for JSON Lines
  writer.write_scored("p1", decide(mini(), {3, 1, 1}));
  writer.write_scored("2", decide(mini(), {40, 0, kUnknown}));
  writer.write_error("p3", "line 4: bad");
  writer.flush();
  CHECK(out.str() ==
        "{\"id\":\"p1\",\"status\":\"ok\",\"duration_class\":\"acute\",\"category\":\"other\","
        "\"recommendation\":\"see a specialist, soon\",\"urgency\":\"emergency\",\"red_flags\":[\"numbness\",\"fever\"],"
        "\"unanswered\":[],\"rules\":[\"D1\",\"C2\",\"E1\"],\"error\":null,\"errors\":[]" +
            tail() +
            "{\"id\":\"2\",\"status\":\"ok\",\"duration_class\":\"chronic\",\"category\":\"nonspecific\","
            "\"recommendation\":\"start-pt\",\"urgency\":\"routine\",\"red_flags\":[],\"unanswered\":[\"fever\"],"
            "\"rules\":[\"D2\",\"P6\"],\"error\":null,\"errors\":[]" +
            tail() +
            "{\"id\":\"p3\",\"status\":\"error\",\"duration_class\":null,\"category\":null,\"recommendation\":null,"
            "\"urgency\":null,\"red_flags\":[],\"unanswered\":[],\"rules\":[],\"error\":\"line 4: bad\",\"errors\":[]" +
            tail());
}

TEST_CASE("every JSON Lines row parses, with the fields of the CSV columns in order") {
  std::ostringstream out;
  ScoreWriter writer(mini(), ScoreFormat::jsonl, out);
  writer.write_scored("a\"b\\c\nd\te\x01", decide(mini(), {3, 1, 1}));
  writer.write_error("caf\xC3\xA9", "line 2: got '\"\\'");
  writer.flush();
  std::istringstream in(out.str());
  std::string line;
  std::vector<nlohmann::ordered_json> rows;
  while (std::getline(in, line)) rows.push_back(nlohmann::ordered_json::parse(line));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["id"] == "a\"b\\c\nd\te\x01");
  CHECK(rows[1]["id"] == "caf\xC3\xA9");
  CHECK(rows[1]["error"] == "line 2: got '\"\\'");
  for (const auto& row : rows) {
    std::vector<std::string> keys;
    for (auto& [key, value] : row.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"id", "status", "duration_class", "category", "recommendation", "urgency",
                                           "red_flags", "unanswered", "rules", "error", "errors", "ruleset", "version"});
  }
}

TEST_CASE("JSON strings are escaped: quotes, backslashes, control characters; UTF-8 as it is") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("a\"b") == "\"a\\\"b\"");
  CHECK(json_string("a\\b") == "\"a\\\\b\"");
  CHECK(json_string("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
  CHECK(json_string(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
  CHECK(json_string(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_string("caf\xC3\xA9 \xE2\x9C\x93") == "\"caf\xC3\xA9 \xE2\x9C\x93\"");
  CHECK(json_string("/ \x7f") == "\"/ \\u007f\"");
}

TEST_CASE("JSON strings are always valid UTF-8 and carry no C1 control characters raw") {
  CHECK(json_string("Zo\xeb") == "\"Zo\xEF\xBF\xBD\"");
  CHECK(json_string("\xc0\xaf") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // an overlong '/'
  CHECK(json_string("\xed\xa0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  CHECK(json_string("a\xc2\x9b" "1m") == "\"a\\u009b1m\"");
  CHECK(json_string("\x1b[2J") == "\"\\u001b[2J\"");
}

TEST_CASE("JSON Lines error rows carry every problem as structured fields") {
  std::ostringstream out;
  ScoreWriterOptions options;
  options.format = ScoreFormat::jsonl;
  options.kept_names = {"name"};
  ScoreWriter writer(mini(), options, out);
  writer.write_error("P\xe9", {"Zo\xeb"},
                     {{7, "age", "150", "expected a whole number from 0 to 120, got '150'"},
                      {7, "fever", "\\e[31m", "expected yes or no, got '\\e[31m'"}});
  writer.flush();
  auto row = nlohmann::ordered_json::parse(out.str());
  CHECK(row["id"] == "P\xEF\xBF\xBD");
  CHECK(row["name"] == "Zo\xEF\xBF\xBD");
  CHECK(row["error"] == "line 7: column 'age': expected a whole number from 0 to 120, got '150'; column 'fever': "
                        "expected yes or no, got '\\e[31m'");
  REQUIRE(row["errors"].size() == 2);
  CHECK(row["errors"][0] == nlohmann::ordered_json::parse(
                                R"({"line": 7, "column": "age", "value": "150",
                                    "message": "expected a whole number from 0 to 120, got '150'"})"));
  CHECK(row["errors"][1]["value"] == "\\e[31m");
}

TEST_CASE("CSV cells from the input that a spreadsheet would run as formulas get a leading quote") {
  std::ostringstream out;
  ScoreWriterOptions options;
  options.kept_names = {"name"};
  ScoreWriter writer(mini(), options, out);
  writer.write_header();
  writer.write_scored("=HYPERLINK(\"http://x\",\"y\")", {"+1"}, decide(mini(), {3, 0, 0}));
  writer.write_error("@SUM(A1)", {"-2"}, "line 3: bad");
  writer.write_scored("P1", {"Ann"}, decide(mini(), {3, 0, 0}));
  writer.flush();
  std::istringstream lines(out.str());
  std::string header, first, second, third;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  CHECK(header == "id,name,status,duration_class,category,recommendation,urgency,red_flags,unanswered,rules,error");
  CHECK(first.rfind("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,ok,", 0) == 0);
  CHECK(second == "'@SUM(A1),'-2,error,,,,,,,,line 3: bad");
  CHECK(third.rfind("P1,Ann,ok,", 0) == 0);

  std::ostringstream raw;
  options.raw_csv = true;
  ScoreWriter raw_writer(mini(), options, raw);
  raw_writer.write_error("=1+1", {"-2"}, "line 3: bad");
  raw_writer.flush();
  CHECK(raw.str() == "=1+1,-2,error,,,,,,,,line 3: bad\n");
}

TEST_CASE("CSV for a terminal shows control characters as escapes") {
  std::ostringstream out;
  ScoreWriterOptions options;
  options.escape_controls = true;
  ScoreWriter writer(mini(), options, out);
  writer.write_error("a\x1b]0;title\x07", "line 3: bad");
  writer.flush();
  CHECK(out.str() == "a\\e]0;title\\x07,error,,,,,,,,line 3: bad\n");
}

TEST_CASE("a large output is written in blocks, every row in order") {
  std::ostringstream out;
  ScoreWriter writer(mini(), ScoreFormat::csv, out);
  writer.write_header();
  Decision d = decide(mini(), {3, 0, 0});
  const int rows = 50000;  // well over one 1 MiB block
  for (int i = 1; i <= rows; ++i) writer.write_scored(std::to_string(i), d);
  CHECK(out.str().size() > 0);  // blocks were flushed on the way
  writer.flush();
  std::string text = out.str();
  CHECK(std::count(text.begin(), text.end(), '\n') == rows + 1);
  CHECK(text.find("\n1,ok,acute,nonspecific,self-manage,routine,,,D1,\n2,ok,") != std::string::npos);
  const std::string last = "\n50000,ok,acute,nonspecific,self-manage,routine,,,D1,\n";
  CHECK(text.compare(text.size() - last.size(), last.size(), last) == 0);
}

TEST_CASE("a failing output stream is an error with exit code 73") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  ScoreWriter writer(mini(), ScoreFormat::csv, out);
  writer.write_header();
  try {
    writer.flush();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::cant_create);
    CHECK(std::string(e.what()) == "cannot write the output");
  }
}
