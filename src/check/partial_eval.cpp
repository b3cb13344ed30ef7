#include "check/partial_eval.h"

#include <algorithm>

namespace backtriage {
namespace {

Tri tri_of(bool value) { return value ? Tri::yes : Tri::no; }

char key_char(Tri t) { return static_cast<char>('0' + static_cast<int>(t)); }

bool is_condition(ExprNode::Kind kind) {
  using Kind = ExprNode::Kind;
  return kind != Kind::number && kind != Kind::answer && kind != Kind::count && kind != Kind::output;
}

}  // namespace

std::pair<int, int> answer_range(const Question& q) {
  switch (q.type) {
    case AnswerType::yes_no: return {0, 1};
    case AnswerType::duration: return {0, kMaxDurationDays};
    case AnswerType::number: return {q.min, q.max};
  }
  return {0, 0};
}

Tri PartialEvaluator::evaluate(const Expr& expr, const PartialIntake& intake, const OutputBounds* outputs) {
  last_ = &expr;
  values_.resize(expr.nodes.size());
  // The parser adds every node after its children, so one pass in index order suffices.
  for (size_t i = 0; i < expr.nodes.size(); ++i) values_[i] = node(expr, static_cast<int>(i), intake, outputs);
  return values_.empty() ? Tri::no : values_.back().tri;
}

void PartialEvaluator::append_key(std::string& key) const {
  if (!last_ || values_.empty()) return key.push_back('0');
  Tri root = values_.back().tri;
  if (root != Tri::maybe) return key.push_back(key_char(root));
  // '2' first keeps the images prefix-free: a settled root is a single '0' or '1'.
  key.push_back('2');
  // Numeric nodes are left out: only comparisons read them, and a comparison's own state
  // says all that matters (its other side is a constant).
  for (size_t i = 0; i + 1 < values_.size(); ++i)
    if (is_condition(last_->nodes[i].kind)) key.push_back(key_char(values_[i].tri));
}

PartialEvaluator::Value PartialEvaluator::compare(CompareOp op, const Value& a, const Value& b) const {
  Value v;
  if (!a.may_known || !b.may_known) return v;  // an unknown side: false
  bool all = false, none = false;
  switch (op) {
    case CompareOp::lt: all = a.hi < b.lo; none = a.lo >= b.hi; break;
    case CompareOp::le: all = a.hi <= b.lo; none = a.lo > b.hi; break;
    case CompareOp::gt: all = a.lo > b.hi; none = a.hi <= b.lo; break;
    case CompareOp::ge: all = a.lo >= b.hi; none = a.hi < b.lo; break;
    case CompareOp::eq:
      all = a.lo == a.hi && b.lo == b.hi && a.lo == b.lo;
      none = a.hi < b.lo || b.hi < a.lo;
      break;
    case CompareOp::ne:
      all = a.hi < b.lo || b.hi < a.lo;
      none = a.lo == a.hi && b.lo == b.hi && a.lo == b.lo;
      break;
  }
  bool can_true = !none;
  bool can_false = !all || a.may_unknown || b.may_unknown;
  v.tri = can_true && can_false ? Tri::maybe : tri_of(can_true);
  return v;
}

PartialEvaluator::Value PartialEvaluator::node(const Expr& expr, int index, const PartialIntake& intake,
                                               const OutputBounds* outputs) const {
  using Kind = ExprNode::Kind;
  const ExprNode& n = expr.nodes[index];
  const std::uint16_t* args = expr.args.data() + n.first;
  Value v;
  auto answer_test = [&](auto test) {
    v.tri = intake.settled[n.value] ? tri_of(test(intake.effective[n.value])) : Tri::maybe;
  };
  switch (n.kind) {
    case Kind::constant: v.tri = tri_of(n.value != 0); break;
    case Kind::is_yes: answer_test([](AnswerValue a) { return a == 1; }); break;
    case Kind::is_no: answer_test([](AnswerValue a) { return a == 0; }); break;
    case Kind::is_unknown: answer_test([](AnswerValue a) { return a == kUnknown; }); break;
    case Kind::is_known: answer_test([](AnswerValue a) { return a != kUnknown; }); break;
    case Kind::any_yes:
    case Kind::any_unknown: {
      AnswerValue wanted_yes = n.kind == Kind::any_yes;
      bool open = false;
      for (int i = 0; i < n.count; ++i) {
        int q = args[i];
        if (!intake.settled[q]) {
          open = true;
        } else if (wanted_yes ? intake.effective[q] == 1 : intake.effective[q] == kUnknown && intake.applicable[q]) {
          v.tri = Tri::yes;
          return v;
        }
      }
      v.tri = open ? Tri::maybe : Tri::no;
      break;
    }
    case Kind::all:
    case Kind::any: {
      Tri decisive = n.kind == Kind::all ? Tri::no : Tri::yes;
      bool open = false;
      for (int i = 0; i < n.count; ++i) {
        Tri child = values_[args[i]].tri;
        if (child == decisive) {
          v.tri = decisive;
          return v;
        }
        open = open || child == Tri::maybe;
      }
      v.tri = open ? Tri::maybe : (decisive == Tri::no ? Tri::yes : Tri::no);
      break;
    }
    case Kind::negate: {
      Tri child = values_[args[0]].tri;
      v.tri = child == Tri::maybe ? Tri::maybe : tri_of(child == Tri::no);
      break;
    }
    case Kind::compare: return compare(n.op, values_[args[0]], values_[args[1]]);
    case Kind::number: v.lo = v.hi = n.value; break;
    case Kind::answer:
      if (intake.settled[n.value]) {
        AnswerValue a = intake.effective[n.value];
        v.may_unknown = a == kUnknown;
        v.may_known = a != kUnknown;
        v.lo = v.hi = a;
      } else {
        auto [lo, hi] = answer_range(rules_.questions[n.value]);
        v.may_unknown = true;
        v.lo = lo;
        v.hi = hi;
      }
      break;
    case Kind::count:
      for (int i = 0; i < n.count; ++i) {
        Tri child = values_[args[i]].tri;
        v.lo += child == Tri::yes;
        v.hi += child != Tri::no;
      }
      break;
    case Kind::output:
      if (outputs) {
        v.lo = outputs->lo[n.value];
        v.hi = outputs->hi[n.value];
      } else {
        v.may_known = false;  // as holds() reads it without outputs: unknown
        v.may_unknown = true;
      }
      break;
  }
  return v;
}

void evaluate_rules(const RuleSet& rules, const PartialIntake& intake, PartialEvaluator& evaluator, RuleStates& states,
                    std::string* key, int focus_rule) {
  const size_t count = rules.rules.size();
  states.matched.resize(count);
  states.bounds.lo.fill(0);
  states.bounds.hi.fill(0);
  std::array<int, kOutputCount> lo_others;
  lo_others.fill(-1);  // -1: no other rule proposes that output for sure
  std::string undecided;
  for (size_t r = 0; r < count; ++r) {
    const Rule& rule = rules.rules[r];
    Tri t = evaluator.evaluate(rule.when, intake, nullptr);
    states.matched[r] = t;
    for (int o = 0; o < kOutputCount; ++o) {
      int p = rule.proposes[o];
      if (p == kNoProposal || t == Tri::no) continue;
      if (t == Tri::yes) {
        states.bounds.lo[o] = std::max(states.bounds.lo[o], p);
        if (static_cast<int>(r) != focus_rule) lo_others[o] = std::max(lo_others[o], p);
      }
      states.bounds.hi[o] = std::max(states.bounds.hi[o], p);
    }
    if (key && (t == Tri::maybe || static_cast<int>(r) == focus_rule)) evaluator.append_key(undecided);
  }
  if (!key) return;
  const auto& lows = focus_rule >= 0 ? lo_others : states.bounds.lo;
  for (int o = 0; o < kOutputCount; ++o) key->push_back(static_cast<char>(lows[o] + 1));
  // Which rules are undecided is itself part of the state: mark each rule's kind of entry.
  for (size_t r = 0; r < count; ++r) key->push_back(key_char(states.matched[r] == Tri::maybe ? Tri::maybe : Tri::no));
  *key += undecided;
}

OutputBounds bounds_without(const RuleSet& rules, const RuleStates& states, int excluded) {
  OutputBounds b;
  b.lo.fill(-1);
  b.hi.fill(-1);
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    if (static_cast<int>(r) == excluded || states.matched[r] == Tri::no) continue;
    for (int o = 0; o < kOutputCount; ++o) {
      int p = rules.rules[r].proposes[o];
      if (p == kNoProposal) continue;
      if (states.matched[r] == Tri::yes) b.lo[o] = std::max(b.lo[o], p);
      b.hi[o] = std::max(b.hi[o], p);
    }
  }
  return b;
}

}  // namespace backtriage
