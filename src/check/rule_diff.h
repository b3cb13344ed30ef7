#pragma once
// `rules diff OLD NEW`: what changes for patients if rule set NEW replaces OLD. Over the whole
// input space (check/input_space.h, built from both rule sets' constants) the intakes whose
// outcome changes are grouped by output field, change and the rules responsible, each group
// described by the answers all its intakes share, with its size and an example (over a real
// intake file: check/intake_diff.h). Questions are matched by id. No terminal I/O.
#include <cstdint>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace backtriage {

// Intakes of the input space whose outcome changes the same way for the same reason.
struct DiffGroup {
  std::string field;  // an output name, or "status" when a case becomes (or stops being) an error
  std::string from;   // the value under OLD ("ok" or "error" for status)
  std::string to;     // the value under NEW
  std::vector<std::string> rules;  // rule ids whose effect differs: matched on one side only,
                                   // or proposing differently
  std::uint64_t count = 0;         // intakes of the input space in the group
  std::string description;         // answers common to every intake of the group, e.g.
                                   // "saddle_numbness=yes duration_days>=84"; "" when none
  std::string example;             // one intake of the group, as eval arguments
};

struct RuleDiff {
  std::uint64_t intakes = 0;  // size of the input space
  std::uint64_t changed = 0;  // intakes whose outcome changes in some field
  std::vector<DiffGroup> groups;  // by field (outputs in order, then status), larger groups first
};

// Compares OLD and NEW over the input space. Throws Error(config) when they cannot be
// compared: a question of both changes type, or they ask their shared questions in a
// different order.
RuleDiff diff_rule_sets(const RuleSet& old_rules, const RuleSet& new_rules);

// The readable report: a summary line, then per group "FIELD FROM -> TO: N intakes (rules
// ...)" with its description and example.
std::string format_rule_diff(const RuleDiff& diff);

}  // namespace backtriage
