#include "check/symbolic_rules.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace backtriage {

// A numeric node: where it takes each value it can take, and where it is unknown.
struct SymbolicRules::Numeric {
  std::vector<std::pair<std::int64_t, Bdd>> known;
  Bdd unknown;
};

SymbolicRules::SymbolicRules(const RuleSet& rules, std::vector<int> variable_of, const AnswerVariables& variables)
    : rules_(rules), variable_of_(std::move(variable_of)), question_of_(variables.questions(), -1), vars_(variables) {
  for (size_t q = 0; q < variable_of_.size(); ++q) question_of_[variable_of_[q]] = static_cast<int>(q);
  // Asked-if conditions read only earlier questions, so each is compiled after what it reads.
  for (const Question& q : rules.questions) applicable_.push_back(q.asked_if ? condition(*q.asked_if) : Bdd::truth());
  for (const Rule& rule : rules.rules) matches_.push_back(condition(rule.when));
  for (int o = 0; o < kOutputCount; ++o) {
    int levels = static_cast<int>(rules.scales[o].values.size());
    std::vector<Bdd>& at_least = at_least_[o];
    at_least.assign(static_cast<size_t>(levels) + 1, Bdd::falsity());
    for (int level = levels - 1; level >= 1; --level) {
      Bdd proposes = at_least[level + 1];
      for (size_t r = 0; r < rules.rules.size(); ++r)
        if (rules.rules[r].proposes[o] == level) proposes |= matches_[r];
      at_least[level] = proposes;
    }
    if (levels > 0) at_least[0] = Bdd::truth();
  }
  for (size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    int k = variable_of_[q];
    if (question.required) error_ |= blank_is_error(static_cast<int>(q));
    if (question.type != AnswerType::number) continue;
    for (int code = 1; code < vars_.codes(k); ++code) {
      AnswerValue v = vars_.value(k, code);
      if (v < question.min || v > question.max) error_ |= vars_.code_is(k, code);
    }
  }
}

Bdd SymbolicRules::level_at_least(int o, int level) const {
  const std::vector<Bdd>& at_least = at_least_[o];
  if (level <= 0) return Bdd::truth();
  return level < static_cast<int>(at_least.size()) ? at_least[level] : Bdd::falsity();
}

Bdd SymbolicRules::level_is(int o, int level) const { return level_at_least(o, level) & ~level_at_least(o, level + 1); }

Bdd SymbolicRules::blank_is_error(int q) const {
  if (!rules_.questions[q].required) return Bdd::falsity();
  return applicable_[q] & vars_.code_is(variable_of_[q], 0);
}

Bdd SymbolicRules::applicable_at(int k) const {
  return question_of_[k] < 0 ? Bdd::falsity() : applicable_[question_of_[k]];
}

Bdd SymbolicRules::blank_is_error_at(int k) const {
  return question_of_[k] < 0 ? Bdd::falsity() : blank_is_error(question_of_[k]);
}

Bdd SymbolicRules::answer_is(int q, int code) const {
  if (code < 0) return Bdd::falsity();
  return applicable_[q] & vars_.code_is(variable_of_[q], code);
}

Bdd SymbolicRules::is_unknown(int q) const { return ~applicable_[q] | vars_.code_is(variable_of_[q], 0); }

Bdd SymbolicRules::condition(const Expr& expr) const {
  return node(expr, expr.root());
}

