#include "check/rule_check.h"

#include <fmt/format.h>

#include "base/text.h"
#include "decision/explain.h"

namespace backtriage {
namespace {

void mark_read(const Expr& expr, std::vector<bool>& read) {
  for_each_question_read(expr, [&](int q) { read[q] = true; });
}

Diagnostic warning_at(const SourceLocation& where, std::string message) {
  return {Severity::warning, where.file, where.line, where.col, std::move(message), {}};
}

}  // namespace

std::vector<Diagnostic> find_warnings(const RuleSet& rules, SearchStats* stats) {
  std::vector<Diagnostic> warnings;
  InputSpace space = make_input_space(rules);
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const Rule& rule = rules.rules[r];
    int index = static_cast<int>(r);
    if (!find_intake(rules, space, {SearchGoal::Kind::matches_rule, index}, stats)) {
      warnings.push_back(warning_at(rule.where, fmt::format("rule '{}' can never match: no intake satisfies '{}'",
                                                            rule.id, collapse_blanks(rule.when.text))));
    } else if (!find_intake(rules, space, {SearchGoal::Kind::rule_counts, index}, stats)) {
      warnings.push_back(warning_at(
          rule.where, fmt::format("rule '{}' never changes an outcome: whenever it matches, other matching rules "
                                  "propose at least as much for every output it sets",
                                  rule.id)));
    }
  }
  std::vector<bool> read(rules.questions.size(), false);
  for (const Rule& rule : rules.rules) mark_read(rule.when, read);
  for (const Question& q : rules.questions)
    if (q.asked_if) mark_read(*q.asked_if, read);
  for (size_t q = 0; q < rules.questions.size(); ++q)
    if (!read[q])
      warnings.push_back(warning_at(rules.questions[q].where,
                                    fmt::format("question '{}' is never read: no rule or asked_if uses it",
                                                rules.questions[q].id)));
  return warnings;
}

std::vector<InvariantResult> prove_invariants(const RuleSet& rules, SearchStats* stats) {
  std::vector<InvariantResult> results;
  InputSpace space = make_input_space(rules);
  for (size_t i = 0; i < rules.invariants.size(); ++i) {
    InvariantResult result;
    result.invariant = static_cast<int>(i);
    SearchGoal goal{SearchGoal::Kind::breaks_invariant, result.invariant};
    if (auto found = find_intake(rules, space, goal, stats)) {
      result.holds = false;
      result.counterexample = std::move(*found);
      simplify_intake(rules, goal, result.counterexample);
    }
    results.push_back(std::move(result));
  }
  return results;
}

std::string format_located(const RuleSet& rules, const Diagnostic& diagnostic) {
  for (const RuleSource& source : rules.sources)
    if (source.path == diagnostic.file) return format_diagnostic(diagnostic, source.text);
  return format_diagnostic(diagnostic);
}

std::string describe_outcome(const RuleSet& rules, const Decision& decision) {
  std::string out;
  for (int o = 0; o < kOutputCount; ++o)
    out += fmt::format("{}={} ", kOutputNames[o], rules.scales[o].values[decision.outcome[o]]);
  out += fmt::format("(rules {})", fmt::join(rule_ids(rules, decision.matched_rules), ", "));
  return out;
}

std::string format_invariant_failure(const RuleSet& rules, const InvariantResult& result) {
  const Invariant& inv = rules.invariants[result.invariant];
  std::string title = inv.title.empty() ? "" : ": " + collapse_blanks(inv.title);
  Diagnostic d{Severity::error, inv.where.file, inv.where.line, inv.where.col,
               fmt::format("invariant '{}' does not hold{}", inv.id, title), {}};
  Decision decision;
  evaluate(rules, result.counterexample, decision);
  return format_located(rules, d) +
         fmt::format("    counterexample: {}\n    outcome: {}\n", eval_arguments(rules, result.counterexample),
                     describe_outcome(rules, decision));
}

}  // namespace backtriage
