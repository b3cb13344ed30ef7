#pragma once
// Writes `score` results, one row per input row, as CSV or JSON Lines. Rows are built in a
// large buffer and written in blocks: writing a row allocates nothing once the buffer is warm.
#include <array>
#include <ostream>
#include <string>
#include <string_view>

#include "decision/evaluate.h"
#include "intake/intake.h"

namespace backtriage {

enum class ScoreFormat { csv, jsonl };

// How results are written. Cells copied from the input (ids, kept columns) are always made
// valid UTF-8 (invalid bytes become U+FFFD); in CSV a cell starting with = + - @, a tab or a
// CR gets a leading ' so that spreadsheets do not run it as a formula, unless `raw_csv`.
struct ScoreWriterOptions {
  ScoreFormat format = ScoreFormat::csv;
  std::vector<std::string> kept_names;  // input columns copied after the id, in this order
  bool raw_csv = false;
  bool escape_controls = false;  // CSV for a terminal: control characters written as escapes
};

// The output columns of backtriage(1), in order; JSONL uses the same names.
inline constexpr std::array<const char*, 10> kScoreColumns = {
    "id", "status", "duration_class", "category", "recommendation", "urgency",
    "red_flags", "unanswered", "rules", "error"};
// The members a JSON Lines row has besides those columns.
inline constexpr std::array<const char*, 5> kJsonlOnlyMembers = {"errors", "ruleset", "region", "checked", "version"};

class ScoreWriter {
 public:
  // `out` must outlive the writer. Writes nothing until the first call.
  ScoreWriter(const RuleSet& rules, const ScoreWriterOptions& options, std::ostream& out);
  ScoreWriter(const RuleSet& rules, ScoreFormat format, std::ostream& out)
      : ScoreWriter(rules, ScoreWriterOptions{format, {}, false, false}, out) {}

  void write_header();  // the CSV header line; nothing for JSONL
  // `kept` holds one value per kept name (missing ones are written empty).
  void write_scored(std::string_view id, const std::vector<std::string_view>& kept, const Decision& decision);
  void write_scored(std::string_view id, const Decision& decision) { write_scored(id, {}, decision); }
  // An error row: `problems` as one message in the `error` column; in JSONL also as an
  // `errors` array of {line, column, value, message}.
  void write_error(std::string_view id, const std::vector<std::string_view>& kept,
                   const std::vector<FieldProblem>& problems);
  // An error row with a message and no parts (JSONL `errors` is then empty).
  void write_error(std::string_view id, const std::vector<std::string_view>& kept, std::string_view message);
  void write_error(std::string_view id, std::string_view message) { write_error(id, {}, message); }

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
  void put_input_cell(std::string_view text);  // an id or kept cell, made safe, into scratch_
  void put_kept(const std::vector<std::string_view>& kept);
  void open_error(std::string_view id, const std::vector<std::string_view>& kept);

  ScoreFormat format_;
  ScoreWriterOptions options_;
  std::vector<std::string> kept_keys_;  // per kept column: CSV ",name", JSON ",\"name\":"
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

// Appends `text` as a JSON string literal (quoted and escaped): control characters, C1 ones
// too, as \u escapes; invalid UTF-8 bytes as U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace backtriage
