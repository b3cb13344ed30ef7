#include "sat_rules.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "check/partial_eval.h"

namespace backtriage {

SatRules::SatRules(const RuleSet& rules, const InputSpace& space) : rules_(rules), space_(space) {
  true_ = fresh();
  clause({true_});
  size_t questions = rules.questions.size();
  applicable_.assign(questions, 0);
  matches_.assign(rules.rules.size(), 0);
  for (int o = 0; o < kOutputCount; ++o) level_at_least_[o].assign(rules.scales[o].values.size() + 1, 0);
  // Codes 0..n-1 of a question with n codes: at_least[c] is "code >= c", true for c = 0 and
  // false for c = n, each implying the one below, so every assignment is exactly one code.
  for (size_t q = 0; q < questions; ++q) {
    int codes = static_cast<int>(space.known[q].size()) + 1;
    std::vector<int> at_least{true_};
    for (int c = 1; c < codes; ++c) {
      at_least.push_back(fresh());
      if (c > 1) clause({-at_least[c], at_least[c - 1]});
    }
    at_least.push_back(-true_);
    at_least_.push_back(std::move(at_least));
  }
  // The input space, as check/symbolic_rules.cpp's input_space(): a question that does not
  // apply is blank, one that applies and is required is not.
  for (size_t q = 0; q < questions; ++q) {
    int qi = static_cast<int>(q);
    int applies = applicable(qi), blank = code_is(qi, 0);
    clause({applies, blank});
    if (rules.questions[q].required) clause({-applies, -blank});
  }
}

void SatRules::clause(const std::vector<int>& lits) {
  for (int lit : lits) solver_.add(lit);
  solver_.add(0);
  ++clauses_;
}

int SatRules::and_of(std::vector<int> lits) {
  std::vector<int> kept;
  for (int lit : lits) {
    if (lit == -true_) return -true_;
    if (lit != true_) kept.push_back(lit);
  }
  std::sort(kept.begin(), kept.end(), [](int a, int b) { return std::abs(a) != std::abs(b) ? std::abs(a) < std::abs(b) : a < b; });
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  for (size_t i = 1; i < kept.size(); ++i)
    if (kept[i] == -kept[i - 1]) return -true_;
  if (kept.empty()) return true_;
  if (kept.size() == 1) return kept[0];
  auto [it, inserted] = and_gates_.try_emplace(kept, 0);
  if (!inserted) return it->second;
  int gate = it->second = fresh();
  std::vector<int> back{gate};
  for (int lit : kept) {
    clause({-gate, lit});
    back.push_back(-lit);
  }
  clause(back);
  return gate;
}

int SatRules::or_of(std::vector<int> lits) {
  for (int& lit : lits) lit = -lit;
  return -and_of(std::move(lits));
}

int SatRules::code_between(int q, int lo, int hi) { return and_of({at_least_[q][lo], -at_least_[q][hi + 1]}); }

int SatRules::code_of(int q, AnswerValue value) const {
  const std::vector<AnswerValue>& known = space_.known[q];
  auto it = std::lower_bound(known.begin(), known.end(), value);
  return it != known.end() && *it == value ? static_cast<int>(it - known.begin()) + 1 : -1;
}

int SatRules::applicable(int q) {
  int& lit = applicable_[q];
  if (lit == 0) lit = rules_.questions[q].asked_if ? condition(*rules_.questions[q].asked_if) : true_;
  return lit;
}

int SatRules::answer_is(int q, int code) {
  if (code < 0) return -true_;
  return and_of({applicable(q), code_is(q, code)});
}

int SatRules::is_unknown(int q) { return or_of({-applicable(q), code_is(q, 0)}); }

int SatRules::matches(int r) {
  int& lit = matches_[r];
  if (lit == 0) lit = condition(rules_.rules[r].when);
  return lit;
}

int SatRules::level_at_least(int o, int level) {
  int levels = static_cast<int>(rules_.scales[o].values.size());
  if (level <= 0) return true_;
  if (level >= levels) return -true_;
  int& lit = level_at_least_[o][level];
  if (lit != 0) return lit;
  std::vector<int> proposers{level_at_least(o, level + 1)};
  for (size_t r = 0; r < rules_.rules.size(); ++r)
    if (rules_.rules[r].proposes[o] == level) proposers.push_back(matches(static_cast<int>(r)));
  return lit = or_of(std::move(proposers));
}

int SatRules::level_is(int o, int level) { return and_of({level_at_least(o, level), -level_at_least(o, level + 1)}); }

int SatRules::node(const Expr& expr, int index) {
  const ExprNode& n = expr.nodes[index];
  std::vector<int> children;
  for (int a = n.first; a < n.first + n.count; ++a) children.push_back(expr.args[a]);
  std::vector<int> lits;
  switch (n.kind) {
    case ExprNode::Kind::constant: return n.value ? true_ : -true_;
    case ExprNode::Kind::is_yes: return answer_is(n.value, code_of(n.value, 1));
    case ExprNode::Kind::is_no: return answer_is(n.value, code_of(n.value, 0));
    case ExprNode::Kind::is_unknown: return is_unknown(n.value);
    case ExprNode::Kind::is_known: return -is_unknown(n.value);
    case ExprNode::Kind::any_yes:
      for (int q : children) lits.push_back(answer_is(q, code_of(q, 1)));
      return or_of(std::move(lits));
    case ExprNode::Kind::any_unknown:
      for (int q : children) lits.push_back(answer_is(q, 0));
      return or_of(std::move(lits));
    case ExprNode::Kind::all:
      for (int c : children) lits.push_back(node(expr, c));
      return and_of(std::move(lits));
    case ExprNode::Kind::any:
      for (int c : children) lits.push_back(node(expr, c));
      return or_of(std::move(lits));
    case ExprNode::Kind::negate: return -node(expr, children[0]);
    case ExprNode::Kind::compare: return compare(expr, n);
    default: return -true_;  // numeric nodes are read through numeric()
  }
}

SatRules::Numeric SatRules::numeric(const Expr& expr, int index) {
  const ExprNode& n = expr.nodes[index];
  Numeric out;
  switch (n.kind) {
    case ExprNode::Kind::number: out.known.emplace_back(n.value, true_); break;
    case ExprNode::Kind::answer: {
      const std::vector<AnswerValue>& known = space_.known[n.value];
      for (size_t i = 0; i < known.size(); ++i)
        out.known.emplace_back(known[i], answer_is(n.value, static_cast<int>(i) + 1));
      break;
    }
    case ExprNode::Kind::output: {
      int levels = static_cast<int>(rules_.scales[n.value].values.size());
      for (int level = 0; level < levels; ++level) out.known.emplace_back(level, level_is(n.value, level));
      break;
    }
    case ExprNode::Kind::count: {
      // exactly[j]: exactly j of the children seen so far hold.
      std::vector<int> exactly{true_};
      for (int a = n.first; a < n.first + n.count; ++a) {
        int child = node(expr, expr.args[a]);
        exactly.push_back(-true_);
        for (size_t j = exactly.size() - 1; j > 0; --j)
          exactly[j] = or_of({and_of({exactly[j], -child}), and_of({exactly[j - 1], child})});
        exactly[0] = and_of({exactly[0], -child});
      }
      for (size_t j = 0; j < exactly.size(); ++j)
        if (exactly[j] != -true_) out.known.emplace_back(static_cast<std::int64_t>(j), exactly[j]);
      break;
    }
    default: break;
  }
  return out;
}

int SatRules::compare(const Expr& expr, const ExprNode& n) {
  const ExprNode& lhs_node = expr.nodes[expr.args[n.first]];
  const ExprNode& rhs_node = expr.nodes[expr.args[n.first + 1]];
  // An answer against a number: the runs of codes that satisfy the comparison, each one
  // range of the order encoding.
  auto answer_against = [&](int q, bool answer_left, std::int64_t constant) {
    const std::vector<AnswerValue>& known = space_.known[q];
    int codes = static_cast<int>(known.size()) + 1;
    std::vector<int> runs;
    int run_start = -1;
    for (int code = 1; code <= codes; ++code) {
      bool in = code < codes && (answer_left ? compare_values(known[code - 1], n.op, constant)
                                             : compare_values(constant, n.op, known[code - 1]));
      if (in && run_start < 0) run_start = code;
      if (!in && run_start >= 0) {
        runs.push_back(code_between(q, run_start, code - 1));
        run_start = -1;
      }
    }
    return and_of({applicable(q), or_of(std::move(runs))});
  };
  if (lhs_node.kind == ExprNode::Kind::answer && rhs_node.kind == ExprNode::Kind::number)
    return answer_against(lhs_node.value, true, rhs_node.value);
  if (rhs_node.kind == ExprNode::Kind::answer && lhs_node.kind == ExprNode::Kind::number)
    return answer_against(rhs_node.value, false, lhs_node.value);
  Numeric lhs = numeric(expr, expr.args[n.first]);
  Numeric rhs = numeric(expr, expr.args[n.first + 1]);
  std::vector<int> pairs;
  for (const auto& [a, where_a] : lhs.known)
    for (const auto& [b, where_b] : rhs.known)
      if (compare_values(a, n.op, b)) pairs.push_back(and_of({where_a, where_b}));
  return or_of(std::move(pairs));
}

void SatRules::encode_all_rules() {
  for (size_t r = 0; r < rules_.rules.size(); ++r) matches(static_cast<int>(r));
  for (int o = 0; o < kOutputCount; ++o)
    for (int level = 1; level < static_cast<int>(rules_.scales[o].values.size()); ++level) level_at_least(o, level);
}

int SatRules::broken(int invariant) {
  const Invariant& inv = rules_.invariants[invariant];
  int when = condition(inv.when);
  return and_of({when, -condition(inv.then)});
}

bool SatRules::satisfiable(int query, std::vector<AnswerValue>& intake) {
  solver_.assume(query);
  int verdict = solver_.solve();
  if (verdict != 10 && verdict != 20) throw std::runtime_error("CaDiCaL gave no verdict");
  if (verdict == 20) return false;
  intake.assign(rules_.questions.size(), kUnknown);
  for (size_t q = 0; q < rules_.questions.size(); ++q) {
    int code = 0;
    while (code + 1 < static_cast<int>(at_least_[q].size()) - 1 && solver_.val(at_least_[q][code + 1]) > 0) ++code;
    if (code > 0) intake[q] = space_.known[q][code - 1];
  }
  return true;
}

}  // namespace backtriage
