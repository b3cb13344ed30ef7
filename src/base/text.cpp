#include "base/text.h"

#include <fmt/format.h>

namespace backtriage {

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
}  // namespace

std::string wrap(std::string_view text, size_t width, size_t indent, size_t first_column) {
  std::string out;
  size_t column = first_column;
  bool line_empty = true;
  while (!text.empty()) {
    size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    if (word.empty()) continue;
    if (!line_empty && column + 1 + word.size() > width) {
      out.append("\n").append(indent, ' ');
      column = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_empty = false;
  }
  return out;
}

std::string wrap_indented(std::string_view text, size_t width, size_t indent) {
  return std::string(indent, ' ') + wrap(text, width, indent, indent);
}

std::string grouped(std::uint64_t n) { return grouped(std::to_string(n)); }

std::string grouped(std::string_view digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string plural(std::uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", grouped(n), word, n == 1 ? "" : "s");
}

std::string plural(std::string_view digits, std::string_view word) {
  return fmt::format("{} {}{}", grouped(digits), word, digits == "1" ? "" : "s");
}

std::string_view trim(std::string_view s) {
  auto space_or_tab = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && space_or_tab(s.front())) s.remove_prefix(1);
  while (!s.empty() && space_or_tab(s.back())) s.remove_suffix(1);
  return s;
}

std::string collapse_blanks(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool blank = is_blank(c);
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string painted(bool color, const char* sgr, std::string_view text) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", sgr, text) : std::string(text);
}

}  // namespace backtriage
