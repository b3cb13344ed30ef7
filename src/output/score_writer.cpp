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
    : rules_(rules), format_(format), out_(out) {
  buffer_.reserve(kFlushAt + 4096);
  json_tail_ = ",\"ruleset\":";
  append_json_string(json_tail_, rules.hash);
  json_tail_ += ",\"version\":";
  append_json_string(json_tail_, kVersion);
  json_tail_ += "}\n";
}

void ScoreWriter::write_header() {
  if (format_ != ScoreFormat::csv) return;
  for (size_t i = 0; i < kScoreColumns.size(); ++i) {
    if (i) buffer_ += ',';
    buffer_ += kScoreColumns[i];
  }
  buffer_ += '\n';
}

void ScoreWriter::append_list_csv(const std::vector<std::uint16_t>& indices, bool rules) {
  // Ids are [A-Za-z0-9_]: joined with ';' they never need CSV quoting.
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i) buffer_ += ';';
    buffer_ += rules ? rules_.rules[indices[i]].id : rules_.questions[indices[i]].id;
  }
}

void ScoreWriter::append_list_json(const char* name, const std::vector<std::uint16_t>& indices, bool rules) {
  buffer_ += ",\"";
  buffer_ += name;
  buffer_ += "\":[";
  for (size_t i = 0; i < indices.size(); ++i) {
    if (i) buffer_ += ',';
    buffer_ += '"';
    buffer_ += rules ? rules_.rules[indices[i]].id : rules_.questions[indices[i]].id;
    buffer_ += '"';
  }
  buffer_ += ']';
}

void ScoreWriter::write_scored(std::string_view id, const Decision& decision) {
  if (format_ == ScoreFormat::csv) {
    append_csv_field(buffer_, id);
    buffer_ += ",ok";
    for (int o = 0; o < kOutputCount; ++o) {
      buffer_ += ',';
      append_csv_field(buffer_, rules_.scales[o].values[decision.outcome[o]]);  // a rule set's own words
    }
    buffer_ += ',';
    append_list_csv(decision.red_flags, false);
    buffer_ += ',';
    append_list_csv(decision.unanswered, false);
    buffer_ += ',';
    append_list_csv(decision.matched_rules, true);
    buffer_ += ",\n";
  } else {
    buffer_ += "{\"id\":";
    append_json_string(buffer_, id);
    buffer_ += ",\"status\":\"ok\"";
    for (int o = 0; o < kOutputCount; ++o) {
      buffer_ += ",\"";
      buffer_ += kOutputNames[o];
      buffer_ += "\":";
      append_json_string(buffer_, rules_.scales[o].values[decision.outcome[o]]);
    }
    append_list_json("red_flags", decision.red_flags, false);
    append_list_json("unanswered", decision.unanswered, false);
    append_list_json("rules", decision.matched_rules, true);
    buffer_ += ",\"error\":null";
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
