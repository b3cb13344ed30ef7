#include "rules/answer.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>

#include "base/text.h"

namespace backtriage {
namespace {

// The accepted forms, shared by error messages ("expected <forms>, got ...") and prompts.
constexpr std::string_view kYesNoForms = "yes or no (y, n, true, false, 1, 0)";
constexpr std::string_view kDurationForms =
    "a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months)";

// Digits beyond this are still validated but no longer counted: any such value is far past
// kMaxDurationDays, and capping keeps `whole * 365` inside int64.
constexpr std::int64_t kSaturation = 1'000'000'000;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive equality with a lower-case word, without building a lowered copy.
bool equals_lower(std::string_view s, std::string_view lower_word) {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (to_lower(s[i]) != lower_word[i]) return false;
  }
  return true;
}

// The value is cut and escaped: it may be a whole line of binary junk or terminal escapes.
ParsedAnswer fail(std::string_view before, std::string_view value) {
  ParsedAnswer r;
  r.error.append(before).append(", got ").append(quoted_value(value));
  return r;
}

std::string number_forms(int min, int max) {
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

// floor(per_unit * 0.<digits>), exactly, for any number of digits: the carry of the long
// multiplication digits * per_unit out of the fractional positions, worked right to left.
// Cutting the digits to a fixed count would round 0.142857142857143 weeks (just over a
// day) down to 0 days.
std::int64_t fraction_days(std::string_view digits, int per_unit) {
  std::int64_t carry = 0;  // always below per_unit
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    carry = ((*it - '0') * static_cast<std::int64_t>(per_unit) + carry) / 10;
  }
  return carry;
}

// A word of one to five characters, lower-cased, as one number: its length and the
// characters at 0, 1, the middle, the second to last and the last position, which between
// them are every position of such a word. Two such words are equal ignoring case exactly when
// their keys are.
constexpr std::uint64_t short_word_key(std::string_view w) {
  const std::size_t n = w.size();
  const auto at = [w](std::size_t i) -> std::uint64_t { return static_cast<unsigned char>(to_lower(w[i])); };
  return n | at(0) << 8 | at(n > 1 ? 1 : 0) << 16 | at(n / 2) << 24 | at(n > 1 ? n - 2 : 0) << 32 |
         at(n - 1) << 40;
}

// 1 for a yes form, 0 for a no form, -1 for anything else; `t` is trimmed and not empty.
// Files mix spellings from cell to cell, so instead of comparisons whose outcome the
// processor cannot predict, the answer's key is compared with the eight forms' keys at once.
int yes_no_value(std::string_view t) {
  if (t.size() > 5) return -1;
  const std::uint64_t key = short_word_key(t);
  const bool yes = (key == short_word_key("yes")) | (key == short_word_key("y")) |
                   (key == short_word_key("true")) | (key == short_word_key("1"));
  const bool no = (key == short_word_key("no")) | (key == short_word_key("n")) |
                  (key == short_word_key("false")) | (key == short_word_key("0"));
  return yes ? 1 : no ? 0 : -1;
}

}  // namespace

ParsedAnswer parse_yes_no(std::string_view text) {
  const std::string_view t = trim(text);
  ParsedAnswer r;
  if (t.empty()) return r;
  const int value = yes_no_value(t);
  if (value < 0) return fail(std::string("expected ").append(kYesNoForms), t);
  r.value = value;
  return r;
}

std::optional<int> days_per_unit(std::string_view unit) {
  struct Unit {
    std::string_view name;
    int days;
  };
  static constexpr Unit kUnits[] = {
      {"d", 1},    {"day", 1},    {"days", 1},
      {"w", 7},    {"wk", 7},     {"wks", 7},     {"week", 7}, {"weeks", 7},
      {"mo", 30},  {"mos", 30},   {"month", 30},  {"months", 30},
      {"y", 365},  {"yr", 365},   {"yrs", 365},   {"year", 365}, {"years", 365},
  };
  for (const Unit& u : kUnits) {
    if (equals_lower(unit, u.name)) return u.days;
  }
  return std::nullopt;
}

