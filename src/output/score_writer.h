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

// The output columns of backtriage(1), in order; JSONL uses the same names.
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

  // The row the last write_scored or write_error made, still buffered: it reaches the stream
  // no sooner than the next write or flush, so a caller can record it before it is shown.
  std::string_view last_row() const { return {buffer_.data() + row_start_, used_ - row_start_}; }

  // Writes what is buffered. Throws Error(cant_create) when the stream reports a failure.
  void flush();

 private:
  // A prepared piece of a row, stored padded to at least kPieceCopy bytes: copying it is one
  // fixed-size move whatever its length, rather than a memcpy call that branches on it.
  struct Piece {
    std::string padded;
    std::size_t size = 0;
  };
  static constexpr std::size_t kPieceCopy = 64;
  static Piece make_piece(std::string text);

  void put(const Piece& piece);
  void put(std::string_view text);
  char* room(std::size_t bytes);  // where the next `bytes` bytes go; grows the buffer if needed
  void put_list(const std::vector<std::uint16_t>& indices, const std::vector<Piece>& items, char separator);
  void maybe_flush();

  ScoreFormat format_;
  std::ostream& out_;
  // Output not yet written: bytes [0, used_) of buffer_, which is only ever resized, so that
  // appending needs no std::string bookkeeping. scratch_ holds an escaped id or message.
  std::string buffer_;
  std::size_t used_ = 0;
  std::size_t row_start_ = 0;
  std::string scratch_;
  // The pieces of a scored row, made once from the rule set in the output format: per output
  // and level its cell (CSV ",value", JSON ",\"name\":\"value\""), each question and rule id
  // as a list item, and the fixed texts around the lists.
  std::array<std::vector<Piece>, kOutputCount> output_cells_;
  std::vector<Piece> question_items_;
  std::vector<Piece> rule_items_;
  Piece ok_, red_flags_open_, unanswered_open_, rules_open_, scored_close_;
  std::string error_close_;  // after an error row's message
};

// Appends `text` as a JSON string literal (quoted and escaped).
void append_json_string(std::string& out, std::string_view text);

}  // namespace backtriage
