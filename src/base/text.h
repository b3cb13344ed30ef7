#pragma once
// Small text helpers every layer uses: word wrapping, counts in words, blanks, ANSI colour.
// Pure functions over strings: no terminal I/O here (whether to colour is the caller's call).
#include <cstdint>
#include <string>
#include <string_view>

namespace backtriage {

// `text` broken at spaces into lines of at most `width` columns (a longer word gets a line of
// its own). The first line continues one already `first_column` wide; every later line starts
// with `indent` spaces. Runs of spaces count as one. No trailing newline. Never throws beyond
// std::bad_alloc.
std::string wrap(std::string_view text, size_t width, size_t indent, size_t first_column);

// wrap() with every line, the first too, indented by `indent` spaces.
std::string wrap_indented(std::string_view text, size_t width, size_t indent);

// Digits in groups of three: 4174412000 -> "4,174,412,000".
std::string grouped(std::uint64_t n);

// Decimal `digits` in groups of three: "4174412000" -> "4,174,412,000".
std::string grouped(std::string_view digits);

// A size cap as messages state it: "1 MiB (1,048,576 bytes)", or "1,000 bytes" when it is not
// a whole number of MiB.
std::string byte_size(std::uint64_t bytes);

// "1 rule", "2 rules", "1,024 rules".
std::string plural(std::uint64_t n, std::string_view word);
// The same for a count given as decimal digits (counts past 64 bits).
std::string plural(std::string_view digits, std::string_view word);

// `text` without leading and trailing spaces and tabs (the blanks around an answer or a CSV
// header name; a line break inside a quoted cell is kept, and makes the answer invalid).
std::string_view trim(std::string_view text);

// `text` with ASCII letters in lower case (names and ids match ignoring case).
std::string lower(std::string_view text);

// `text` with every run of blanks (line breaks too) made one space, and none at either end.
std::string collapse_blanks(std::string_view text);

// The byte offset of the first byte in `text` that does not begin a valid UTF-8 character
// (overlong forms, surrogates and code points past U+10FFFF are invalid), or npos.
size_t invalid_utf8_at(std::string_view text);

// Appends `text` with every invalid UTF-8 byte replaced by U+FFFD, the replacement character.
void append_valid_utf8(std::string& out, std::string_view text);

// `text` safe to show on a terminal: C0 and C1 control characters, DEL and invalid UTF-8
// bytes written as escapes (\n, \t, \r, \e, \xNN for bytes, \u{NN} for C1 characters); other
// text as it is. With `keep_line_breaks`, '\n' stays a line break (for multi-line messages).
std::string escape_controls(std::string_view text, bool keep_line_breaks = false);

// A value quoted for a message: escape_controls(), cut to `max_chars` characters with "..." after
// it when longer, in single quotes: 'three weeks'.
std::string quoted_value(std::string_view value, size_t max_chars = 40);

// SGR codes for painted().
inline constexpr const char* kBold = "1";
inline constexpr const char* kDim = "2";
inline constexpr const char* kRedBold = "1;31";
inline constexpr const char* kGreenBold = "1;32";
inline constexpr const char* kYellowBold = "1;33";

// `text` in ANSI colour `sgr` when `color`, else as it is.
std::string painted(bool color, const char* sgr, std::string_view text);

}  // namespace backtriage
