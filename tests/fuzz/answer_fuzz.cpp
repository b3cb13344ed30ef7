// libFuzzer entry point for the answer parsers; build and run as tests/fuzz/README.md says.
// Besides memory errors and undefined behaviour it checks, aborting on a breach, that every
// accepted value is in range and reads back from format_answer unchanged, and that every
// error leaves the value unknown and quotes the trimmed input (escaped, as quoted_value does).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/text.h"
#include "rules/answer.h"

namespace {

using namespace backtriage;

void check(AnswerType type, int min, int max, std::string_view text,
           bool (*in_range)(AnswerValue, int, int)) {
  const ParsedAnswer r = parse_answer(type, min, max, text);
  if (!r.ok()) {
    if (r.value != kUnknown) std::abort();
    const std::string quoted = "got " + quoted_value(trim(text));
    if (r.error.size() < quoted.size() ||
        r.error.compare(r.error.size() - quoted.size(), quoted.size(), quoted) != 0) {
      std::abort();
    }
    return;
  }
  if (r.value == kUnknown) {
    if (!trim(text).empty()) std::abort();
    return;
  }
  if (!in_range(r.value, min, max)) std::abort();
  const ParsedAnswer again = parse_answer(type, min, max, format_answer(type, r.value));
  if (!again.ok() || again.value != r.value) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes choose a range for whole numbers; the rest is the answer text.
  const int min = static_cast<int>(static_cast<std::int8_t>(data[0])) * 1000;
  const int max = min + static_cast<int>(data[1]) * 1000;
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);

  check(AnswerType::yes_no, 0, 0, text, [](AnswerValue v, int, int) { return v == 0 || v == 1; });
  check(AnswerType::duration, 0, 0, text,
        [](AnswerValue v, int, int) { return v >= 0 && v <= kMaxDurationDays; });
  check(AnswerType::number, min, max, text,
        [](AnswerValue v, int lo, int hi) { return v >= lo && v <= hi; });
  (void)days_per_unit(text);
  return 0;
}
