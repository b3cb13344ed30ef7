#pragma once
// Writes `score` results, one row per input row, as CSV or JSON Lines. Rows are built in a
// large buffer and written in blocks: writing a row allocates nothing once the buffer is warm.
#include <array>
#include <ostream>
#include <string>
#include <string_view>

#include "decision/evaluate.h"

namespace backtriage {

enum class ScoreFormat { csv, jsonl };

// The output columns of SPEC.md, in order; JSONL uses the same names.
inline constexpr std::array<const char*, 10> kScoreColumns = {
    "id", "status", "duration_class", "category", "recommendation", "urgency",
    "red_flags", "unanswered", "rules", "error"};

class ScoreWriter {
 public:
  // `out` must outlive the writer. Writes nothing until the first call.
  ScoreWriter(const RuleSet& rules, ScoreFormat format, std::ostream& out);

  void write_header();  // the CSV header line; nothing for JSONL
  void write_scored(std::string_view id, const Decision& decision);
  void write_error(std::string_view id, std::string_view message);

  // Writes what is buffered. Throws Error(cant_create) when the stream reports a failure.
  void flush();

 private:
  void maybe_flush();
  void append_list(const std::vector<std::uint16_t>& indices, const std::vector<std::string>& items, char separator);

  ScoreFormat format_;
  std::ostream& out_;
  std::string buffer_;
  std::string json_tail_;  // the rule-set hash and version closing every JSONL object
  // The pieces of a scored row, made once from the rule set in the output format, so that
  // writing a row only copies them: per output and level its cell (CSV ",value", JSON
  // ",\"name\":\"value\""), and each question and rule id as a list item.
  std::array<std::vector<std::string>, kOutputCount> output_cells_;
  std::vector<std::string> question_items_;
  std::vector<std::string> rule_items_;
};

// Appends `text` as a JSON string literal (quoted and escaped).
void append_json_string(std::string& out, std::string_view text);

}  // namespace backtriage