Bdd SymbolicRules::node(const Expr& expr, int index) const {
  const ExprNode& n = expr.nodes[index];
  auto children = [&](auto each) {
    for (int a = n.first; a < n.first + n.count; ++a) each(static_cast<int>(expr.args[a]));
  };
  Bdd result;
  switch (n.kind) {
    case ExprNode::Kind::constant: result = n.value ? Bdd::truth() : Bdd::falsity(); break;
    case ExprNode::Kind::is_yes: result = answer_is(n.value, vars_.code_of(variable_of_[n.value], 1)); break;
    case ExprNode::Kind::is_no: result = answer_is(n.value, vars_.code_of(variable_of_[n.value], 0)); break;
    case ExprNode::Kind::is_unknown: result = is_unknown(n.value); break;
    case ExprNode::Kind::is_known: result = ~is_unknown(n.value); break;
    case ExprNode::Kind::any_yes:
      children([&](int q) { result |= answer_is(q, vars_.code_of(variable_of_[q], 1)); });
      break;
    case ExprNode::Kind::any_unknown:
      children([&](int q) { result |= answer_is(q, 0); });
      break;
    case ExprNode::Kind::all:
      result = Bdd::truth();
      children([&](int c) { result &= node(expr, c); });
      break;
    case ExprNode::Kind::any:
      children([&](int c) { result |= node(expr, c); });
      break;
    case ExprNode::Kind::negate: result = ~node(expr, expr.args[n.first]); break;
    case ExprNode::Kind::compare: result = compare(expr, n); break;
    default: break;  // numeric nodes are read through numeric()
  }
  return result;
}

SymbolicRules::Numeric SymbolicRules::numeric(const Expr& expr, int index) const {
  const ExprNode& n = expr.nodes[index];
  Numeric out;
  switch (n.kind) {
    case ExprNode::Kind::number: out.known.emplace_back(n.value, Bdd::truth()); break;
    case ExprNode::Kind::answer: {
      out.unknown = is_unknown(n.value);
      int k = variable_of_[n.value];
      for (int code = 1; code < vars_.codes(k); ++code) out.known.emplace_back(vars_.value(k, code), answer_is(n.value, code));
      break;
    }
    case ExprNode::Kind::output: {
      int levels = static_cast<int>(rules_.scales[n.value].values.size());
      for (int level = 0; level < levels; ++level) out.known.emplace_back(level, level_is(n.value, level));
      break;
    }
    case ExprNode::Kind::count: {
      // exactly[j]: exactly j of the children seen so far hold.
      std::vector<Bdd> exactly{Bdd::truth()};
      for (int a = n.first; a < n.first + n.count; ++a) {
        Bdd child = node(expr, expr.args[a]);
        Bdd not_child = ~child;
        exactly.push_back(Bdd::falsity());
        for (size_t j = exactly.size() - 1; j > 0; --j) exactly[j] = (exactly[j] & not_child) | (exactly[j - 1] & child);
        exactly[0] = exactly[0] & not_child;
      }
      for (size_t j = 0; j < exactly.size(); ++j)
        if (!exactly[j].is_false()) out.known.emplace_back(static_cast<std::int64_t>(j), exactly[j]);
      break;
    }
    default: break;
  }
  return out;
}

Bdd SymbolicRules::compare(const Expr& expr, const ExprNode& n) const {
  const ExprNode& lhs_node = expr.nodes[expr.args[n.first]];
  const ExprNode& rhs_node = expr.nodes[expr.args[n.first + 1]];
  // An answer against a number: the codes that satisfy the comparison, in runs of codes.
  auto answer_against = [&](int q, bool answer_left, std::int64_t constant) {
    int k = variable_of_[q];
    Bdd codes;
    int run_start = -1;
    for (int code = 1; code <= vars_.codes(k); ++code) {
      bool in = code < vars_.codes(k) && (answer_left ? compare_values(vars_.value(k, code), n.op, constant)
                                                      : compare_values(constant, n.op, vars_.value(k, code)));
      if (in && run_start < 0) run_start = code;
      if (!in && run_start >= 0) {
        codes |= vars_.code_between(k, run_start, code - 1);
        run_start = -1;
      }
    }
    return applicable_[q] & codes;
  };
  if (lhs_node.kind == ExprNode::Kind::answer && rhs_node.kind == ExprNode::Kind::number)
    return answer_against(lhs_node.value, true, rhs_node.value);
  if (rhs_node.kind == ExprNode::Kind::answer && lhs_node.kind == ExprNode::Kind::number)
    return answer_against(rhs_node.value, false, lhs_node.value);
  Numeric lhs = numeric(expr, expr.args[n.first]);
  Numeric rhs = numeric(expr, expr.args[n.first + 1]);
  Bdd result;
  for (const auto& [a, where_a] : lhs.known)
    for (const auto& [b, where_b] : rhs.known)
      if (compare_values(a, n.op, b)) result |= where_a & where_b;
  return result;
}

