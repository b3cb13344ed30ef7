#pragma once
// Three-valued evaluation of conditions and rules over a partial intake: some questions are
// settled (answered yes, no, unknown, a number, or not applicable), the others still open.
// A condition is then definitely true, definitely false, or undetermined (it depends on an
// open question); output levels are bounded by [lowest possible, highest possible]. The
// evaluation is sound: whatever the open questions turn out to be, a definite result stays.
// The prover, the static checks and the rule diff search the input space with it and prune
// every branch whose result is already settled.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

enum class Tri : std::uint8_t { no = 0, yes = 1, maybe = 2 };

// Answers to some of a rule set's questions. `effective[q]` and `applicable[q]` are read
// only when `settled[q]`; `effective` is the value conditions see: a question that is not
// applicable reads as kUnknown (and any_unknown() skips it).
struct PartialIntake {
  std::vector<AnswerValue> effective;
  std::vector<std::uint8_t> applicable;
  std::vector<std::uint8_t> settled;

  explicit PartialIntake(std::size_t questions = 0)
      : effective(questions, kUnknown), applicable(questions, 1), settled(questions, 0) {}

  // What holds() reads for the settled questions.
  EvalInput input() const { return {effective.data(), nullptr, applicable.data()}; }
};

// Bounds on each output's level: no completion of the intake yields a level outside them.
struct OutputBounds {
  std::array<int, kOutputCount> lo{};
  std::array<int, kOutputCount> hi{};
};

// Evaluates expressions of one rule set; owns scratch space, so reuse one per thread.
class PartialEvaluator {
 public:
  explicit PartialEvaluator(const RuleSet& rules) : rules_(rules) {}

  // The state of `expr` given `intake`. `outputs` bounds the outputs an invariant reads; it
  // may be null for expressions that read none (rules, asked-if). Never throws.
  Tri evaluate(const Expr& expr, const PartialIntake& intake, const OutputBounds* outputs);

  // After evaluate(): appends to `key` an image of the expression's state that, together
  // with the images of everything else a search reads, determines how the expression can
  // still turn out: its root when settled, else every condition node's state.
  void append_key(std::string& key) const;

 private:
  struct Value {
    Tri tri = Tri::no;       // condition nodes
    bool may_unknown = false;  // numeric nodes: the value may be unknown
    bool may_known = true;     // ... may be a number within [lo, hi]
    std::int64_t lo = 0;
    std::int64_t hi = 0;
  };
  Value node(const Expr& expr, int index, const PartialIntake& intake, const OutputBounds* outputs) const;
  Value compare(CompareOp op, const Value& a, const Value& b) const;

  const RuleSet& rules_;
  const Expr* last_ = nullptr;
  std::vector<Value> values_;
};

// The lowest and highest value a question can take when known.
std::pair<int, int> answer_range(const Question& q);

// The state of every rule and the resulting output bounds over one partial intake.
struct RuleStates {
  std::vector<Tri> matched;  // per rule
  OutputBounds bounds;
};

// Evaluates every rule of `rules` into `states`. When `key` is non-null, appends an image
// that determines how the rules can still turn out: the lowest level of each output (from
// the rules already matched), then, for each rule not yet settled, its state; a settled
// rule counts only through the lowest levels, except `focus_rule` (>= 0), whose own state is
// always appended. Never throws beyond std::bad_alloc.
void evaluate_rules(const RuleSet& rules, const PartialIntake& intake, PartialEvaluator& evaluator,
                    RuleStates& states, std::string* key, int focus_rule = -1);

// Bounds of the levels the rules other than `excluded` propose: -1 when none of them can
// propose a value for that output.
OutputBounds bounds_without(const RuleSet& rules, const RuleStates& states, int excluded);

}  // namespace backtriage
