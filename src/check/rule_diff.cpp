#include "check/rule_diff.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "base/text.h"
#include "check/bdd.h"
#include "check/diff_space.h"
#include "check/symbolic_rules.h"

namespace backtriage {
namespace {

// A group while it is built: its intakes as a set.
struct SymbolicGroup {
  int field = 0;  // output index, or kOutputCount for status
  int from_level = -1, to_level = -1;
  std::string from, to;
  Bdd intakes;
  BigCount count;
  std::vector<int> example;  // codes by combined question: the group's first intake
};

class SymbolicDiff {
 public:
  SymbolicDiff(const DiffSpace& space, int memory_megabytes)
      : space_(space),
        session_(nodes_for_megabytes(memory_megabytes)),
        variable_of_(side_maps()),
        vars_(known_values(),
              variable_order(static_cast<int>(space.questions.size()), {space.sides[0].rules, space.sides[1].rules},
                             variable_of_),
              known_weights()),
        sides_{SymbolicRules(*space.sides[0].rules, variable_of_[0], vars_),
               SymbolicRules(*space.sides[1].rules, variable_of_[1], vars_)} {}

  RuleDiff run() {
    build_space();
    std::vector<SymbolicGroup> groups;
    Bdd ok = intakes_ & ~sides_[0].error() & ~sides_[1].error();
    std::vector<Bdd> differs = differing_rules();
    for (int o = 0; o < kOutputCount; ++o) {
      int old_levels = static_cast<int>(space_.sides[0].rules->scales[o].values.size());
      int new_levels = static_cast<int>(space_.sides[1].rules->scales[o].values.size());
      for (int a = 0; a < old_levels; ++a) {
        Bdd from = ok & sides_[0].level_is(o, a);
        if (from.is_false()) continue;
        for (int b = 0; b < new_levels; ++b) {
          if (space_.value_name(0, o, a) == space_.value_name(1, o, b)) continue;
          Bdd change = from & sides_[1].level_is(o, b);
          if (change.is_false()) continue;
          SymbolicGroup g;
          g.field = o;
          g.from_level = a;
          g.to_level = b;
          g.from = space_.value_name(0, o, a);
          g.to = space_.value_name(1, o, b);
          g.intakes = change;
          groups.push_back(std::move(g));
        }
      }
    }
    add_status_group(intakes_ & ~sides_[0].error() & sides_[1].error(), "ok", "error", groups);
    add_status_group(intakes_ & sides_[0].error() & ~sides_[1].error(), "error", "ok", groups);

    RuleDiff diff;
    diff.intakes = vars_.count(intakes_);
    Bdd changed;
    for (SymbolicGroup& g : groups) {
      changed |= g.intakes;
      g.count = vars_.count(g.intakes);
      g.example = vars_.first_codes(g.intakes);
    }
    diff.changed = vars_.count(changed);
    std::sort(groups.begin(), groups.end(), [](const SymbolicGroup& a, const SymbolicGroup& b) {
      if (a.field != b.field) return a.field < b.field;
      if (a.count != b.count) return b.count < a.count;
      return a.example < b.example;
    });
    for (const SymbolicGroup& g : groups) diff.groups.push_back(describe(g, differs));
    return diff;
  }

 private:
  std::vector<std::vector<int>> side_maps() const {
    std::vector<std::vector<int>> maps(2);
    for (int s = 0; s < 2; ++s) {
      maps[s].assign(space_.sides[s].rules->questions.size(), -1);
      for (size_t k = 0; k < space_.questions.size(); ++k)
        if (space_.questions[k].index[s] >= 0) maps[s][space_.questions[k].index[s]] = static_cast<int>(k);
    }
    return maps;
  }

  std::vector<std::vector<AnswerValue>> known_values() const {
    std::vector<std::vector<AnswerValue>> known;
    for (const DiffQuestion& q : space_.questions) known.push_back(q.known);
    return known;
  }

  // So that a count is of intakes, every whole number of a range, not of representatives.
  std::vector<std::vector<std::uint32_t>> known_weights() const {
    std::vector<std::vector<std::uint32_t>> weights;
    for (const DiffQuestion& q : space_.questions) weights.push_back(q.weights);
    return weights;
  }

  void build_space() {
    intakes_ = input_space(vars_, {&sides_[0], &sides_[1]});
    for (int k = 0; k < vars_.questions(); ++k) any_applicable_.push_back(sides_[0].applicable_at(k) | sides_[1].applicable_at(k));
  }

