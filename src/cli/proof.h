#pragma once
// No triage on an unproved rule set: eval, score and ask prove a rule directory's invariants
// before they use it, and refuse it when one does not hold. The built-in rule set is proved
// by the test suite when it is built. A proof is remembered per rule-set hash and backtriage
// version in $XDG_CACHE_HOME/backtriage (else ~/.cache/backtriage), so the cost is paid once
// per edit of the rules; a cache that cannot be read or written only costs the proof again.
#include <string>

#include "rules/ruleset.h"

namespace backtriage {

// Proves `rules` (loaded from `directory`; empty: built in) unless `unchecked`, which marks
// them unchecked and prints a warning instead. Throws Error(config) naming each invariant
// that does not hold, with its counterexample, or when the proof needs more memory than the
// default budget.
void require_proof(RuleSet& rules, const std::string& directory, bool unchecked);

}  // namespace backtriage
