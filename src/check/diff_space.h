#pragma once
// The combined input space of two rule sets that `rules diff` walks (internal to
// check/rule_diff.cpp): their questions matched by id and merged in asking order, the
// union of their rules by id, and each side's partial intake as the walk settles questions.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "check/input_space.h"
#include "check/partial_eval.h"

namespace backtriage {

struct DiffQuestion {
  std::string id;
  AnswerType type = AnswerType::yes_no;
  std::pair<int, int> range;           // known values of either side
  Constants constants;                 // compared with on either side
  std::vector<AnswerValue> known;      // representatives
  std::array<int, 2> index{-1, -1};    // per side (old, new), -1 when absent
  std::vector<std::uint32_t> weights;  // per representative: the whole numbers it stands for
};

struct DiffRule {
  std::string id;
  std::array<int, 2> index{-1, -1};
  bool watched = false;  // its effect may differ between the sides
};

struct DiffSide {
  const RuleSet* rules;
  PartialEvaluator evaluator;
  PartialIntake intake;
  RuleStates states;
  bool error = false;  // the case is an error on this side (bad value, missing required answer)

  explicit DiffSide(const RuleSet& r) : rules(&r), evaluator(r), intake(r.questions.size()) {}
};

// How one question is settled at one step of the walk.
struct DiffStep {
  std::array<bool, 2> applicable{false, false};
  std::vector<AnswerValue> values;  // in search order
  std::array<bool, 2> saved_error{false, false};

  bool any_applicable() const { return applicable[0] || applicable[1]; }
};

class DiffSpace {
 public:
  // Throws Error(config) when a shared question changes type or the order differs.
  DiffSpace(const RuleSet& old_rules, const RuleSet& new_rules);

  std::vector<DiffQuestion> questions;  // combined, in asking order
  std::vector<DiffRule> rules;          // old rules in order, then rules only new has
  std::array<DiffSide, 2> sides;
  int last_asymmetric = -1;  // the last question that can make a case an error on one side only

  // Applicability and values of question k; questions before k are settled.
  DiffStep step(size_t k) const;
  // The intakes value v of question k stands for: 1 for unknown, else its weight.
  std::uint32_t weight(size_t k, AnswerValue v) const;
  void assign(size_t k, AnswerValue v, DiffStep& step);
  void unassign(size_t k, const DiffStep& step);

  // Appends the states of side s's asked-if conditions of questions k.. (combined order).
  void append_applicability(int side, size_t k, std::string& key);

  // The name of `level` on side s's scale of output o.
  const std::string& value_name(int side, int output, int level) const;

  // With every question settled: the rules (indices into `rules`) whose effect differs.
  std::vector<int> differing_rules() const;

  // With every question settled: the rules of `differing` responsible for output o changing
  // from `old_level` to `new_level`: matched on a side where they propose its level.
  std::vector<int> deciding(int o, int old_level, int new_level, const std::vector<int>& differing) const;

  // Combined answers as eval arguments (known answers of questions applicable on a side).
  std::string eval_arguments(const std::vector<AnswerValue>& answers) const;

 private:
  bool applicable_on(int side, size_t k) const;
  std::vector<std::vector<int>> asked_if_questions_;  // per side: combined indices with an asked-if
};

// What the intakes of a group answered to one question (kSeen* bits, and the range of the
// numbers they gave).
enum : std::uint8_t { kSeenNo = 1, kSeenYes = 2, kSeenUnknown = 4, kSeenNotApplicable = 8, kSeenNumber = 16 };
struct Seen {
  std::uint8_t mask = 0;
  AnswerValue lo = INT32_MAX;
  AnswerValue hi = INT32_MIN;

  void merge(const Seen& other) {
    mask |= other.mask;
    lo = std::min(lo, other.lo);
    hi = std::max(hi, other.hi);
  }
};

// The answers every intake of a group shares, from what they answered to each question:
// "saddle_numbness=yes duration_days>=84"; "" when none.
std::string describe_seen(const DiffSpace& space, const std::vector<Seen>& seen);

}  // namespace backtriage
