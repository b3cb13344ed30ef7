#pragma once
// The finite input space that `rules check` proves over and `rules diff` compares over. It is
// exact for the rule language: every yes/no question is unknown, no or yes; a duration or
// number question is unknown or one representative of each stretch of values that no
// condition can tell apart. Conditions only compare a number with constants, so the values
// c-1, c and c+1 for each constant c, plus the lowest valid value, all clamped to the valid
// range, meet every such stretch.
//
// An applicable required question is never unknown (that intake is an error, not a
// triage); a question that is not applicable takes the single value unknown, since it reads
// as unknown whatever was answered.
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

using Constants = std::set<std::int64_t>;

// Adds to constants[q] every constant that some condition of `rules` (rules, asked-if,
// invariants) compares question q with. `constants` has one entry per question.
void collect_constants(const RuleSet& rules, std::vector<Constants>& constants);

// The representatives of a question with known values in `range` compared with `constants`,
// ascending, without repeats.
std::vector<AnswerValue> representatives(std::pair<int, int> range, const Constants& constants);

// How many whole-number answers each of `known` (ascending representatives within `range`,
// the lowest first) stands for: the values from it up to the next one. Counted this way, the
// intakes rules diff reports are every combination of answers, each number any whole number
// of its range (the values between two representatives never straddle a constant).
std::vector<std::uint32_t> value_weights(const std::vector<AnswerValue>& known, std::pair<int, int> range);

// The stretch of values that `value` stands for: the values no comparison with `constants`
// tells apart from it, within `range`.
std::pair<std::int64_t, std::int64_t> stretch_of(AnswerValue value, std::pair<int, int> range, const Constants& constants);

struct InputSpace {
  std::vector<std::vector<AnswerValue>> known;  // per question: yes/no {0, 1}, else representatives
  std::vector<Constants> constants;             // per question

  // The values question q takes when applicable, in search order: unknown first (unless
  // `required`), then the known values ascending.
  std::vector<AnswerValue> values(int q, bool required) const;
};

// The input space of one rule set. Never throws beyond std::bad_alloc.
InputSpace make_input_space(const RuleSet& rules);

}  // namespace backtriage
