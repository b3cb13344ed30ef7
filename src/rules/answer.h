#pragma once
// Parsing of one answer's text (a CSV cell, a name=value argument, a typed reply) into a
// value, as backtriage(1) describes them: an answer is yes/no, a duration in
// whole days, or a whole number, and any of them may be blank, which means unknown.
//
// The parse functions are on the batch hot path: on success they never allocate and never
// throw. On failure they allocate the message and may throw std::bad_alloc, nothing else.
// Leading and trailing spaces and tabs are ignored; the message quotes the value without them.
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/text.h"

namespace backtriage {

// yes = 1, no = 0, a duration in days, or a number; kUnknown for a blank answer.
using AnswerValue = std::int32_t;
inline constexpr AnswerValue kUnknown = INT32_MIN;

// The largest duration accepted, in days (100 years).
inline constexpr int kMaxDurationDays = 36500;

enum class AnswerType { yes_no, duration, number };

// The outcome of parsing one answer: a value (kUnknown for blank) when error is empty,
// otherwise a lower-case message "expected X, got 'Y'" and value kUnknown.
struct ParsedAnswer {
  AnswerValue value = kUnknown;
  std::string error;
  bool ok() const { return error.empty(); }
};

// `yes no y n true false 1 0` in any case -> 1 or 0.
ParsedAnswer parse_yes_no(std::string_view text);

// A whole number of days (`10`), or a number with a unit and optional blanks between
// (`3 weeks`, `3weeks`, `2.5 wk`); see days_per_unit for the units. A decimal needs a unit
// and is rounded down to whole days. Errors: a negative value, more than kMaxDurationDays,
// anything else unparsable. Huge digit strings are errors, not overflows.
ParsedAnswer parse_duration(std::string_view text);

// A whole number (optionally with a leading '-') within [min, max]; anything else, including
// a number outside the range or too large for any integer type, is an error.
ParsedAnswer parse_whole_number(std::string_view text, int min, int max);

// Dispatches on `type`; min and max are used only for AnswerType::number.
ParsedAnswer parse_answer(AnswerType type, int min, int max, std::string_view text);

// The same parse without the message, for the per-cell path of batch scoring: sets `value`
// (kUnknown for blank) and returns true where parse_answer succeeds; returns false, leaving
// `value` as it was, where it fails: parse_answer then gives the message. Never allocates,
// never throws.
bool read_answer(AnswerType type, int min, int max, std::string_view text, AnswerValue& value);

// Days in one duration unit, case-insensitive: d day days -> 1, w wk wks week weeks -> 7,
// mo mos month months -> 30, y yr yrs year years -> 365; nullopt for anything else.
std::optional<int> days_per_unit(std::string_view unit);

// The accepted forms in a few words, for prompts and hints, e.g.
// "yes or no (y, n, true, false, 1, 0), or blank if unknown".
std::string describe_accepted(AnswerType type, int min, int max);

// The canonical text of a value, which the parse functions read back to the same value:
// "" for kUnknown; "yes"/"no" (0 is no, anything else yes); days and numbers in decimal.
std::string format_answer(AnswerType type, AnswerValue v);

}  // namespace backtriage
