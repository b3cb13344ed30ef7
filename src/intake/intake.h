#pragma once
// Turns the three input forms of a case into answers by question index: an intake CSV row
// (through its header), name=value pairs, and a JSON object. Every form goes through the one
// answer parser (intake/answer.h), so a value means the same thing everywhere.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "intake/csv_reader.h"
#include "rules/ruleset.h"

namespace backtriage {

// What a data engineer may say about an intake file's columns (backtriage(1), score).
struct IntakeOptions {
  std::string id_column = "id";    // the column of the case ids, matched ignoring case
  std::vector<std::string> keep;   // columns copied into the output before the results
  bool strict = false;             // unknown columns and header warnings are errors
  std::string encoding;            // converted from (for messages), or "" for UTF-8
};

// How the fields of an intake CSV map to questions, from its header.
struct IntakeColumns {
  std::vector<int> question_of_field;  // per field: question index, or -1 (ignored column)
  std::vector<std::string> field_names;  // header names, trimmed
  int id_field = -1;                   // the id column, or -1
  std::vector<int> kept_fields;        // per IntakeOptions::keep name, its field
  // Fields up to the last named one: a spreadsheet's trailing empty header cells (and the
  // empty cells under them) are not columns.
  std::size_t named_fields = 0;
  // For stderr, once: no id column, a column that looks like a misspelt question.
  std::vector<std::string> warnings;
  std::string encoding;  // IntakeOptions::encoding
};

// One problem of a data record. `column` is empty for the record as a whole (a syntax error,
// a wrong number of fields, a blank required answer); `value` is the cell cut to 40
// characters with control characters escaped (empty without a column).
struct FieldProblem {
  std::size_t line = 0;
  std::string column;
  std::string value;
  std::string message;  // lower case, "expected X, got 'Y'"
  int question = -1;    // the question whose answer this is, or -1
};

// Maps the header record. Throws Error(data_error) when the header is malformed or not UTF-8,
// lacks the column of a required question or of a --keep name, or names a column twice (each
// such name once); with `strict`, also for an unknown column or any warning. The message
// names the columns.
IntakeColumns map_header(const RuleSet& rules, const CsvRecord& header, const IntakeOptions& options = {});

// Parses the answers of one data record into `answers` (one per question) and returns true;
// or fills `problems` with every problem of the record (each bad cell, invalid UTF-8) and
// returns false. Does not check required answers (see score_case). Allocates only on error.
bool read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                      std::vector<AnswerValue>& answers, std::vector<FieldProblem>& problems);

// The problems as one message: "line 5: column 'age': expected ..., got '150'; column ...".
std::string describe_problems(const std::vector<FieldProblem>& problems);

// read_csv_answers() with the problems as one message; "" on success.
std::string read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                             std::vector<AnswerValue>& answers);

// The output id of a data record: its id field, or its data row number.
std::string record_id(const IntakeColumns& columns, const CsvRecord& record, std::size_t row_number);

// Parses name=value answers (names match question ids ignoring case and blanks). Returns
// every problem found (unknown or repeated names, bad values; past the first 100, one line
// counting the rest); empty on success. The questions
// given a bad value are added to `invalid` when it is given.
std::vector<std::string> read_named_answers(const RuleSet& rules,
                                            const std::vector<std::pair<std::string, std::string>>& named,
                                            std::vector<AnswerValue>& answers, std::vector<int>* invalid = nullptr);

// Parses a JSON object of answers: yes/no may be booleans, numbers may be numbers, null is
// unknown, strings are read as answer texts. The key `id_key` (matched exactly; "id" by
// default) is the case's id, not an answer. Returns every problem found; empty on success.
// `invalid` as for read_named_answers.
std::vector<std::string> read_json_answers(const RuleSet& rules, const nlohmann::json& object,
                                           std::vector<AnswerValue>& answers, const std::string& id_key = "id",
                                           std::vector<int>* invalid = nullptr);

// The most bytes one JSON case may hold (`eval --json`, a line of `score --input jsonl`): the
// cap of a CSV record, far above any real case (the default questions take under 2 kB).
inline constexpr std::size_t kMaxCaseBytes = CsvReader::kDefaultMaxRecordSize;
// How deeply a JSON case may nest arrays and objects. A case is one flat object of answers,
// so this only bounds what is refused: deeper input is never built, and nothing that walks a
// value recursively (dumping it into an audit record) can run out of stack.
inline constexpr int kMaxJsonDepth = 32;

// Why `text` is not JSON, in plain words with where: "line 2, column 7: expected a value,
// got 'tru,'" from nlohmann's exception (a parse error, or a number too large for a double).
std::string json_error_words(const nlohmann::json::exception& error, std::string_view text);

// Parses `text` as one JSON value. Throws Error(data_error) naming `source` (empty: none, and
// only the column for one line of JSON Lines) when it is not JSON (with the line and column,
// and at most a short escaped prefix of the bad token), when a number is out of range, when it
// nests deeper than kMaxJsonDepth, or when an object holds a key twice (nlohmann would keep
// the last silently).
nlohmann::json parse_json_case(std::string_view text, const std::string& source);

// The id of a JSON case: its `id_key` member as text (a number as written), or "" when it has
// none or it is null. Throws nothing; an object or array id is written as JSON.
std::string json_case_id(const nlohmann::json& object, const std::string& id_key = "id");

// The members `names` of a JSON case as text, one per name ("" when missing or null; a
// non-string as JSON), for `score --keep`. A member that is no question id is removed from
// `object`, so that it is copied, not refused as an unknown question.
std::vector<std::string> take_kept_members(const RuleSet& rules, nlohmann::json& object,
                                           const std::vector<std::string>& names);

}  // namespace backtriage
