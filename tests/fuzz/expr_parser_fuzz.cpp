// libFuzzer entry point for the condition language: parse_expr with the built-in questions
// and outputs in scope, then evaluation of what parsed. Checks that an error points inside
// the text (or just past it) and that a parsed condition evaluates on any answers: with every
// answer blank, and with answers picked from the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz_support.h"
#include "rules/expr.h"
#include "rules/expr_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace backtriage;
  using fuzz::require;
  if (size < 1) return 0;
  const RuleSet& rules = fuzz::builtin_rules();
  const int question_count = static_cast<int>(rules.questions.size());
  // Byte 0: how many questions are visible (bits 0-6, as for an asked-if; 0x7f: all), and
  // whether outputs are (bit 7).
  ExprScope scope{&rules.questions, std::min(data[0] & 0x7f, question_count), data[0] & 0x80 ? &rules.scales : nullptr};
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto parsed = parse_expr(text, scope);
  if (const auto* error = std::get_if<ExprError>(&parsed)) {
    require(error->offset >= 0 && static_cast<std::size_t>(error->offset) <= text.size(), "an error points into the text");
    require(!error->message.empty(), "an error says what is wrong");
    return 0;
  }
  const Expr& expr = std::get<Expr>(parsed);
  std::vector<AnswerValue> answers(rules.questions.size(), kUnknown);
  const std::uint8_t outputs[kOutputCount] = {};
  (void)holds(expr, {answers.data(), outputs, nullptr});
  // Every answer from a byte of the input: blank, or a value that may be out of the
  // question's range, as an evaluation must survive whatever it is given.
  for (std::size_t q = 0; q < answers.size(); ++q) {
    const std::uint8_t byte = data[q % size];
    answers[q] = byte == 0xff ? kUnknown : static_cast<AnswerValue>(byte % 2 == 0 ? byte % 3 : byte * 37);
  }
  (void)holds(expr, {answers.data(), outputs, nullptr});
  return 0;
}
