#pragma once
// Loads a rule set from rule files: YAML syntax, schema, names, types and conditions are all
// checked here, and every problem is collected (not only the first), so that after a
// successful load the rule set is immutable and evaluating it cannot fail.
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "rules/builtin_rules.h"
#include "rules/ruleset.h"

namespace backtriage {

struct LoadResult {
  std::optional<RuleSet> rules;          // set when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
  std::vector<RuleSource> sources;       // the files read, for quoting lines in diagnostics
  bool unknown_region = false;           // the region asked for is not one of the set's
};

// Loads rule files given in order, with the terms of `region` (empty: the set's default
// region). A file named terms-NAME.yaml is not a rule file but the terms of region NAME; only
// the chosen region's is read. Never throws beyond std::bad_alloc.
LoadResult load_rules(std::vector<RuleSource> sources, const std::string& region = {});

// The region a file holds the terms of ("us" for ".../terms-us.yaml"), or "" for a rule file.
std::string region_of_file(const std::string& path);

// Reads every *.yaml file of `directory`, in file-name order. Throws Error(config) when it is
// not a directory or holds no rule file, Error(no_input) when a file in it cannot be read.
std::vector<RuleSource> read_rule_directory(const std::string& directory);

// Formats every diagnostic of `result` with its source line and caret.
std::string format_diagnostics(const LoadResult& result);

// The short hash identifying a rule set's exact content (paths and texts).
std::string rule_set_hash(const std::vector<RuleSource>& sources);

}  // namespace backtriage
