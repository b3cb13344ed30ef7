// `backtriage rules check|test|list|diff`: the tools for people who edit rule sets (issue 4).
// The work is done in src/check; this file reads options, loads rule sets, prints and picks
// the exit code.
#include <cstdlib>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "check/rule_check.h"
#include "cli/common.h"
#include "rules/loader.h"

namespace backtriage {
namespace {

// The directory --rules names, else $BACKTRIAGE_RULES; empty for the built-in rule set.
std::string chosen_directory(const GlobalOptions& global) {
  if (!global.rules_dir.empty()) return global.rules_dir;
  const char* env = std::getenv("BACKTRIAGE_RULES");
  return env ? env : "";
}

LoadResult load_directory(const std::string& directory) {
  return load_rules(directory.empty() ? builtin_rule_sources() : read_rule_directory(directory));
}

std::string describe_directory(const std::string& directory) {
  return directory.empty() ? "the built-in rule set" : fmt::format("rule directory '{}'", directory);
}

// Loads `directory` or throws Error(config) with every diagnostic.
RuleSet load_or_throw(const std::string& directory) {
  LoadResult result = load_directory(directory);
  if (!result.rules)
    throw Error(ExitCode::config, format_diagnostics(result) + describe_directory(directory) + " is invalid");
  return std::move(*result.rules);
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

int run_check(const GlobalOptions& global) {
  std::string directory = chosen_directory(global);
  LoadResult loaded = load_directory(directory);
  std::cerr << format_diagnostics(loaded);
  if (!loaded.rules) {
    int errors = count_severity(loaded.diagnostics, Severity::error);
    fmt::print("{} is invalid: {}\n", describe_directory(directory), plural(errors, "error"));
    return static_cast<int>(ExitCode::config);
  }
  const RuleSet& rules = *loaded.rules;
  std::vector<Diagnostic> warnings = find_warnings(rules);
  for (const Diagnostic& w : warnings) std::cerr << format_located(rules, w);
  std::size_t proved = 0;
  for (const InvariantResult& result : prove_invariants(rules)) {
    if (result.holds) ++proved;
    else std::cerr << format_invariant_failure(rules, result);
  }
  std::size_t broken = rules.invariants.size() - proved;
  std::size_t warning_count = warnings.size() + count_severity(loaded.diagnostics, Severity::warning);
  fmt::print("rules: {}, {}, {} proved{}, {}\n", plural(rules.questions.size(), "question"),
             plural(rules.rules.size(), "rule"), plural(proved, "invariant"),
             broken ? fmt::format(", {} broken", broken) : "", plural(warning_count, "warning"));
  std::cout.flush();
  return broken ? static_cast<int>(ExitCode::config) : 0;
}

}  // namespace

std::vector<Command> register_rules(CLI::App& app, GlobalOptions& global) {
  CLI::App* rules = app.add_subcommand("rules", "Tools for rule authors: check, test, list, diff");
  rules->fallthrough();
  rules->require_subcommand(1);
  add_rules_option(*rules, global);

  std::vector<Command> commands;
  CLI::App* check = rules->add_subcommand("check", "Validate a rule directory and prove its invariants (exit 0 or 78)");
  check->fallthrough();
  add_rules_option(*check, global);
  commands.push_back({check, [&global] { return run_check(global); }});
  return commands;
}

}  // namespace backtriage
