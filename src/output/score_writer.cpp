#include "output/score_writer.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "output/csv_writer.h"
#include "version.h"

namespace backtriage {
namespace {
constexpr size_t kFlushAt = 1 << 20;
}

namespace {

bool has_high_byte(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

bool has_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7f) return true;
    if (b == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) return true;
  }
  return false;
}

// Whether `text` is printable ASCII without `a` or `b`: what needs no escaping or quoting,
// found with one look at each byte. Ids almost always are; anything else takes the careful way.
bool is_plain(std::string_view text, char a, char b) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == a || c == b) return false;
  }
  return true;
}

// Whether `text` goes into a CSV cell as it is: plain, not starting with what a spreadsheet
// reads as a formula, and no blank at either end.
bool is_plain_cell(std::string_view text) {
  if (text.empty()) return true;
  const char first = text.front();
  if (first == '=' || first == '+' || first == '-' || first == '@' || first == ' ' || text.back() == ' ') return false;
  return is_plain(text, '"', ',');
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (is_plain(text, '"', '\\')) {
    out += '"';
    out.append(text);
    out += '"';
    return;
  }
  std::string valid;
  if (has_high_byte(text) && invalid_utf8_at(text) != std::string_view::npos) {
    append_valid_utf8(valid, text);
    text = valid;
  }
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7f) {
          out += fmt::format("\\u{:04x}", static_cast<int>(b));
        } else if (b == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
          // C1 controls (U+0080-U+009F): valid JSON raw, but a terminal may act on them.
          out += fmt::format("\\u{:04x}", static_cast<int>(static_cast<unsigned char>(text[++i])));
        } else {
          out += c;
        }
      }
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

ScoreWriter::ScoreWriter(const RuleSet& rules, const ScoreWriterOptions& options, std::ostream& out)
    : format_(options.format), options_(options), out_(out) {
  for (const std::string& name : options_.kept_names) {
    std::string key = ",";
    if (format_ == ScoreFormat::csv) {
      append_csv_field(key, name);
    } else {
      append_json_string(key, name);
      key += ':';
    }
    kept_keys_.push_back(std::move(key));
  }
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
  scored_close_ = make_piece(csv ? ",\n" : "],\"error\":null,\"errors\":[]" + json_tail);
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
  put(kScoreColumns[0]);
  for (const std::string& key : kept_keys_) put(key);
  for (size_t i = 1; i < kScoreColumns.size(); ++i) {
    put(",");
    put(kScoreColumns[i]);
  }
  put("\n");
}

// Input text is untrusted: a spreadsheet runs "=HYPERLINK(...)" as a formula, a terminal
// acts on escape sequences, and JSON must be UTF-8.
void ScoreWriter::put_input_cell(std::string_view text) {
  if (format_ == ScoreFormat::jsonl) {
    append_json_string(scratch_, text);
    return;
  }
  if (is_plain_cell(text)) {
    scratch_.append(text);
    return;
  }
  std::string safe;
  if (has_high_byte(text) && invalid_utf8_at(text) != std::string_view::npos) {
    append_valid_utf8(safe, text);
    text = safe;
  }
  if (options_.escape_controls && has_control(text)) {
    safe = escape_controls(text);
    text = safe;
  }
  if (!options_.raw_csv && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r')) {
    safe = "'" + std::string(text);
    text = safe;
  }
  append_csv_field(scratch_, text);
}

void ScoreWriter::put_kept(const std::vector<std::string_view>& kept) {
  for (std::size_t k = 0; k < kept_keys_.size(); ++k) {
    if (format_ == ScoreFormat::csv) scratch_ += ',';
    else scratch_ += kept_keys_[k];
    put_input_cell(k < kept.size() ? kept[k] : std::string_view());
  }
}

void ScoreWriter::write_scored(std::string_view id, const std::vector<std::string_view>& kept, const Decision& decision) {
  // Flushed before a row, not after, so that last_row() still holds the row just written.
  maybe_flush();
  row_start_ = used_;
  const bool csv = format_ == ScoreFormat::csv;
  const char separator = csv ? ';' : ',';
  scratch_.clear();
  if (!csv) scratch_ += "{\"id\":";
  put_input_cell(id);
  if (!kept_keys_.empty()) put_kept(kept);
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

void ScoreWriter::open_error(std::string_view id, const std::vector<std::string_view>& kept) {
  maybe_flush();
  row_start_ = used_;
  scratch_.clear();
  if (format_ == ScoreFormat::csv) {
    put_input_cell(id);
    put_kept(kept);
    scratch_ += ",error,,,,,,,,";
    return;
  }
  scratch_ += "{\"id\":";
  put_input_cell(id);
  put_kept(kept);
  scratch_ += ",\"status\":\"error\"";
  for (int o = 0; o < kOutputCount; ++o) {
    scratch_ += ",\"";
    scratch_ += kOutputNames[o];
    scratch_ += "\":null";
  }
  scratch_ += ",\"red_flags\":[],\"unanswered\":[],\"rules\":[],\"error\":";
}

void ScoreWriter::write_error(std::string_view id, const std::vector<std::string_view>& kept,
                              const std::vector<FieldProblem>& problems) {
  open_error(id, kept);
  const std::string message = describe_problems(problems);
  if (format_ == ScoreFormat::csv) {
    append_csv_field(scratch_, options_.escape_controls ? escape_controls(message) : message);
  } else {
    append_json_string(scratch_, message);
    scratch_ += ",\"errors\":[";
    for (std::size_t i = 0; i < problems.size(); ++i) {
      const FieldProblem& p = problems[i];
      scratch_ += i ? ",{\"line\":" : "{\"line\":";
      scratch_ += std::to_string(p.line);
      scratch_ += ",\"column\":";
      if (p.column.empty()) scratch_ += "null";
      else append_json_string(scratch_, p.column);
      scratch_ += ",\"value\":";
      if (p.column.empty()) scratch_ += "null";
      else append_json_string(scratch_, p.value);
      scratch_ += ",\"message\":";
      append_json_string(scratch_, p.message);
      scratch_ += '}';
    }
    scratch_ += ']';
  }
  scratch_ += error_close_;
  put(scratch_);
}

void ScoreWriter::write_error(std::string_view id, const std::vector<std::string_view>& kept, std::string_view message) {
  open_error(id, kept);
  if (format_ == ScoreFormat::csv) {
    append_csv_field(scratch_, options_.escape_controls ? escape_controls(message) : std::string(message));
  } else {
    append_json_string(scratch_, message);
    scratch_ += ",\"errors\":[]";
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
