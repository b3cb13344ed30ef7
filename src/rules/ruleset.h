#pragma once
// The rule set model: questions, output scales, rules, invariants and test cases, as loaded
// from a rule directory. A RuleSet is built once by the loader (rules/loader.h), checked, and
// immutable afterwards; evaluation reads it from any number of rows without changing it.
// Questions, rules and scale values are referred to by index.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/answer.h"
#include "rules/builtin_rules.h"
#include "rules/expr.h"

namespace backtriage {

// The four outputs of a triage, in the order of the output table of backtriage(1).
enum class Output : std::uint8_t { duration_class, category, recommendation, urgency };
inline constexpr int kOutputCount = 4;
inline constexpr std::array<const char*, kOutputCount> kOutputNames = {
    "duration_class", "category", "recommendation", "urgency"};

// A position in a rule file, for diagnostics.
struct SourceLocation {
  std::string file;
  int line = 0;
  int col = 0;
};

// An ordered scale of values, lowest first; the level of a value is its index.
struct Scale {
  std::vector<std::string> values;
  std::vector<std::string> advice;  // per level; empty when a value has none
  std::vector<std::string> labels;  // per level: plain words for patients; empty when a value has none

  // The label of `level`, or its value when it has none.
  const std::string& label(int level) const;

  // The level of `value`, or -1.
  int level_of(std::string_view value) const;
};

enum class RedFlag : std::uint8_t { none, flag, emergency };

struct Question {
  std::string id;
  AnswerType type = AnswerType::yes_no;
  int min = 0;  // bounds of a number question
  int max = 0;
  bool required = false;
  std::optional<Expr> asked_if;  // refers only to earlier questions
  RedFlag red_flag = RedFlag::none;
  std::string prompt;
  std::string help;
  std::string label;  // plain words for lists shown to patients; empty when not given
  SourceLocation where;

  // What a patient reads for this question in a list: its label, else its prompt.
  const std::string& shown_label() const { return label.empty() ? prompt : label; }
};

inline constexpr std::int8_t kNoProposal = -1;

// The placeholder a rule's warning may hold: filled in with the blank red-flag questions.
inline constexpr const char* kMissingRedFlagsName = "missing_red_flags";
inline constexpr const char* kMissingRedFlags = "{missing_red_flags}";

struct Rule {
  std::string id;
  std::string title;
  Expr when;
  std::array<std::int8_t, kOutputCount> proposes{kNoProposal, kNoProposal, kNoProposal, kNoProposal};
  std::string advice;
  std::string warning;
  std::string source;
  SourceLocation where;
};

// A safety property that must hold for every intake; `when` and `then` may read outputs.
struct Invariant {
  std::string id;
  std::string title;
  Expr when;
  Expr then;
  SourceLocation where;
};

// A stored test case: answer texts as in an intake CSV, and the expected subset of outputs.
struct TestCase {
  std::string name;
  std::vector<std::pair<int, std::string>> answers;  // question index, answer text
  bool unlisted_no = false;                          // unlisted yes/no questions answer no
  std::optional<bool> expect_ok;                     // status ok (true) or error (false)
  std::array<std::int8_t, kOutputCount> expect{kNoProposal, kNoProposal, kNoProposal, kNoProposal};
  std::optional<std::vector<int>> expect_red_flags;   // question indices
  std::optional<std::vector<int>> expect_unanswered;  // question indices
  std::optional<std::vector<int>> expect_rules;       // rule indices
  SourceLocation where;
};

// Closing advice chosen by the outcome: shown when `when` holds for the outputs and answers
// (no condition: always).
struct SafetyNetEntry {
  std::optional<Expr> when;
  std::string text;
};

struct RuleSet {
  std::string name;
  std::string version;
  std::string region;   // the region whose terms were substituted; empty when the set has no terms
  std::vector<std::string> regions;  // every region the set can load in, the default first
  std::string hash;     // short hash of every rule file's path and text (with the region's terms)
  bool checked = true;  // false when used without proving its invariants (--unchecked)
  std::array<Scale, kOutputCount> scales;
  std::vector<SafetyNetEntry> safety_net;
  std::vector<Question> questions;
  std::vector<Rule> rules;
  std::vector<Invariant> invariants;
  std::vector<TestCase> tests;
  std::vector<RuleSource> sources;  // the files it was loaded from, for diagnostics

  const Scale& scale(Output output) const { return scales[static_cast<int>(output)]; }
  // The index of the question `id` (exact match), or -1.
  int question_index(std::string_view id) const;
  // The index of the rule `id`, or -1.
  int rule_index(std::string_view id) const;
  // Question ids in order, for suggestions.
  std::vector<std::string> question_ids() const;
};

}  // namespace backtriage
