#pragma once
// The rule sets triage uses. No triage on an unproved rule set: eval, score and ask prove a
// rule directory's invariants before they use it, and refuse it when one does not hold (the
// built-in rule set is proved by the test suite when it is built).
//
// Neither the proof nor the parse is paid on every run: a proved rule set is remembered,
// compiled (rules/ruleset_codec.h), per exact content of its files, chosen region and
// backtriage version in $XDG_CACHE_HOME/backtriage (else ~/.cache/backtriage). So an `eval`
// after an edit of the rules proves and parses once, and every later one only reads and hashes
// the rule files. A cache that cannot be read or written costs only the proof and the parse
// again; a damaged one is ignored.
#include "cli/common.h"
#include "rules/ruleset.h"

namespace backtriage {

// The rule set --rules (or $BACKTRIAGE_RULES, else the built-in one) names, in the chosen
// region, without stored tests, proved unless --unchecked: then it is marked unchecked and a
// warning is printed. Throws Error(config) naming each invariant that does not hold, with its
// counterexample, or when the proof needs more memory than the default budget; otherwise as
// load_rule_set.
RuleSet load_triage_rule_set(const GlobalOptions& global);

// Remembers `rules`, loaded from `sources` in `region` (as asked for: "" for the default) and
// proved by `rules check`, so that triage with it proves nothing again: a rule set that needs
// `rules check --max-memory` to be proved is then usable without --unchecked.
void remember_proved(const std::vector<RuleSource>& sources, const std::string& region, const RuleSet& rules);

}  // namespace backtriage
