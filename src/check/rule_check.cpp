#include "check/rule_check.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "base/text.h"
#include "check/bdd.h"
#include "check/input_space.h"
#include "check/symbolic_rules.h"
#include "decision/explain.h"

namespace backtriage {
namespace {

void mark_read(const Expr& expr, std::vector<bool>& read) {
  for_each_question_read(expr, [&](int q) { read[q] = true; });
}

Diagnostic warning_at(const SourceLocation& where, std::string message) {
  return {Severity::warning, where.file, where.line, where.col, std::move(message), {}};
}

bool reads_outputs(const Expr& expr) {
  return std::any_of(expr.nodes.begin(), expr.nodes.end(),
                     [](const ExprNode& node) { return node.kind == ExprNode::Kind::output; });
}

// The result of an invariant whose `when` no intake meets.
InvariantResult never_applies(const Invariant& invariant, int index) {
  InvariantResult result;
  result.invariant = index;
  result.never_applies = true;
  result.holds = reads_outputs(invariant.when);
  return result;
}

Diagnostic never_matches(const Rule& rule) {
  return warning_at(rule.where, fmt::format("rule '{}' can never match: no intake satisfies '{}'", rule.id,
                                            collapse_blanks(rule.when.text)));
}

Diagnostic never_counts(const Rule& rule) {
  return warning_at(rule.where, fmt::format("rule '{}' never changes an outcome: whenever it matches, other matching "
                                            "rules propose at least as much for every output it sets",
                                            rule.id));
}

void add_unread_questions(const RuleSet& rules, std::vector<Diagnostic>& warnings) {
  std::vector<bool> read(rules.questions.size(), false);
  for (const Rule& rule : rules.rules) mark_read(rule.when, read);
  for (const Question& q : rules.questions)
    if (q.asked_if) mark_read(*q.asked_if, read);
  for (size_t q = 0; q < rules.questions.size(); ++q)
    if (!read[q])
      warnings.push_back(warning_at(rules.questions[q].where,
                                    fmt::format("question '{}' is never read: no rule or asked_if uses it",
                                                rules.questions[q].id)));
}

}  // namespace

struct Prover::Compiled {
  const RuleSet& rules;
  BddSession session;
  InputSpace space;
  AnswerVariables vars;
  SymbolicRules symbolic;
  Bdd intakes;  // every intake of the input space
  // sole_proposer[(o, level)]: where exactly one of the rules that propose at least `level`
  // for output o matches. A rule that matches there changes that output.
  std::map<std::pair<int, int>, Bdd> sole_proposer;

  Compiled(const RuleSet& r, int megabytes)
      : rules(r),
        session(nodes_for_megabytes(megabytes)),
        space(make_input_space(r)),
        vars(space.known, variable_order(static_cast<int>(r.questions.size()), {&r}, {identity(r)})),
        symbolic(r, identity(r), vars),
        intakes(input_space(vars, {&symbolic})) {}

  static std::vector<int> identity(const RuleSet& r) {
    std::vector<int> ids(r.questions.size());
    for (size_t q = 0; q < ids.size(); ++q) ids[q] = static_cast<int>(q);
    return ids;
  }

  const Bdd& sole(int o, int level) {
    auto [it, inserted] = sole_proposer.try_emplace({o, level});
    if (!inserted) return it->second;
    Bdd none = Bdd::truth(), one;
    for (size_t r = 0; r < rules.rules.size(); ++r) {
      if (rules.rules[r].proposes[o] < level) continue;
      const Bdd& matches = symbolic.matches(static_cast<int>(r));
      one = (one & ~matches) | (none & matches);
      none &= ~matches;
    }
    return it->second = one;
  }

};

Prover::Prover(const RuleSet& rules, int memory_megabytes) : compiled_(std::make_unique<Compiled>(rules, memory_megabytes)) {}

Prover::~Prover() = default;

std::vector<Diagnostic> Prover::warnings() {
  Compiled& c = *compiled_;
  std::vector<Diagnostic> warnings;
  for (size_t r = 0; r < c.rules.rules.size(); ++r) {
    const Rule& rule = c.rules.rules[r];
    Bdd matched = c.intakes & c.symbolic.matches(static_cast<int>(r));
    if (matched.is_false()) {
      warnings.push_back(never_matches(rule));
      continue;
    }
    Bdd changes;
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] != kNoProposal) changes |= c.sole(o, rule.proposes[o]);
    if (!matched.intersects(changes)) warnings.push_back(never_counts(rule));
  }
  add_unread_questions(c.rules, warnings);
  return warnings;
}

