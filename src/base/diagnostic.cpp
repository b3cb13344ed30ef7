#include "base/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

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

std::string_view nth_line(std::string_view text, int line) {
  for (int current = 1; current < line; ++current) {
    auto newline = text.find('\n');
    if (newline == std::string_view::npos) return {};
    text.remove_prefix(newline + 1);
  }
  auto end = text.find('\n');
  std::string_view result = text.substr(0, end);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, std::string_view source) {
  std::string out;
  if (!d.file.empty()) out += d.file + ":";
  if (d.line > 0) out += fmt::format("{}:{}:", d.line, std::max(d.col, 1));
  if (!out.empty()) out += ' ';
  out += fmt::format("{}: {}\n", severity_name(d.severity), d.message);
  if (d.line > 0 && !source.empty()) {
    std::string_view text = nth_line(source, d.line);
    int col = d.col;
    // A very long line is shown as a window around the column.
    constexpr int kWindow = 100;
    if (static_cast<int>(text.size()) > kWindow) {
      int start = std::max(0, std::min(col - kWindow / 2, static_cast<int>(text.size()) - kWindow));
      text = text.substr(start, kWindow);
      col -= start;
    }
    if (!text.empty()) {
      out += fmt::format("    {}\n    ", text);
      // Tabs stay tabs so the caret lines up under the same column.
      for (int i = 0; i + 1 < col && i < static_cast<int>(text.size()); ++i)
        out += text[i] == '\t' ? '\t' : ' ';
      out += "^\n";
    }
  }
  if (!d.hint.empty()) out += fmt::format("    note: {}\n", d.hint);
  return out;
}

int count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace backtriage
