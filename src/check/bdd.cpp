#include "check/bdd.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <unordered_map>

namespace backtriage {
namespace {

bool g_session_open = false;

// BuDDy reports every failure through this hook; its default prints and exits. Running out of
// nodes (or of memory for them) is the budget; anything else is a bug in the caller.
void on_bdd_error(int code) {
  if (code == BDD_NODENUM || code == BDD_MEMORY) throw BddBudgetExceeded();
  throw std::logic_error(std::string("BuDDy: ") + bdd_errstring(code));
}

void quiet_gbc(int, bddGbcStat*) {}
void quiet_reorder(int) {}

}  // namespace

BddSession::BddSession(int max_nodes) {
  if (g_session_open) throw std::logic_error("a BDD session is already open");
  constexpr int kInitialNodes = 10007;  // small: this machine kind pays dearly for every page touched
  constexpr int kCacheEntries = 1009;
  if (bdd_init(kInitialNodes, kCacheEntries) < 0) throw BddBudgetExceeded();
  g_session_open = true;
  bdd_error_hook(on_bdd_error);  // after bdd_init, which installs BuDDy's own (print and exit)
  bdd_gbc_hook(quiet_gbc);
  bdd_reorder_hook(quiet_reorder);
  bdd_reorder_verbose(0);
  bdd_setcacheratio(4);
  bdd_setmaxincrease(1 << 22);
  if (max_nodes > 0) bdd_setmaxnodenum(std::max(max_nodes, kInitialNodes));
}

BddSession::~BddSession() {
  bdd_done();
  g_session_open = false;
}

int nodes_for_megabytes(int megabytes) {
  // A node is 20 bytes; with a cache ratio of 4 the six operation caches add 6 x 16 / 4 bytes
  // a node, and a resize briefly holds the old table and the new: about 64 bytes a node.
  std::int64_t nodes = static_cast<std::int64_t>(megabytes) * (1 << 20) / 64;
  return static_cast<int>(std::clamp<std::int64_t>(nodes, 1 << 16, 1 << 30));
}

AnswerVariables::AnswerVariables(std::vector<std::vector<AnswerValue>> known, const std::vector<int>& order,
                                 std::vector<std::vector<std::uint32_t>> weights)
    : known_(std::move(known)), weights_(std::move(weights)), first_var_(known_.size(), 0), bits_(known_.size(), 0) {
  for (int k : order) {
    int bits = 1;
    while ((1 << bits) < codes(k)) ++bits;
    first_var_[k] = total_vars_;
    bits_[k] = bits;
    total_vars_ += bits;
  }
  bdd_setvarnum(std::max(total_vars_, 1));
  for (int k : order) bdd_intaddvarblock(first_var_[k], first_var_[k] + bits_[k] - 1, BDD_REORDER_FIXED);
  for (int k = 0; k < questions(); ++k) {
    std::vector<int> vars;
    for (int j = 0; j < questions(); ++j)
      if (j != k)
        for (int b = 0; b < bits_[j]; ++b) vars.push_back(first_var_[j] + b);
    others_.push_back(Bdd::cube(std::move(vars)));
  }
}

int AnswerVariables::code_of(int k, AnswerValue value) const {
  auto it = std::lower_bound(known_[k].begin(), known_[k].end(), value);
  return it != known_[k].end() && *it == value ? static_cast<int>(it - known_[k].begin()) + 1 : -1;
}

Bdd AnswerVariables::code_is(int k, int code) const {
  Bdd cube = Bdd::truth();
  for (int b = bits_[k] - 1; b >= 0; --b) {
    int var = first_var_[k] + (bits_[k] - 1 - b);
    cube &= (code >> b) & 1 ? Bdd::variable(var) : Bdd::not_variable(var);
  }
  return cube;
}

// Built from the least significant bit up: after bit i, `r` says "bits i..0 of the code are
// at most (at least) those of value".
Bdd AnswerVariables::bits_at_most(int k, int value) const {
  Bdd r = Bdd::truth();
  for (int i = 0; i < bits_[k]; ++i) {
    int var = first_var_[k] + (bits_[k] - 1 - i);
    r = (value >> i) & 1 ? Bdd::not_variable(var) | r : Bdd::not_variable(var) & r;
  }
  return r;
}

Bdd AnswerVariables::bits_at_least(int k, int value) const {
  Bdd r = Bdd::truth();
  for (int i = 0; i < bits_[k]; ++i) {
    int var = first_var_[k] + (bits_[k] - 1 - i);
    r = (value >> i) & 1 ? Bdd::variable(var) & r : Bdd::variable(var) | r;
  }
  return r;
}

Bdd AnswerVariables::code_between(int k, int lo, int hi) const {
  if (lo > hi) return Bdd::falsity();
  Bdd r = Bdd::truth();
  if (lo > 0) r &= bits_at_least(k, lo);
  if (hi < (1 << bits_[k]) - 1) r &= bits_at_most(k, hi);
  return r;
}

std::vector<AnswerValue> AnswerVariables::answers(const std::vector<int>& codes) const {
  std::vector<AnswerValue> out;
  for (size_t k = 0; k < codes.size(); ++k) out.push_back(value(static_cast<int>(k), codes[k]));
  return out;
}

std::vector<int> AnswerVariables::first_codes(const Bdd& set) const {
  std::vector<int> codes_found(known_.size(), 0);
  Bdd rest = set;
  for (int k = 0; k < questions(); ++k) {
    for (int code = 0; code < codes(k); ++code) {
      Bdd narrowed = rest & code_is(k, code);
      if (narrowed.is_false()) continue;
      rest = narrowed;
      codes_found[k] = code;
      break;
    }
  }
  return codes_found;
}

std::vector<int> AnswerVariables::codes_in(const Bdd& set, int k) const {
  Bdd projected = set.exists(others_[k]);
  std::vector<int> found;
  for (int code = 0; code < codes(k); ++code)
    if (projected.intersects(code_is(k, code))) found.push_back(code);
  return found;
}

BigCount AnswerVariables::count(const Bdd& set) const {
  if (set.is_false()) return BigCount();
  // The questions in the current level order (sifting moves whole blocks), and which one
  // each variable belongs to.
  std::vector<int> order(known_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return bdd_var2level(first_var_[a]) < bdd_var2level(first_var_[b]); });
  std::vector<int> position_of(known_.size()), question_of_var(static_cast<size_t>(total_vars_));
  for (size_t p = 0; p < order.size(); ++p) {
    position_of[order[p]] = static_cast<int>(p);
    for (int b = 0; b < bits_[order[p]]; ++b) question_of_var[first_var_[order[p]] + b] = order[p];
  }
  const int end = static_cast<int>(order.size());
  auto position = [&](BDD node) { return node < 2 ? end : position_of[question_of_var[bdd_var(node)]]; };
  // The intakes of the questions at positions [from, to) that a path skips: every code of each.
  std::vector<BigCount> all_codes(order.size());
  for (size_t p = 0; p < order.size(); ++p) {
    const int k = order[p];
    for (int code = 0; code < codes(k); ++code) all_codes[p] += BigCount(weight(k, code));
  }
  std::map<std::pair<int, int>, BigCount> skipped_memo;
  auto skipped = [&](int from, int to) -> const BigCount& {
    auto [it, inserted] = skipped_memo.try_emplace({from, to}, BigCount(1));
    if (inserted)
      for (int p = from; p < to; ++p) it->second = it->second.times(all_codes[static_cast<size_t>(p)]);
    return it->second;
  };
  // The intakes of the questions from the node's own position on that lead to true.
  std::unordered_map<BDD, BigCount> memo;
  std::function<BigCount(BDD)> below = [&](BDD node) -> BigCount {
    if (node < 2) return BigCount(node == 1 ? 1 : 0);
    if (auto it = memo.find(node); it != memo.end()) return it->second;
    const int p = position(node), k = order[static_cast<size_t>(p)];
    BigCount total;
    for (int code = 0; code < codes(k); ++code) {
      BDD at = node;
      while (at > 1 && question_of_var[bdd_var(at)] == k) {
        const int bit = bits_[k] - 1 - (bdd_var(at) - first_var_[k]);
        at = (code >> bit) & 1 ? bdd_high(at) : bdd_low(at);
      }
      if (at == 0) continue;
      total += below(at).times(skipped(p + 1, position(at))).times(weight(k, code));
    }
    memo.emplace(node, total);
    return total;
  };
  return below(set.root()).times(skipped(0, position(set.root())));
}

}  // namespace backtriage
