#pragma once
// Exhaustive search of a rule set's input space (check/input_space.h) for an intake with a
// given property: an invariant broken, a rule matched, a rule deciding an output. The search
// settles questions in asking order, evaluates every rule three-valued after each step
// (check/partial_eval.h), prunes a branch as soon as the property is settled either way, and
// remembers the states already explored, so the default rule set is searched in milliseconds
// while the result stays exact over the whole space.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/input_space.h"
#include "decision/evaluate.h"

namespace backtriage {

struct SearchGoal {
  enum class Kind {
    breaks_invariant,  // invariants[index]: `when` holds and `then` does not
    meets_invariant,   // invariants[index]: `when` holds (the invariant applies)
    matches_rule,      // rules[index] matches
    rule_counts,       // rules[index] matches and proposes, for some output, more than every
                       // other matching rule (so it changes that output)
  };
  Kind kind = Kind::breaks_invariant;
  int index = 0;
};

struct SearchStats {
  std::uint64_t nodes = 0;  // partial intakes visited
};

// An intake of `space` where `goal` holds, as one answer per question (kUnknown for blank),
// or nullopt when there is none. Every returned intake is scorable (no applicable required
// question blank). Never throws beyond std::bad_alloc.
std::optional<std::vector<AnswerValue>> find_intake(const RuleSet& rules, const InputSpace& space,
                                                    const SearchGoal& goal, SearchStats* stats = nullptr);

// Whether `goal` holds for `answers`, evaluated concretely into `decision`. A case that is
// not scorable never satisfies a goal.
bool goal_holds(const RuleSet& rules, const SearchGoal& goal, const std::vector<AnswerValue>& answers,
                Decision& decision);

// Blanks every answer of `answers` that can be left out while `goal` still holds, in
// question order (required questions keep theirs), so that the intake shows only what
// matters. `goal` must hold on entry; it holds on return.
void simplify_intake(const RuleSet& rules, const SearchGoal& goal, std::vector<AnswerValue>& answers);

// The answers as `backtriage eval` arguments: `id=value` for every applicable question with
// a known answer, in question order ("duration_days=20 numbness=no ..."). Blank and
// non-applicable answers are left out, which eval reads as unknown.
std::string eval_arguments(const RuleSet& rules, const std::vector<AnswerValue>& answers);

}  // namespace backtriage
