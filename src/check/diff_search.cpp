// The rule diff by exhaustive search over the combined input space: the oracle the symbolic
// diff (check/rule_diff.cpp) is tested against.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "check/diff_space.h"
#include "check/partial_eval.h"
#include "check/rule_diff.h"

namespace backtriage {
namespace {

// A rule responsible for part of a group, over a subtree.
struct RuleAcc {
  int rule = 0;  // index into DiffSpace::rules
  std::uint64_t count = 0;
  std::vector<AnswerValue> example;  // per question from the subtree's depth on
};

struct GroupAcc {
  std::string key;  // field and change: what identifies the group
  int field = 0;    // output index, or kOutputCount for status
  std::string from, to;
  std::vector<RuleAcc> rules;
  std::uint64_t count = 0;
  std::vector<Seen> seen;             // per question from the subtree's depth on
  std::vector<AnswerValue> example;   // likewise
};

// The changes among the intakes below one state of the search.
struct Subtree {
  std::uint64_t total = 0;
  std::uint64_t changed = 0;
  std::vector<GroupAcc> groups;
};
using SubtreePtr = std::shared_ptr<const Subtree>;

// Depth-first search over the combined questions, both rule sets evaluated three-valued
// side by side. A state's subtree result depends only on its image (both sides' rules,
// asked-if conditions to come, error flags), so results are shared between equal states; a
// state where both outcomes are settled and equal contributes no change.
class Differ {
 public:
  explicit Differ(DiffSpace& space) : space_(space), memo_(space.questions.size() + 1), size_memo_(memo_.size()) {}

  Subtree run() { return *dfs(0); }

 private:
  std::string state_key(size_t k, std::string& applicability) {
    std::string key;
    applicability.clear();
    for (int s = 0; s < 2; ++s) {
      DiffSide& side = space_.sides[s];
      key.push_back(side.error ? 'E' : 'o');
      evaluate_rules(*side.rules, side.intake, side.evaluator, side.states, &key);
      for (size_t r = 0; r < space_.rules.size(); ++r) {
        int index = space_.rules[r].index[s];
        if (space_.rules[r].watched && index >= 0) key.push_back(static_cast<char>('0' + static_cast<int>(side.states.matched[index])));
      }
      space_.append_applicability(s, k, applicability);
    }
    return key + '|' + applicability;
  }

  bool settled_equal(size_t k) {
    if (static_cast<int>(k) <= space_.last_asymmetric) return false;
    const DiffSide& a = space_.sides[0];
    const DiffSide& b = space_.sides[1];
    if (a.error || b.error) return a.error && b.error;
    for (int o = 0; o < kOutputCount; ++o) {
      if (a.states.bounds.lo[o] != a.states.bounds.hi[o] || b.states.bounds.lo[o] != b.states.bounds.hi[o]) return false;
      if (space_.value_name(0, o, a.states.bounds.lo[o]) != space_.value_name(1, o, b.states.bounds.lo[o])) return false;
    }
    return true;
  }

  void add_group(Subtree& leaf, int field, std::string from, std::string to, const std::vector<int>& rules) {
    GroupAcc g;
    g.field = field;
    g.key = fmt::format("{}\x1f{}\x1f{}", field, from, to);
    g.from = std::move(from);
    g.to = std::move(to);
    for (int r : rules) g.rules.push_back({r, 1, {}});
    g.count = 1;
    leaf.groups.push_back(std::move(g));
  }

  SubtreePtr leaf() {
    auto result = std::make_shared<Subtree>();
    result->total = 1;
    const DiffSide& a = space_.sides[0];
    const DiffSide& b = space_.sides[1];
    if (a.error || b.error) {
      if (a.error != b.error) add_group(*result, kOutputCount, a.error ? "error" : "ok", b.error ? "error" : "ok", {});
    } else {
      std::vector<int> differing = space_.differing_rules();
      for (int o = 0; o < kOutputCount; ++o) {
        int old_level = a.states.bounds.lo[o], new_level = b.states.bounds.lo[o];
        std::string from = space_.value_name(0, o, old_level);
        std::string to = space_.value_name(1, o, new_level);
        if (from != to) add_group(*result, o, from, to, space_.deciding(o, old_level, new_level, differing));
      }
    }
    result->changed = result->groups.empty() ? 0 : 1;
    return result;
  }

  static Seen seen_of(const DiffQuestion& q, AnswerValue v, bool applicable) {
    Seen s;
    if (!applicable) s.mask = kSeenNotApplicable;
    else if (v == kUnknown) s.mask = kSeenUnknown;
    else if (q.type == AnswerType::yes_no) s.mask = v ? kSeenYes : kSeenNo;
    else s = {kSeenNumber, v, v};
    return s;
  }

