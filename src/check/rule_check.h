#pragma once
// What `rules check` finds beyond load errors: warnings about rules and questions that
// cannot matter, and a proof (or a counterexample) for each invariant the rule set declares.
// Both are exact over the input space of check/input_space.h. No terminal I/O: the results
// are values and formatted strings.
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/search.h"

namespace backtriage {

// Warnings, located at the rule or question they are about, in this order: a rule that can
// never match; a rule that never changes an outcome, because whenever it matches other
// matching rules propose at least as much for every output it sets; a question that no
// rule and no asked-if condition reads. Never throws beyond std::bad_alloc.
std::vector<Diagnostic> find_warnings(const RuleSet& rules, SearchStats* stats = nullptr);

struct InvariantResult {
  int invariant = 0;
  bool holds = true;
  std::vector<AnswerValue> counterexample;  // when it does not hold: answers by question, minimal
};

// Proves each invariant of `rules` over the whole input space, in declaration order.
std::vector<InvariantResult> prove_invariants(const RuleSet& rules, SearchStats* stats = nullptr);

// "rules/80-invariants.yaml:12:5: error: invariant 'I2' does not hold: TITLE", the source
// line with a caret, then the counterexample as eval arguments and the outcome it gets:
//     counterexample: duration_days=0 numbness=no ... saddle_numbness=yes
//     outcome: duration_class=acute category=other recommendation=start-pt urgency=routine (rules D1, C2, P6)
std::string format_invariant_failure(const RuleSet& rules, const InvariantResult& result);

// A diagnostic with the source line it points at, from the rule set's own files.
std::string format_located(const RuleSet& rules, const Diagnostic& diagnostic);

// "duration_class=acute category=other recommendation=start-pt urgency=routine (rules D1, C2, P6)".
std::string describe_outcome(const RuleSet& rules, const Decision& decision);

}  // namespace backtriage
