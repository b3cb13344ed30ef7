#pragma once
// What `rules check` finds beyond load errors: warnings about rules and questions that
// cannot matter, and a proof (or a counterexample) for each invariant the rule set declares.
// Both are exact over the input space of check/input_space.h. The Prover works symbolically
// (decision diagrams, check/bdd.h), so its cost follows the size of the conditions, not the
// number of intakes; the exhaustive search (check/search.h) stays as its test oracle. No
// terminal I/O: the results are values and formatted strings.
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/budget.h"
#include "check/search.h"

namespace backtriage {

struct InvariantResult {
  int invariant = 0;
  bool holds = true;
  // No intake meets its `when`. When `when` reads answers only, the invariant guards no
  // patient (a question it names is never asked, a threshold is beyond a question's range),
  // so it does not hold either; one that reads outputs may rightly never apply (a warning).
  bool never_applies = false;
  std::vector<AnswerValue> counterexample;  // when it is broken: answers by question, minimal
};

// One rule set compiled for proofs. Every call may throw BddBudgetExceeded (check/bdd.h) when
// the diagrams outgrow `memory_megabytes`; the Prover is then spent. One Prover (or rule diff)
// at a time per process.
class Prover {
 public:
  explicit Prover(const RuleSet& rules, int memory_megabytes = kDefaultMemoryMegabytes);
  ~Prover();

  // Warnings, located at the rule or question they are about, in this order: a rule that
  // can never match; a rule that never changes an outcome, because whenever it matches other
  // matching rules propose at least as much for every output it sets; a question that no
  // rule and no asked-if condition reads.
  std::vector<Diagnostic> warnings();

  // Proves invariant `invariant` over the whole input space, or finds the first
  // counterexample in search order, simplified (simplify_intake).
  InvariantResult prove(int invariant);

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// Prover(rules).warnings() and every invariant proved in declaration order.
std::vector<Diagnostic> find_warnings(const RuleSet& rules);
std::vector<InvariantResult> prove_invariants(const RuleSet& rules);

// The same by exhaustive search: the oracle the Prover is tested against.
std::vector<Diagnostic> find_warnings_by_search(const RuleSet& rules, SearchStats* stats = nullptr);
std::vector<InvariantResult> prove_invariants_by_search(const RuleSet& rules, SearchStats* stats = nullptr);

// "rules/80-invariants.yaml:12:5: error: invariant 'I2' does not hold: TITLE", the source
// line with a caret, then the counterexample as eval arguments and the outcome it gets:
//     counterexample: duration_days=0 numbness=no ... saddle_numbness=yes
//     outcome: duration_class=acute category=other recommendation=start-pt urgency=routine (rules D1, C2, P6)
// An invariant that never applies gets an error ("proves nothing") or, when it holds, a warning.
std::string format_invariant_failure(const RuleSet& rules, const InvariantResult& result);

// A diagnostic with the source line it points at, from the rule set's own files.
std::string format_located(const RuleSet& rules, const Diagnostic& diagnostic);

// "duration_class=acute category=other recommendation=start-pt urgency=routine (rules D1, C2, P6)".
std::string describe_outcome(const RuleSet& rules, const Decision& decision);

}  // namespace backtriage
