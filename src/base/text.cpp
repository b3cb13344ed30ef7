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

std::string byte_size(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
  if (bytes == 0 || bytes % kMiB != 0) return grouped(bytes) + " bytes";
  return fmt::format("{} MiB ({} bytes)", bytes / kMiB, grouped(bytes));
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

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
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

namespace {

// The length of the valid UTF-8 character at text[i], or 0 when the byte there begins none.
size_t utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  size_t n;
  unsigned min_second = 0x80, max_second = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b == 0xe0) min_second = 0xa0;  // overlong
    if (b == 0xed) max_second = 0x9f;  // surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b == 0xf0) min_second = 0x90;  // overlong
    if (b == 0xf4) max_second = 0x8f;  // past U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - i < n) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  return n;
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

size_t invalid_utf8_at(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

void append_valid_utf8(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
}

std::string escape_controls(std::string_view text, bool keep_line_breaks) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t n = utf8_length(text, i);
    if (n == 2 && b == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      out.append("\\u{").append(1, kHex[c1 >> 4]).append(1, kHex[c1 & 15]).append("}");
    } else if (n > 1 || (n == 1 && b >= 0x20 && b != 0x7f)) {
      out.append(text, i, n);
    } else if (b == '\n') {
      out += keep_line_breaks ? "\n" : "\\n";
    } else if (b == '\t') {
      out += "\\t";
    } else if (b == '\r') {
      out += "\\r";
    } else if (b == 0x1b) {
      out += "\\e";
    } else {
      out.append("\\x").append(1, kHex[b >> 4]).append(1, kHex[b & 15]);
    }
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string quoted_value(std::string_view value, size_t max_chars) {
  // Cut at a character boundary, counting characters rather than bytes.
  size_t chars = 0, cut = 0;
  while (cut < value.size() && chars < max_chars) {
    const size_t n = utf8_length(value, cut);
    cut += n == 0 ? 1 : n;
    ++chars;
  }
  std::string out = "'" + escape_controls(value.substr(0, cut)) + "'";
  if (cut < value.size()) out.insert(out.size() - 1, "...");
  return out;
}

std::string painted(bool color, const char* sgr, std::string_view text) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", sgr, text) : std::string(text);
}

}  // namespace backtriage
