#pragma once
// Parses a condition of the rule language into a checked Expr: lexer, recursive-descent
// parser and type check in one pass. Every name is resolved against the scope and every
// type checked here, so a parsed expression cannot fail at evaluation.
#include <string>
#include <string_view>
#include <variant>

#include "rules/ruleset.h"

namespace backtriage {

// The names an expression may refer to.
struct ExprScope {
  const std::vector<Question>* questions = nullptr;
  int visible_questions = 0;  // only questions[0 .. visible) may be named (asked_if: earlier ones)
  const std::array<Scale, kOutputCount>* scales = nullptr;  // non-null: outputs may be named
  bool suggest = true;  // an unknown name gets a "did you mean" (a scan of every name)
};

struct ExprError {
  int offset = 0;  // 0-based byte offset in the text where the problem is
  std::string message;
  std::string hint;
};

// Compiles `text`. Returns the expression, or the first problem found. Never throws beyond
// std::bad_alloc.
std::variant<Expr, ExprError> parse_expr(std::string_view text, const ExprScope& scope);

}  // namespace backtriage
