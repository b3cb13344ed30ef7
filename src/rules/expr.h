#pragma once
// A compiled condition of the rule language (grammar in rules/README.md and
// backtriage-rules(5)). The parser (rules/expr_parser.h) resolves every name and checks every
// type at load, so evaluation cannot fail: it is a total function of the answers (and, in
// invariants, of the outputs) that never throws and never allocates.
//
// Nodes form a tree stored flat: a node's children are `args[first .. first+count)`, each an
// index into `nodes`; the root is nodes.back().
#include <cstdint>
#include <string>
#include <vector>

#include "rules/answer.h"

namespace backtriage {

enum class CompareOp : std::uint8_t { lt, le, gt, ge, eq, ne };

struct ExprNode {
  enum class Kind : std::uint8_t {
    constant,     // boolean `value` (0 or 1)
    is_yes,       // question `value` is answered yes
    is_no,        // ... answered no
    is_unknown,   // ... unknown (or not applicable)
    is_known,     // ... answered
    any_yes,      // some question in args (question indices) is yes
    any_unknown,  // some question in args (question indices) is unknown
    all,          // and: every child holds
    any,          // or: some child holds
    negate,       // not: the single child does not hold
    compare,      // numeric children lhs, rhs compared with `op`; false if either is unknown
    number,       // numeric: the constant `value`
    answer,       // numeric: the answer to question `value`
    count,        // numeric: how many children hold
    output,       // numeric: the level of output `value` (invariants only)
  };
  Kind kind = Kind::constant;
  CompareOp op = CompareOp::eq;
  std::int32_t value = 0;
  std::uint16_t first = 0;
  std::uint16_t count = 0;
};

struct Expr {
  std::vector<ExprNode> nodes;
  std::vector<std::uint16_t> args;
  std::string text;  // the source text, for listings and explanations

  int root() const { return static_cast<int>(nodes.size()) - 1; }
};

// What a condition reads: answers by question index (unknown as kUnknown; a question that
// is not applicable must already read as unknown), and output levels for invariants.
// `applicable` (per question, nonzero when its asked-if holds) lets any_yes/any_unknown skip
// questions that are not applicable: a skipped question is never "unknown" for a group
// test. Null means every question is applicable.
struct EvalInput {
  const AnswerValue* answers = nullptr;
  const std::uint8_t* outputs = nullptr;  // may be null when the expression reads no output
  const std::uint8_t* applicable = nullptr;
};

// Whether `expr` holds for `input`. Never throws.
bool holds(const Expr& expr, const EvalInput& input);

// Whether node `node` of `expr` holds (a boolean node). Never throws.
bool holds_node(const Expr& expr, int node, const EvalInput& input);

// The value of numeric node `node` (kUnknown when it reads an unknown answer). Never throws.
std::int64_t node_number(const Expr& expr, int node, const EvalInput& input);

// Calls `visit(question index)` for every question `expr` reads, by name or in a group, in
// node order (a question read twice is visited twice). Never throws beyond what `visit` throws.
template <typename Visit>
void for_each_question_read(const Expr& expr, Visit visit) {
  for (const ExprNode& node : expr.nodes) {
    switch (node.kind) {
      case ExprNode::Kind::is_yes:
      case ExprNode::Kind::is_no:
      case ExprNode::Kind::is_unknown:
      case ExprNode::Kind::is_known:
      case ExprNode::Kind::answer:
        visit(static_cast<int>(node.value));
        break;
      case ExprNode::Kind::any_yes:
      case ExprNode::Kind::any_unknown:
        for (int a = node.first; a < node.first + node.count; ++a) visit(static_cast<int>(expr.args[a]));
        break;
      default:
        break;
    }
  }
}

// Whether `lhs op rhs` holds for known values.
bool compare_values(std::int64_t lhs, CompareOp op, std::int64_t rhs);

}  // namespace backtriage