  // Per rule of the space: where its effect differs between the sides (matched on one side
  // only, or matched on both and proposing differently); false for rules not watched.
  std::vector<Bdd> differing_rules() const {
    std::vector<Bdd> differs;
    for (const DiffRule& rule : space_.rules) {
      if (!rule.watched) {
        differs.emplace_back();
        continue;
      }
      Bdd matched[2];
      for (int s = 0; s < 2; ++s)
        if (rule.index[s] >= 0) matched[s] = sides_[s].matches(rule.index[s]);
      bool proposes_differently = false;
      for (int o = 0; o < kOutputCount && rule.index[0] >= 0 && rule.index[1] >= 0; ++o)
        proposes_differently = proposes_differently || proposal(0, rule.index[0], o) != proposal(1, rule.index[1], o);
      differs.push_back(proposes_differently ? matched[0] | matched[1] : matched[0] ^ matched[1]);
    }
    return differs;
  }

  std::string proposal(int s, int rule, int o) const {
    int level = space_.sides[s].rules->rules[rule].proposes[o];
    return level == kNoProposal ? "" : space_.value_name(s, o, level);
  }

  // The rules responsible for group g's change (see RuleShare), each with its share.
  std::vector<RuleShare> shares(const SymbolicGroup& g, const std::vector<Bdd>& differs) const {
    std::vector<RuleShare> out;
    if (g.field == kOutputCount) return out;
    const int levels[2] = {g.from_level, g.to_level};
    for (size_t r = 0; r < differs.size(); ++r) {
      if (differs[r].is_false()) continue;
      Bdd decides;
      for (int s = 0; s < 2; ++s) {
        int index = space_.rules[r].index[s];
        if (index >= 0 && space_.sides[s].rules->rules[index].proposes[g.field] == levels[s])
          decides |= sides_[s].matches(index);
      }
      Bdd share = g.intakes & differs[r] & decides;
      if (share.is_false()) continue;
      out.push_back({space_.rules[r].id, vars_.count(share), space_.eval_arguments(vars_.answers(vars_.first_codes(share)))});
    }
    return out;
  }

  void add_status_group(const Bdd& set, const char* from, const char* to, std::vector<SymbolicGroup>& groups) const {
    if (set.is_false()) return;
    SymbolicGroup g;
    g.field = kOutputCount;
    g.from = from;
    g.to = to;
    g.intakes = set;
    groups.push_back(std::move(g));
  }

  DiffGroup describe(const SymbolicGroup& g, const std::vector<Bdd>& differs) const {
    DiffGroup group;
    group.field = g.field < kOutputCount ? kOutputNames[g.field] : "status";
    group.from = g.from;
    group.to = g.to;
    group.rules = shares(g, differs);
    group.count = g.count;
    std::vector<Seen> seen(space_.questions.size());
    for (size_t k = 0; k < space_.questions.size(); ++k) {
      int ki = static_cast<int>(k);
      if (g.intakes.intersects(~any_applicable_[k])) seen[k].mask |= kSeenNotApplicable;
      for (int code : vars_.codes_in(g.intakes & any_applicable_[k], ki)) {
        AnswerValue v = vars_.value(ki, code);
        Seen one;
        if (code == 0) one.mask = kSeenUnknown;
        else if (space_.questions[k].type == AnswerType::yes_no) one.mask = v ? kSeenYes : kSeenNo;
        else one = {kSeenNumber, v, v};
        seen[k].merge(one);
      }
    }
    group.description = describe_seen(space_, seen);
    group.example = space_.eval_arguments(vars_.answers(g.example));
    return group;
  }

  const DiffSpace& space_;
  BddSession session_;
  std::vector<std::vector<int>> variable_of_;
  AnswerVariables vars_;
  SymbolicRules sides_[2];
  Bdd intakes_;
  std::vector<Bdd> any_applicable_;
};

}  // namespace

RuleDiff diff_rule_sets(const RuleSet& old_rules, const RuleSet& new_rules, int memory_megabytes) {
  DiffSpace space(old_rules, new_rules);
  return SymbolicDiff(space, memory_megabytes).run();
}

std::string format_rule_diff(const RuleDiff& diff) {
  if (diff.groups.empty())
    return fmt::format("no intake changes outcome ({} compared)\n", plural(diff.intakes.str(), "intake"));
  std::string out = fmt::format("{} of {} change outcome, in {}\n", grouped(diff.changed.str()), plural(diff.intakes.str(), "intake"),
                                plural(diff.groups.size(), "group"));
  for (const DiffGroup& g : diff.groups) {
    std::vector<std::string> ids;
    for (const RuleShare& share : g.rules) ids.push_back(share.rule);
    std::string rules = ids.empty() ? "" : fmt::format("; rules {}", fmt::join(ids, ", "));
    out += fmt::format("\n{} {} -> {}: {}{}\n", g.field, g.from, g.to, plural(g.count.str(), "intake"), rules);
    out += fmt::format("    answers: {}\n", g.description.empty() ? "(no answer common to all)" : g.description);
    out += fmt::format("    example: {}\n", g.example);
    if (g.rules.size() > 1)
      for (const RuleShare& share : g.rules)
        out += fmt::format("    rule {}: {}, e.g. {}\n", share.rule, plural(share.count.str(), "intake"), share.example);
  }
  return out;
}

}  // namespace backtriage
