#include "check/input_space.h"

#include <algorithm>

#include "check/partial_eval.h"

namespace backtriage {
namespace {

void collect_from(const Expr& expr, std::vector<Constants>& constants) {
  for (const ExprNode& n : expr.nodes) {
    if (n.kind != ExprNode::Kind::compare) continue;
    const ExprNode& lhs = expr.nodes[expr.args[n.first]];
    const ExprNode& rhs = expr.nodes[expr.args[n.first + 1]];
    if (lhs.kind == ExprNode::Kind::answer && rhs.kind == ExprNode::Kind::number) constants[lhs.value].insert(rhs.value);
    if (rhs.kind == ExprNode::Kind::answer && lhs.kind == ExprNode::Kind::number) constants[rhs.value].insert(lhs.value);
  }
}

}  // namespace

void collect_constants(const RuleSet& rules, std::vector<Constants>& constants) {
  for (const Question& q : rules.questions)
    if (q.asked_if) collect_from(*q.asked_if, constants);
  for (const Rule& rule : rules.rules) collect_from(rule.when, constants);
  for (const Invariant& inv : rules.invariants) {
    collect_from(inv.when, constants);
    collect_from(inv.then, constants);
  }
}

std::vector<AnswerValue> representatives(std::pair<int, int> range, const Constants& constants) {
  auto [lo, hi] = range;
  std::vector<AnswerValue> values{lo};
  for (std::int64_t c : constants)
    for (std::int64_t v : {c - 1, c, c + 1}) values.push_back(static_cast<AnswerValue>(std::clamp<std::int64_t>(v, lo, hi)));
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::vector<std::uint32_t> value_weights(const std::vector<AnswerValue>& known, std::pair<int, int> range) {
  std::vector<std::uint32_t> weights;
  weights.reserve(known.size());
  for (size_t i = 0; i < known.size(); ++i) {
    const std::int64_t next = i + 1 < known.size() ? known[i + 1] : std::int64_t{range.second} + 1;
    weights.push_back(static_cast<std::uint32_t>(next - known[i]));
  }
  return weights;
}

std::pair<std::int64_t, std::int64_t> stretch_of(AnswerValue value, std::pair<int, int> range, const Constants& constants) {
  std::int64_t lo = range.first, hi = range.second;
  if (constants.count(value)) return {value, value};
  auto above = constants.upper_bound(value);
  if (above != constants.end()) hi = std::min<std::int64_t>(hi, *above - 1);
  if (above != constants.begin()) lo = std::max<std::int64_t>(lo, *std::prev(above) + 1);
  return {lo, hi};
}

std::vector<AnswerValue> InputSpace::values(int q, bool required) const {
  std::vector<AnswerValue> result;
  if (!required) result.push_back(kUnknown);
  result.insert(result.end(), known[q].begin(), known[q].end());
  return result;
}

InputSpace make_input_space(const RuleSet& rules) {
  InputSpace space;
  space.constants.resize(rules.questions.size());
  collect_constants(rules, space.constants);
  for (size_t q = 0; q < rules.questions.size(); ++q) {
    const Question& question = rules.questions[q];
    if (question.type == AnswerType::yes_no) space.known.push_back({0, 1});
    else space.known.push_back(representatives(answer_range(question), space.constants[q]));
  }
  return space;
}

}  // namespace backtriage