Bdd input_space(const AnswerVariables& variables, const std::vector<const SymbolicRules*>& sides) {
  Bdd space = Bdd::truth();
  for (int k = 0; k < variables.questions(); ++k) {
    Bdd blank = variables.code_is(k, 0);
    Bdd applies, blank_is_error_everywhere = Bdd::truth();
    for (const SymbolicRules* side : sides) {
      applies |= side->applicable_at(k);
      blank_is_error_everywhere &= side->blank_is_error_at(k);
    }
    space &= (~applies & blank) | (applies & variables.in_domain(k) & ~(blank_is_error_everywhere & blank));
  }
  return space;
}

std::vector<int> variable_order(int questions, const std::vector<const RuleSet*>& sides,
                                const std::vector<std::vector<int>>& variable_of) {
  // Each condition is an edge joining the questions it reads (an asked-if also joins its
  // own question).
  std::vector<std::vector<int>> edges;
  auto add_edge = [&](size_t s, const Expr& expr, int also) {
    std::vector<int> edge;
    for_each_question_read(expr, [&](int q) { edge.push_back(variable_of[s][q]); });
    if (also >= 0) edge.push_back(also);
    std::sort(edge.begin(), edge.end());
    edge.erase(std::unique(edge.begin(), edge.end()), edge.end());
    if (edge.size() > 1) edges.push_back(std::move(edge));
  };
  for (size_t s = 0; s < sides.size(); ++s) {
    const RuleSet& rules = *sides[s];
    for (const Rule& rule : rules.rules) add_edge(s, rule.when, -1);
    for (size_t q = 0; q < rules.questions.size(); ++q)
      if (rules.questions[q].asked_if) add_edge(s, *rules.questions[q].asked_if, variable_of[s][q]);
  }
  // FORCE (Aloul, Markov and Sakallah, 2003): move each question to the mean centre of the
  // edges it is on, rank, repeat; keep the order whose edges span the least. The asking order
  // stays unless FORCE at least halves the span: asked-if conditions and clinical rules read
  // neighbours in it, and on such sets it makes smaller diagrams than a slightly tighter
  // FORCE order (measured on the default rules: half the nodes); rules whose questions stand
  // far apart (pairs asked in two blocks) need FORCE, or their diagrams grow exponentially.
  std::vector<double> position(static_cast<size_t>(questions));
  for (int k = 0; k < questions; ++k) position[k] = k;
  std::vector<int> order(static_cast<size_t>(questions)), best;
  double best_span = -1, asking_order_span = 0;
  for (int round = 0; round < 20; ++round) {
    std::vector<double> sum(position.size(), 0.0);
    std::vector<int> on(position.size(), 0);
    double span = 0;
    for (const std::vector<int>& edge : edges) {
      double centre = 0, lo = position[edge[0]], hi = lo;
      for (int k : edge) {
        centre += position[k];
        lo = std::min(lo, position[k]);
        hi = std::max(hi, position[k]);
      }
      span += hi - lo;
      centre /= static_cast<double>(edge.size());
      for (int k : edge) {
        sum[k] += centre;
        ++on[k];
      }
    }
    if (round == 0) asking_order_span = span;
    if (best_span < 0 || span < best_span) {
      best_span = span;
      best.resize(position.size());
      for (size_t k = 0; k < position.size(); ++k) best[static_cast<size_t>(position[k])] = static_cast<int>(k);
    }
    for (int k = 0; k < questions; ++k) order[k] = k;
    std::vector<double> target(position.size());
    for (size_t k = 0; k < position.size(); ++k) target[k] = on[k] ? sum[k] / on[k] : position[k];
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return target[a] != target[b] ? target[a] < target[b] : position[a] < position[b];
    });
    for (int rank = 0; rank < questions; ++rank) position[order[rank]] = rank;
  }
  if (best_span * 2 > asking_order_span)
    for (int k = 0; k < questions; ++k) best[k] = k;
  return best;
}

}  // namespace backtriage
