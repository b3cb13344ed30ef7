#include "output/score_writer.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "output/csv_writer.h"
#include "version.h"

namespace backtriage {
namespace {
constexpr size_t kFlushAt = 1 << 20;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else out += c;
    }
  }
  out += '"';
}

ScoreWriter::Piece ScoreWriter::make_piece(std::string text) {
  Piece piece;
  piece.size = text.size();
  piece.padded = std::move(text);
  if (piece.padded.size() < kPieceCopy) piece.padded.resize(kPieceCopy, '\0');
  return piece;
}

ScoreWriter::ScoreWriter(const RuleSet& rules, ScoreFormat format, std::ostream& out)
    : format_(format), out_(out) {
  buffer_.resize(kFlushAt + 4096);
  std::string json_tail = ",\"ruleset\":";  // the rule-set hash, region and version closing every JSONL object
  append_json_string(json_tail, rules.hash);
  if (!rules.region.empty()) {
    json_tail += ",\"region\":";
    append_json_string(json_tail, rules.region);
  }
  if (!rules.checked) json_tail += ",\"checked\":false";
  json_tail += ",\"version\":";
  append_json_string(json_tail, kVersion);
  json_tail += "}\n";

  const bool csv = format_ == ScoreFormat::csv;
  for (int o = 0; o < kOutputCount; ++o) {
    for (const std::string& value : rules.scales[o].values) {
      std::string cell = ",";
      if (csv) {
        append_csv_field(cell, value);  // a rule set's own words
      } else {
        cell += '"';
        cell += kOutputNames[o];
        cell += "\":";
        append_json_string(cell, value);
      }
      output_cells_[o].push_back(make_piece(std::move(cell)));
    }
  }
  // Ids are [A-Za-z0-9_]: joined with ';' they never need CSV quoting, nor JSON escaping.
  for (const Question& q : rules.questions) question_items_.push_back(make_piece(csv ? q.id : '"' + q.id + '"'));
  for (const Rule& r : rules.rules) rule_items_.push_back(make_piece(csv ? r.id : '"' + r.id + '"'));
  ok_ = make_piece(csv ? ",ok" : ",\"status\":\"ok\"");
  red_flags_open_ = make_piece(csv ? "," : ",\"red_flags\":[");
  unanswered_open_ = make_piece(csv ? "," : "],\"unanswered\":[");
  rules_open_ = make_piece(csv ? "," : "],\"rules\":[");
  scored_close_ = make_piece(csv ? ",\n" : "],\"error\":null" + json_tail);
  error_close_ = csv ? "\n" : json_tail;
}

char* ScoreWriter::room(std::size_t bytes) {
  if (buffer_.size() - used_ < bytes) buffer_.resize(std::max(2 * buffer_.size(), used_ + bytes));
  return buffer_.data() + used_;
}

void ScoreWriter::put(std::string_view text) {
  std::memcpy(room(text.size()), text.data(), text.size());
  used_ += text.size();
}

void ScoreWriter::put(const Piece& piece) {
  if (piece.size > kPieceCopy) return put(std::string_view(piece.padded.data(), piece.size));
  std::memcpy(room(kPieceCopy), piece.padded.data(), kPieceCopy);
  used_ += piece.size;
}

void ScoreWriter::put_list(const std::vector<std::uint16_t>& indices, const std::vector<Piece>& items,
                           char separator) {
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i) put(std::string_view(&separator, 1));
    put(items[indices[i]]);
  }
}

void ScoreWriter::write_header() {
  if (format_ != ScoreFormat::csv) return;
  for (size_t i = 0; i < kScoreColumns.size(); ++i) {
    if (i) put(",");
    put(kScoreColumns[i]);
  }
  put("\n");
}

void ScoreWriter::write_scored(std::string_view id, const Decision& decision) {
  maybe_flush();
  row_start_ = used_;
  const bool csv = format_ == ScoreFormat::csv;
  const char separator = csv ? ';' : ',';
  scratch_.clear();
  if (csv) {
    append_csv_field(scratch_, id);
  } else {
    scratch_ += "{\"id\":";
    append_json_string(scratch_, id);
  }
  put(scratch_);
  put(ok_);
  for (int o = 0; o < kOutputCount; ++o) put(output_cells_[o][decision.outcome[o]]);
  put(red_flags_open_);
  put_list(decision.red_flags, question_items_, separator);
  put(unanswered_open_);
  put_list(decision.unanswered, question_items_, separator);
  put(rules_open_);
  put_list(decision.matched_rules, rule_items_, separator);
  put(scored_close_);
}

void ScoreWriter::write_error(std::string_view id, std::string_view message) {
  maybe_flush();
  row_start_ = used_;
  scratch_.clear();
  if (format_ == ScoreFormat::csv) {
    append_csv_field(scratch_, id);
    scratch_ += ",error,,,,,,,,";
    append_csv_field(scratch_, message);
  } else {
    scratch_ += "{\"id\":";
    append_json_string(scratch_, id);
    scratch_ += ",\"status\":\"error\"";
    for (int o = 0; o < kOutputCount; ++o) {
      scratch_ += ",\"";
      scratch_ += kOutputNames[o];
      scratch_ += "\":null";
    }
    scratch_ += ",\"red_flags\":[],\"unanswered\":[],\"rules\":[],\"error\":";
    append_json_string(scratch_, message);
  }
  scratch_ += error_close_;
  put(scratch_);
}

void ScoreWriter::maybe_flush() {
  if (used_ >= kFlushAt) flush();
}

void ScoreWriter::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(used_));
  used_ = row_start_ = 0;
  if (!out_) throw Error(ExitCode::cant_create, "cannot write the output");
}

}  // namespace backtriage
