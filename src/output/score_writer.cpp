#include "output/score_writer.h"

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

ScoreWriter::ScoreWriter(const RuleSet& rules, ScoreFormat format, std::ostream& out)
    : format_(format), out_(out) {
  buffer_.reserve(kFlushAt + 4096);
  json_tail_ = ",\"ruleset\":";
  append_json_string(json_tail_, rules.hash);
  json_tail_ += ",\"version\":";
  append_json_string(json_tail_, kVersion);
  json_tail_ += "}\n";

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
      output_cells_[o].push_back(std::move(cell));
    }
  }
  // Ids are [A-Za-z0-9_]: joined with ';' they never need CSV quoting, nor JSON escaping.
  for (const Question& q : rules.questions) question_items_.push_back(csv ? q.id : '"' + q.id + '"');
  for (const Rule& r : rules.rules) rule_items_.push_back(csv ? r.id : '"' + r.id + '"');
}

void ScoreWriter::write_header() {
  if (format_ != ScoreFormat::csv) return;
  for (size_t i = 0; i < kScoreColumns.size(); ++i) {
    if (i) buffer_ += ',';
    buffer_ += kScoreColumns[i];
  }
  buffer_ += '\n';
}

void ScoreWriter::append_list(const std::vector<std::uint16_t>& indices, const std::vector<std::string>& items,
                              char separator) {
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i) buffer_ += separator;
    buffer_ += items[indices[i]];
  }
}

void ScoreWriter::write_scored(std::string_view id, const Decision& decision) {
  if (format_ == ScoreFormat::csv) {
    append_csv_field(buffer_, id);
    buffer_ += ",ok";
    for (int o = 0; o < kOutputCount; ++o) buffer_ += output_cells_[o][decision.outcome[o]];
    buffer_ += ',';
    append_list(decision.red_flags, question_items_, ';');
    buffer_ += ',';
    append_list(decision.unanswered, question_items_, ';');
    buffer_ += ',';
    append_list(decision.matched_rules, rule_items_, ';');
    buffer_ += ",\n";
  } else {
    buffer_ += "{\"id\":";
    append_json_string(buffer_, id);
    buffer_ += ",\"status\":\"ok\"";
    for (int o = 0; o < kOutputCount; ++o) buffer_ += output_cells_[o][decision.outcome[o]];
    buffer_ += ",\"red_flags\":[";
    append_list(decision.red_flags, question_items_, ',');
    buffer_ += "],\"unanswered\":[";
    append_list(decision.unanswered, question_items_, ',');
    buffer_ += "],\"rules\":[";
    append_list(decision.matched_rules, rule_items_, ',');
    buffer_ += "],\"error\":null";
    buffer_ += json_tail_;
  }
  maybe_flush();
}

void ScoreWriter::write_error(std::string_view id, std::string_view message) {
  if (format_ == ScoreFormat::csv) {
    append_csv_field(buffer_, id);
    buffer_ += ",error,,,,,,,,";
    append_csv_field(buffer_, message);
    buffer_ += '\n';
  } else {
    buffer_ += "{\"id\":";
    append_json_string(buffer_, id);
    buffer_ += ",\"status\":\"error\"";
    for (int o = 0; o < kOutputCount; ++o) {
      buffer_ += ",\"";
      buffer_ += kOutputNames[o];
      buffer_ += "\":null";
    }
    buffer_ += ",\"red_flags\":[],\"unanswered\":[],\"rules\":[],\"error\":";
    append_json_string(buffer_, message);
    buffer_ += json_tail_;
  }
  maybe_flush();
}

void ScoreWriter::maybe_flush() {
  if (buffer_.size() >= kFlushAt) flush();
}

void ScoreWriter::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  if (!out_) throw Error(ExitCode::cant_create, "cannot write the output");
}

}  // namespace backtriage
