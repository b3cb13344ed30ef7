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
  void append_list_csv(const std::vector<std::uint16_t>& indices, bool rules);
  void append_list_json(const char* name, const std::vector<std::uint16_t>& indices, bool rules);

  const RuleSet& rules_;
  ScoreFormat format_;
  std::ostream& out_;
  std::string buffer_;
  std::string json_tail_;  // the rule-set hash and version closing every JSONL object
};

// Appends `text` as a JSON string literal (quoted and escaped).
void append_json_string(std::string& out, std::string_view text);

}  // namespace backtriage
