#include "base/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/text.h"

namespace backtriage {
namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view nth_line(std::string_view text, int line) {
  for (int current = 1; current < line; ++current) {
    auto newline = text.find('\n');
    if (newline == std::string_view::npos) return {};
    text.remove_prefix(newline + 1);
  }
  return without_cr(text.substr(0, text.find('\n')));
}

// `text` escaped for a terminal, its tabs kept as tabs so that a caret lines up under them.
std::string shown(std::string_view text) {
  std::string out;
  for (size_t start = 0; start <= text.size();) {
    size_t tab = std::min(text.find('\t', start), text.size());
    out += escape_controls(text.substr(start, tab - start));
    if (tab == text.size()) break;
    out += '\t';
    start = tab + 1;
  }
  return out;
}

// The source line, then a caret under byte `col` (1-based) of it: one blank per character
// shown before it (a tab for a tab), so escapes and multi-byte characters keep it in place.
std::string quoted_line(std::string_view text, int col) {
  // A very long line is shown as a window around the column.
  constexpr int kWindow = 100;
  if (static_cast<int>(text.size()) > kWindow) {
    int start = std::max(0, std::min(col - kWindow / 2, static_cast<int>(text.size()) - kWindow));
    text = text.substr(start, kWindow);
    col -= start;
  }
  if (text.empty()) return {};
  std::string out = fmt::format("    {}\n    ", shown(text));
  const size_t before = static_cast<size_t>(std::clamp(col - 1, 0, static_cast<int>(text.size())));
  for (unsigned char c : shown(text.substr(0, before)))
    if ((c & 0xc0) != 0x80) out += c == '\t' ? '\t' : ' ';
  return out + "^\n";
}

std::string format_with_line(const Diagnostic& d, std::string_view line) {
  std::string out;
  if (!d.file.empty()) out += escape_controls(d.file) + ":";
  if (d.line > 0) out += fmt::format("{}:{}:", d.line, std::max(d.col, 1));
  if (!out.empty()) out += ' ';
  out += fmt::format("{}: {}\n", severity_name(d.severity), escape_controls(d.message));
  if (d.line > 0) out += quoted_line(line, d.col);
  if (!d.hint.empty()) out += fmt::format("    note: {}\n", escape_controls(d.hint));
  return out;
}

}  // namespace

SourceLines::SourceLines(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1))
    starts_.push_back(at + 1);
}

std::string_view SourceLines::line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > starts_.size()) return {};
  const size_t start = starts_[line - 1];
  const size_t end = static_cast<size_t>(line) < starts_.size() ? starts_[line] - 1 : text_.size();
  return without_cr(text_.substr(start, end - start));
}

size_t SourceLines::start_of(int line) const {
  if (line < 1 || static_cast<size_t>(line) > starts_.size()) return std::string_view::npos;
  return starts_[line - 1];
}

int SourceLines::line_at(size_t offset) const {
  return static_cast<int>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

std::string format_diagnostic(const Diagnostic& d, std::string_view source) {
  return format_with_line(d, d.line > 0 && !source.empty() ? nth_line(source, d.line) : std::string_view());
}

std::string format_diagnostic(const Diagnostic& d, const SourceLines& lines) {
  return format_with_line(d, d.line > 0 ? lines.line(d.line) : std::string_view());
}

int count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace backtriage