namespace {

enum class DurationProblem { none, syntax, decimal_without_unit, negative, too_long };

// The duration `t` (trimmed, not empty) in whole days, or the reason it is not one.
DurationProblem read_days(std::string_view t, AnswerValue& value) {
  std::size_t i = 0;
  const bool minus = t[0] == '-';
  if (minus) ++i;
  bool nonzero = false;  // "-0" is zero, not negative
  std::int64_t whole = 0;
  const std::size_t whole_begin = i;
  for (; i < t.size() && is_digit(t[i]); ++i) {
    whole = std::min(whole * 10 + (t[i] - '0'), kSaturation);
    nonzero |= t[i] != '0';
  }
  if (i == whole_begin) return DurationProblem::syntax;

  std::string_view fraction;
  if (i < t.size() && t[i] == '.') {
    const std::size_t begin = ++i;
    for (; i < t.size() && is_digit(t[i]); ++i) nonzero |= t[i] != '0';
    if (i == begin) return DurationProblem::syntax;
    fraction = t.substr(begin, i - begin);
  }
  while (i < t.size() && is_blank(t[i])) ++i;
  const std::string_view unit = t.substr(i);

  int per_unit = 1;
  if (!unit.empty()) {
    const std::optional<int> days = days_per_unit(unit);
    if (!days) return DurationProblem::syntax;
    per_unit = *days;
  } else if (!fraction.empty()) {
    return DurationProblem::decimal_without_unit;
  }
  if (minus && nonzero) return DurationProblem::negative;

  const std::int64_t days = whole * per_unit + fraction_days(fraction, per_unit);
  if (days > kMaxDurationDays) return DurationProblem::too_long;
  value = static_cast<AnswerValue>(days);
  return DurationProblem::none;
}

// The whole number `t` (trimmed, not empty) if it lies in [min, max].
bool read_whole_number(std::string_view t, int min, int max, AnswerValue& value) {
  // from_chars reports out-of-range digit strings instead of overflowing, and takes no '+',
  // no blanks and no locale.
  long long v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || v < min || v > max) return false;
  value = static_cast<AnswerValue>(v);
  return true;
}

}  // namespace

ParsedAnswer parse_duration(std::string_view text) {
  const std::string_view t = trim(text);
  ParsedAnswer r;
  if (t.empty()) return r;
  switch (read_days(t, r.value)) {
    case DurationProblem::none: return r;
    case DurationProblem::syntax: break;
    case DurationProblem::decimal_without_unit: return fail("a decimal needs a unit (e.g. 2.5 weeks)", t);
    case DurationProblem::negative: return fail("a duration cannot be negative", t);
    case DurationProblem::too_long:
      return fail("a duration must be at most " + std::to_string(kMaxDurationDays) + " days", t);
  }
  return fail(std::string("expected ").append(kDurationForms), t);
}

ParsedAnswer parse_whole_number(std::string_view text, int min, int max) {
  const std::string_view t = trim(text);
  ParsedAnswer r;
  if (t.empty()) return r;
  if (!read_whole_number(t, min, max, r.value)) return fail("expected " + number_forms(min, max), t);
  return r;
}

bool read_answer(AnswerType type, int min, int max, std::string_view text, AnswerValue& value) {
  const std::string_view t = trim(text);
  if (t.empty()) {
    value = kUnknown;
    return true;
  }
  switch (type) {
    case AnswerType::yes_no: {
      const int yes_no = yes_no_value(t);
      if (yes_no < 0) return false;
      value = yes_no;
      return true;
    }
    case AnswerType::duration: return read_days(t, value) == DurationProblem::none;
    case AnswerType::number: return read_whole_number(t, min, max, value);
  }
  return false;  // unreachable for valid enum values
}

ParsedAnswer parse_answer(AnswerType type, int min, int max, std::string_view text) {
  switch (type) {
    case AnswerType::yes_no: return parse_yes_no(text);
    case AnswerType::duration: return parse_duration(text);
    case AnswerType::number: return parse_whole_number(text, min, max);
  }
  return parse_yes_no(text);  // unreachable for valid enum values
}

std::string describe_accepted(AnswerType type, int min, int max) {
  std::string forms;
  switch (type) {
    case AnswerType::yes_no: forms = kYesNoForms; break;
    case AnswerType::duration: forms = kDurationForms; break;
    case AnswerType::number: forms = number_forms(min, max); break;
  }
  return forms + ", or blank if unknown";
}

std::string format_answer(AnswerType type, AnswerValue v) {
  if (v == kUnknown) return "";
  if (type == AnswerType::yes_no) return v != 0 ? "yes" : "no";
  return std::to_string(v);
}

}  // namespace backtriage