InvariantResult Prover::prove(int invariant) {
  Compiled& c = *compiled_;
  const Invariant& inv = c.rules.invariants[invariant];
  const Bdd applies = c.intakes & c.symbolic.condition(inv.when);
  if (applies.is_false()) return never_applies(inv, invariant);
  InvariantResult result;
  result.invariant = invariant;
  Bdd broken = applies & ~c.symbolic.condition(inv.then);
  if (broken.is_false()) return result;
  result.holds = false;
  result.counterexample = c.vars.answers(c.vars.first_codes(broken));
  simplify_intake(c.rules, {SearchGoal::Kind::breaks_invariant, invariant}, result.counterexample);
  return result;
}

std::vector<Diagnostic> find_warnings(const RuleSet& rules) { return Prover(rules).warnings(); }

std::vector<InvariantResult> prove_invariants(const RuleSet& rules) {
  Prover prover(rules);
  std::vector<InvariantResult> results;
  for (size_t i = 0; i < rules.invariants.size(); ++i) results.push_back(prover.prove(static_cast<int>(i)));
  return results;
}

std::vector<Diagnostic> find_warnings_by_search(const RuleSet& rules, SearchStats* stats) {
  std::vector<Diagnostic> warnings;
  InputSpace space = make_input_space(rules);
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    int index = static_cast<int>(r);
    if (!find_intake(rules, space, {SearchGoal::Kind::matches_rule, index}, stats))
      warnings.push_back(never_matches(rules.rules[r]));
    else if (!find_intake(rules, space, {SearchGoal::Kind::rule_counts, index}, stats))
      warnings.push_back(never_counts(rules.rules[r]));
  }
  add_unread_questions(rules, warnings);
  return warnings;
}

std::vector<InvariantResult> prove_invariants_by_search(const RuleSet& rules, SearchStats* stats) {
  std::vector<InvariantResult> results;
  InputSpace space = make_input_space(rules);
  for (size_t i = 0; i < rules.invariants.size(); ++i) {
    InvariantResult result;
    result.invariant = static_cast<int>(i);
    SearchGoal goal{SearchGoal::Kind::breaks_invariant, result.invariant};
    if (!find_intake(rules, space, {SearchGoal::Kind::meets_invariant, result.invariant}, stats)) {
      result = never_applies(rules.invariants[i], result.invariant);
    } else if (auto found = find_intake(rules, space, goal, stats)) {
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
  const std::string when = collapse_blanks(inv.when.text);
  if (result.never_applies && result.holds)
    return format_located(rules, {Severity::warning, inv.where.file, inv.where.line, inv.where.col,
                                  fmt::format("invariant '{}' never applies: no intake meets 'when: {}'", inv.id, when),
                                  {}});
  if (result.never_applies)
    return format_located(rules, {Severity::error, inv.where.file, inv.where.line, inv.where.col,
                                  fmt::format("invariant '{}' proves nothing{}", inv.id, title),
                                  fmt::format("no intake meets its 'when: {}' (a question it needs is never asked, a "
                                              "value it needs is out of range, or it contradicts itself), so it guards "
                                              "no patient",
                                              when)});
  Diagnostic d{Severity::error, inv.where.file, inv.where.line, inv.where.col,
               fmt::format("invariant '{}' does not hold{}", inv.id, title), {}};
  Decision decision;
  evaluate(rules, result.counterexample, decision);
  return format_located(rules, d) +
         fmt::format("    counterexample: {}\n    outcome: {}\n", eval_arguments(rules, result.counterexample),
                     describe_outcome(rules, decision));
}

}  // namespace backtriage
