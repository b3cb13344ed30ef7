#pragma once
// Loads a rule set from rule files: YAML syntax, schema, names, types and conditions are all
// checked here, and every problem is collected (not only the first), so that after a
// successful load the rule set is immutable and evaluating it cannot fail.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "rules/builtin_rules.h"
#include "rules/rule_files.h"
#include "rules/ruleset.h"

namespace backtriage {

struct LoadResult {
  std::optional<RuleSet> rules;          // set when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
  std::vector<RuleSource> sources;       // the files read, for quoting lines in diagnostics
  bool unknown_region = false;           // the region asked for is not one of the set's
};

// What a load is for. Triage (eval, score, ask) needs no stored test cases, so a file that
// holds nothing but a `tests:` section is not even parsed: its YAML is a third of the
// default set, and parsing it would be most of the cost of one `eval`. The file still counts
// in the rule set's hash.
enum class LoadScope { everything, triage };

// Loads rule files given in order, with the terms of `region` (empty: the set's default
// region). A file named terms-NAME.yaml is not a rule file but the terms of region NAME; only
// the chosen region's is read. When `other_regions` is given and the load succeeds, the same
// files are loaded in every other region of the set too (parsed once), one result each.
// Never throws beyond std::bad_alloc.
LoadResult load_rules(std::vector<RuleSource> sources, const std::string& region = {},
                      LoadScope scope = LoadScope::everything, std::vector<LoadResult>* other_regions = nullptr);

// Formats the diagnostics of `result` with their source lines and carets: the first
// `max_shown` in file order, then one line counting the rest by severity. Costs the length of
// the lines quoted, not of the files, so any number of diagnostics formats in linear time.
std::string format_diagnostics(const LoadResult& result, size_t max_shown = SIZE_MAX);

}  // namespace backtriage
