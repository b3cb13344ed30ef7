#pragma once
// One rule set compiled to decision diagrams over answer variables (check/bdd.h): where each
// question applies, where each rule matches, each output's level, where a case is an error,
// and any condition (invariants read the outputs). The rule set's questions map to questions
// of the variables, so two rule sets can share one space (`rules diff`).
//
// Semantics are those of decision/evaluate.h: a question that does not apply reads as unknown,
// any_unknown() skips it, each output takes the highest level a matching rule proposes.
#include <array>
#include <vector>

#include "check/bdd.h"
#include "rules/ruleset.h"

namespace backtriage {

class SymbolicRules {
 public:
  // `variable_of[q]`: the question of `variables` that question q of `rules` answers.
  SymbolicRules(const RuleSet& rules, std::vector<int> variable_of, const AnswerVariables& variables);

  const RuleSet& rules() const { return rules_; }
  int variable_of(int q) const { return variable_of_[q]; }

  const Bdd& applicable(int q) const { return applicable_[q]; }
  const Bdd& matches(int r) const { return matches_[r]; }
  // Output o's level is at least `level` (true for level 0), exactly `level`.
  Bdd level_at_least(int o, int level) const;
  Bdd level_is(int o, int level) const;
  // Where the case is not scorable: an applicable required question blank, or a number
  // outside the question's bounds.
  const Bdd& error() const { return error_; }
  // Where question q applies and is left blank although required.
  Bdd blank_is_error(int q) const;
  // The same by variable question k: false where this rule set lacks the question.
  Bdd applicable_at(int k) const;
  Bdd blank_is_error_at(int k) const;

  // Where `expr` holds; it may read outputs.
  Bdd condition(const Expr& expr) const;

 private:
  struct Numeric;
  Bdd node(const Expr& expr, int index) const;
  Numeric numeric(const Expr& expr, int index) const;
  Bdd compare(const Expr& expr, const ExprNode& node) const;
  Bdd answer_is(int q, int code) const;
  Bdd is_unknown(int q) const;

  const RuleSet& rules_;
  std::vector<int> variable_of_;
  std::vector<int> question_of_;  // per variable question: this set's question, or -1
  const AnswerVariables& vars_;
  std::vector<Bdd> applicable_;
  std::vector<Bdd> matches_;
  std::array<std::vector<Bdd>, kOutputCount> at_least_;  // per output, per level
  Bdd error_;
};

// Every intake of the rule sets `sides` over `variables`, as the search walks them: a question
// that applies on no side is blank, any other takes one of its codes, and a blank that is an
// error on every side is no triage at all, so not part of the space. For one rule set this is
// the space `rules check` proves over; for two, the one `rules diff` compares over.
Bdd input_space(const AnswerVariables& variables, const std::vector<const SymbolicRules*>& sides);

// A variable order for the questions of `variables` (indices in the order to allocate them)
// that keeps the questions each condition reads close together, so that the diagrams stay
// small. `sides` are the rule sets over the variables, `variable_of[s]` maps their questions.
std::vector<int> variable_order(int questions, const std::vector<const RuleSet*>& sides,
                                const std::vector<std::vector<int>>& variable_of);

}  // namespace backtriage
