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

// How the fields of an intake CSV map to questions, from its header.
struct IntakeColumns {
  std::vector<int> question_of_field;  // per field: question index, or -1 (ignored column)
  std::vector<std::string> field_names;  // header names, trimmed
  int id_field = -1;                   // the `id` column, or -1
};

// Maps the header record. Throws Error(data_error) when the header is malformed, lacks the
// column of a required question, or names a column twice; the message names the columns.
IntakeColumns map_header(const RuleSet& rules, const CsvRecord& header);

// Parses the answers of one data record into `answers` (one per question). Returns "" on
// success, otherwise the case's error: "line N: ..." naming the column and the value. Does
// not check required answers (see Decision::missing_required). Allocates only on error.
std::string read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                             std::vector<AnswerValue>& answers);

// The output id of a data record: its `id` field, or its data row number.
std::string record_id(const IntakeColumns& columns, const CsvRecord& record, std::size_t row_number);

// Parses name=value answers (names match question ids ignoring case and blanks). Returns
// every problem found (unknown or repeated names, bad values); empty on success.
std::vector<std::string> read_named_answers(const RuleSet& rules,
                                            const std::vector<std::pair<std::string, std::string>>& named,
                                            std::vector<AnswerValue>& answers);

// Parses a JSON object of answers: yes/no may be booleans, numbers may be numbers, null is
// unknown, strings are read as answer texts. Returns every problem found; empty on success.
std::vector<std::string> read_json_answers(const RuleSet& rules, const nlohmann::json& object,
                                           std::vector<AnswerValue>& answers);

}  // namespace backtriage
