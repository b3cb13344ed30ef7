#pragma once
// A rule set encoded for a SAT solver (CaDiCaL), for the benchmark that measures proofs by SAT
// against the Prover (bench/README.md). It mirrors check/symbolic_rules.*: the same answer codes
// (0 unknown, 1..n the question's values of check/input_space.h), the same input space, and the
// same reading of asked-if, groups, comparisons, counts and output levels (the highest level a
// matching rule proposes, else the lowest). Each code is order-encoded (one variable "code >= c"
// per value), conditions become Tseitin gates, built on demand and shared, so that the solver
// holds only the gates the invariants asked so far read.
#include <cadical.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "check/input_space.h"
#include "rules/ruleset.h"

namespace backtriage {

class SatRules {
 public:
  // Adds the input space (every intake `rules check` proves over) to a new solver. `rules` and
  // `space` must outlive this.
  SatRules(const RuleSet& rules, const InputSpace& space);

  // The query "invariant `invariant` is broken" (its `when` holds and its `then` does not), as
  // one literal; its gates stay for later queries.
  int broken(int invariant);

  // Whether some intake of the input space satisfies `query`, which is assumed for this call
  // only (the solver stays usable for the next query); if so, `intake` gets one such intake,
  // an answer per question (kUnknown for blank), not minimised. Throws std::runtime_error if
  // the solver gives no verdict.
  bool satisfiable(int query, std::vector<AnswerValue>& intake);

  // Encodes every rule's condition and every output level, as the Prover compiles them, even
  // those no query reads.
  void encode_all_rules();

  int variables() const { return variables_; }
  std::int64_t clauses() const { return clauses_; }

 private:
  struct Numeric {
    std::vector<std::pair<std::int64_t, int>> known;  // value, where the node takes it
  };

  int fresh() { return ++variables_; }
  void clause(const std::vector<int>& lits);
  int and_of(std::vector<int> lits);
  int or_of(std::vector<int> lits);

  int code_between(int q, int lo, int hi);
  int code_is(int q, int code) { return code_between(q, code, code); }
  int code_of(int q, AnswerValue value) const;
  int applicable(int q);
  int answer_is(int q, int code);
  int is_unknown(int q);
  int matches(int r);
  int level_at_least(int o, int level);
  int level_is(int o, int level);

  int condition(const Expr& expr) { return node(expr, expr.root()); }
  int node(const Expr& expr, int index);
  Numeric numeric(const Expr& expr, int index);
  int compare(const Expr& expr, const ExprNode& n);

  const RuleSet& rules_;
  const InputSpace& space_;
  CaDiCaL::Solver solver_;
  int variables_ = 0;
  std::int64_t clauses_ = 0;
  int true_ = 0;                              // the variable fixed true: constants are ±true_
  std::vector<std::vector<int>> at_least_;    // per question: "code >= c" for c = 0..codes
  std::vector<int> applicable_, matches_;     // per question, per rule: 0 until encoded
  std::array<std::vector<int>, kOutputCount> level_at_least_;  // per output, per level: 0 until encoded
  std::map<std::vector<int>, int> and_gates_;  // sorted inputs -> output, so equal gates are one
};

}  // namespace backtriage
