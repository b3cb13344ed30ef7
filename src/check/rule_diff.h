#pragma once
// `rules diff OLD NEW`: what changes for patients if rule set NEW replaces OLD. Over the whole
// input space (check/input_space.h, built from both rule sets' constants) the intakes whose
// outcome changes are grouped by output field, change and the rules responsible, each group
// described by the answers all its intakes share, with its exact size and an example (over a
// real intake file: check/intake_diff.h). Questions are matched by id. The diff is computed
// on decision diagrams (check/bdd.h); an exhaustive search gives the same result as the test
// oracle. No terminal I/O.
#include <string>
#include <vector>

#include "base/big_count.h"
#include "check/budget.h"
#include "rules/ruleset.h"

namespace backtriage {

// A rule responsible for some intakes of a group: its effect differs between the sides
// (matched on one side only, or proposing differently) and it decides the changed output on
// one side at least (matched there, proposing the value that output takes).
struct RuleShare {
  std::string rule;     // its id
  BigCount count;       // intakes of the group it is responsible for
  std::string example;  // the first of them, as eval arguments
};

// Intakes of the input space whose outcome changes the same way: one output, from one value
// to another (or a case that becomes, or stops being, an error).
struct DiffGroup {
  std::string field;  // an output name, or "status" when a case becomes (or stops being) an error
  std::string from;   // the value under OLD ("ok" or "error" for status)
  std::string to;     // the value under NEW
  std::vector<RuleShare> rules;    // the rules responsible, in rule order
  BigCount count;                  // intakes of the input space in the group
  std::string description;         // answers common to every intake of the group, e.g.
                                   // "saddle_numbness=yes duration_days>=84"; "" when none
  std::string example;             // one intake of the group, as eval arguments
};

struct RuleDiff {
  BigCount intakes;  // size of the input space
  BigCount changed;  // intakes whose outcome changes in some field
  std::vector<DiffGroup> groups;  // by field (outputs in order, then status), larger groups first,
                                  // then by their first intake in search order
};

// Compares OLD and NEW over the input space. Throws Error(config) when they cannot be
// compared: a question of both changes type, or they ask their shared questions in a
// different order; throws BddBudgetExceeded when it needs more than `memory_megabytes`.
RuleDiff diff_rule_sets(const RuleSet& old_rules, const RuleSet& new_rules,
                        int memory_megabytes = kDefaultMemoryMegabytes);

// The same by exhaustive search (counts must fit 64 bits): the test oracle.
RuleDiff diff_rule_sets_by_search(const RuleSet& old_rules, const RuleSet& new_rules);

// The readable report: a summary line, then per group "FIELD FROM -> TO: N intakes; rules
// ..." with its description and example, and each rule's share when more than one is
// responsible.
std::string format_rule_diff(const RuleDiff& diff);

}  // namespace backtriage
