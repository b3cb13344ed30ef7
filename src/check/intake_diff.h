#pragma once
// The intake-file half of `rules diff OLD NEW`: every row of a real intake file scored with
// both rule sets, and the rows whose outcome (or status) changes. Streams the file: memory does
// not grow with it. No terminal I/O.
#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

// A row of an intake file whose outcome changes.
struct RowChange {
  std::string id;         // the row's id column, or its data row number
  std::size_t line = 0;   // physical line in the file
  std::string change;     // "urgency emergency -> urgent; recommendation see-specialist -> start-pt"
};

struct IntakeDiff {
  std::size_t rows = 0;
  std::size_t errors = 0;  // rows that are errors under both rule sets
  std::vector<RowChange> changes;
};

// Scores every row of the intake CSV `in` (UTF-8 or UTF-16 with a byte-order mark; comma,
// semicolon or tab separated, detected from the header) with both rule sets and lists the rows whose
// outcome (or status) differs. Throws Error(data_error) for a malformed header or an empty
// input, Error(no_input) when reading fails.
IntakeDiff diff_intake(const RuleSet& old_rules, const RuleSet& new_rules, std::istream& in);

// "intake NAME: N of M rows change", then one line per changed row.
std::string format_intake_diff(const std::string& name, const IntakeDiff& diff);

}  // namespace backtriage