  // Adds the child reached by value v, which stands for `weight` intakes at this question.
  static void merge_child(Subtree& into, const Subtree& child, AnswerValue v, std::uint64_t weight, const Seen& seen) {
    into.total += child.total * weight;
    into.changed += child.changed * weight;
    for (const GroupAcc& g : child.groups) {
      auto it = std::find_if(into.groups.begin(), into.groups.end(), [&](const GroupAcc& x) { return x.key == g.key; });
      if (it == into.groups.end()) {
        GroupAcc copy = g;
        copy.count *= weight;
        copy.seen.insert(copy.seen.begin(), seen);
        copy.example.insert(copy.example.begin(), v);
        for (RuleAcc& rule : copy.rules) {
          rule.count *= weight;
          rule.example.insert(rule.example.begin(), v);
        }
        into.groups.push_back(std::move(copy));
        continue;
      }
      it->count += g.count * weight;
      for (const RuleAcc& rule : g.rules) {
        auto known = std::find_if(it->rules.begin(), it->rules.end(), [&](const RuleAcc& x) { return x.rule == rule.rule; });
        if (known != it->rules.end()) {
          known->count += rule.count * weight;
          continue;
        }
        RuleAcc copy = rule;
        copy.count *= weight;
        copy.example.insert(copy.example.begin(), v);
        it->rules.push_back(std::move(copy));
      }
      it->seen[0].merge(seen);
      for (size_t i = 0; i < g.seen.size(); ++i) it->seen[i + 1].merge(g.seen[i]);
    }
  }

  SubtreePtr dfs(size_t k) {
    std::string applicability;
    std::string key = state_key(k, applicability);
    if (settled_equal(k)) {
      auto empty = std::make_shared<Subtree>();
      empty->total = count_intakes(k, applicability);
      return empty;
    }
    if (k == space_.questions.size()) return leaf();
    auto& memo = memo_[k];
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    auto result = std::make_shared<Subtree>();
    DiffStep step = space_.step(k);
    for (AnswerValue v : step.values) {
      space_.assign(k, v, step);
      SubtreePtr child = dfs(k + 1);
      space_.unassign(k, step);
      merge_child(*result, *child, v, space_.weight(k, v), seen_of(space_.questions[k], v, step.any_applicable()));
    }
    memo.emplace(std::move(key), result);
    return result;
  }

  // The number of intakes below question k, which depends only on the asked-if states.
  std::uint64_t count_intakes(size_t k, const std::string& applicability) {
    if (k == space_.questions.size()) return 1;
    auto& memo = size_memo_[k];
    if (auto it = memo.find(applicability); it != memo.end()) return it->second;
    std::uint64_t total = 0;
    DiffStep step = space_.step(k);
    std::string next;
    for (AnswerValue v : step.values) {
      space_.assign(k, v, step);
      next.clear();
      for (int s = 0; s < 2; ++s) space_.append_applicability(s, k + 1, next);
      total += space_.weight(k, v) * count_intakes(k + 1, next);
      space_.unassign(k, step);
    }
    memo.emplace(applicability, total);
    return total;
  }

  DiffSpace& space_;
  std::vector<std::unordered_map<std::string, SubtreePtr>> memo_;
  std::vector<std::unordered_map<std::string, std::uint64_t>> size_memo_;
};

}  // namespace

RuleDiff diff_rule_sets_by_search(const RuleSet& old_rules, const RuleSet& new_rules) {
  DiffSpace space(old_rules, new_rules);
  Subtree root = Differ(space).run();
  RuleDiff diff;
  diff.intakes = root.total;
  diff.changed = root.changed;
  std::stable_sort(root.groups.begin(), root.groups.end(), [](const GroupAcc& a, const GroupAcc& b) {
    return a.field != b.field ? a.field < b.field : a.count > b.count;
  });
  for (const GroupAcc& g : root.groups) {
    DiffGroup group;
    group.field = g.field < kOutputCount ? kOutputNames[g.field] : "status";
    group.from = g.from;
    group.to = g.to;
    std::vector<RuleAcc> rules = g.rules;
    std::sort(rules.begin(), rules.end(), [](const RuleAcc& x, const RuleAcc& y) { return x.rule < y.rule; });
    for (const RuleAcc& rule : rules)
      group.rules.push_back({space.rules[rule.rule].id, rule.count, space.eval_arguments(rule.example)});
    group.count = g.count;
    group.description = describe_seen(space, g.seen);
    group.example = space.eval_arguments(g.example);
    diff.groups.push_back(std::move(group));
  }
  return diff;
}

}  // namespace backtriage
