#include "rules/expr.h"

namespace backtriage {

bool compare_values(std::int64_t lhs, CompareOp op, std::int64_t rhs) {
  switch (op) {
    case CompareOp::lt: return lhs < rhs;
    case CompareOp::le: return lhs <= rhs;
    case CompareOp::gt: return lhs > rhs;
    case CompareOp::ge: return lhs >= rhs;
    case CompareOp::eq: return lhs == rhs;
    case CompareOp::ne: return lhs != rhs;
  }
  return false;
}

namespace {

// Most nodes are leaves that read one answer: the and/or/compare loops answer those inline
// and recurse only for inner nodes, which saves a call per leaf on every row.
inline bool child_holds(const Expr& expr, int node, const EvalInput& input) {
  const ExprNode& n = expr.nodes[node];
  if (n.kind == ExprNode::Kind::is_yes) return input.answers[n.value] == 1;
  return holds_node(expr, node, input);
}

inline std::int64_t child_number(const Expr& expr, int node, const EvalInput& input) {
  const ExprNode& n = expr.nodes[node];
  if (n.kind == ExprNode::Kind::number) return n.value;
  if (n.kind == ExprNode::Kind::answer) return input.answers[n.value];  // kUnknown stays kUnknown
  return node_number(expr, node, input);
}

}  // namespace

std::int64_t node_number(const Expr& expr, int node, const EvalInput& input) {
  const ExprNode& n = expr.nodes[node];
  switch (n.kind) {
    case ExprNode::Kind::number: return n.value;
    case ExprNode::Kind::answer: {
      AnswerValue v = input.answers[n.value];
      return v == kUnknown ? kUnknown : v;
    }
    case ExprNode::Kind::output: return input.outputs ? input.outputs[n.value] : kUnknown;
    case ExprNode::Kind::count: {
      std::int64_t total = 0;
      for (int i = 0; i < n.count; ++i) total += child_holds(expr, expr.args[n.first + i], input);
      return total;
    }
    default: return holds_node(expr, node, input);
  }
}

bool holds_node(const Expr& expr, int node, const EvalInput& input) {
  const ExprNode& n = expr.nodes[node];
  const std::uint16_t* children = expr.args.data() + n.first;
  switch (n.kind) {
    case ExprNode::Kind::constant: return n.value != 0;
    case ExprNode::Kind::is_yes: return input.answers[n.value] == 1;
    case ExprNode::Kind::is_no: return input.answers[n.value] == 0;
    case ExprNode::Kind::is_unknown: return input.answers[n.value] == kUnknown;
    case ExprNode::Kind::is_known: return input.answers[n.value] != kUnknown;
    case ExprNode::Kind::any_yes:
      for (int i = 0; i < n.count; ++i)
        if (input.answers[children[i]] == 1) return true;
      return false;
    case ExprNode::Kind::any_unknown:
      // Only applicable questions count: a not-applicable one reads as unknown but was
      // never asked, so it must not make a screen "incomplete".
      for (int i = 0; i < n.count; ++i)
        if (input.answers[children[i]] == kUnknown && (!input.applicable || input.applicable[children[i]]))
          return true;
      return false;
    case ExprNode::Kind::all:
      for (int i = 0; i < n.count; ++i)
        if (!child_holds(expr, children[i], input)) return false;
      return true;
    case ExprNode::Kind::any:
      for (int i = 0; i < n.count; ++i)
        if (child_holds(expr, children[i], input)) return true;
      return false;
    case ExprNode::Kind::negate: return !child_holds(expr, children[0], input);
    case ExprNode::Kind::compare: {
      std::int64_t lhs = child_number(expr, children[0], input);
      std::int64_t rhs = child_number(expr, children[1], input);
      if (lhs == kUnknown || rhs == kUnknown) return false;
      return compare_values(lhs, n.op, rhs);
    }
    case ExprNode::Kind::number:
    case ExprNode::Kind::answer:
    case ExprNode::Kind::count:
    case ExprNode::Kind::output: return false;  // numeric nodes are never conditions
  }
  return false;
}

bool holds(const Expr& expr, const EvalInput& input) {
  return !expr.nodes.empty() && child_holds(expr, expr.root(), input);
}

}  // namespace backtriage
