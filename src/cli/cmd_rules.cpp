// `backtriage rules check|test|list|diff`: the tools for people who edit rule sets.
// The work is done in src/check; this file reads options, loads rule sets, prints and picks
// the exit code.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "output/listing.h"
#include "check/rule_check.h"
#include "check/budget.h"
#include "check/intake_diff.h"
#include "check/rule_diff.h"
#include "cli/progress.h"
#include "check/rule_tests.h"
#include "cli/common.h"
#include "cli/proof.h"
#include "rules/loader.h"

namespace backtriage {
namespace {

std::vector<RuleSource> read_directory(const std::string& directory) {
  return directory.empty() ? builtin_rule_sources() : read_rule_directory(directory);
}


// The advice when a proof or a diff runs out of memory.
std::string raise_budget(int megabytes) {
  return fmt::format("within {} MB of memory; raise it with --max-memory (e.g. --max-memory {}), or split the "
                     "conditions that read many questions at once",
                     megabytes, megabytes * 4);
}

int run_check(const GlobalOptions& global, int max_memory) {
  std::string directory = chosen_directory(global);
  std::vector<RuleSource> sources = read_directory(directory);
  // Every region must load as well as the one chosen.
  std::vector<LoadResult> other_regions;
  LoadResult loaded = load_rules(sources, chosen_region(global), LoadScope::everything, &other_regions);
  std::cerr << format_diagnostics(loaded, kShownDiagnostics);
  int errors = count_severity(loaded.diagnostics, Severity::error);
  for (const LoadResult& other : other_regions) {
    std::cerr << format_diagnostics(other, kShownDiagnostics);
    errors += count_severity(other.diagnostics, Severity::error);
  }
  if (errors) {
    fmt::print("{} is invalid: {}\n", describe_directory(directory), plural(errors, "error"));
    return static_cast<int>(ExitCode::config);
  }
  const RuleSet& rules = *loaded.rules;
  ProgressLine progress(is_terminal(2));
  // Each finding is printed as soon as it is known, so a run that ends early has shown them.
  std::string task = "compiling the rules";
  std::size_t proved = 0, warning_count = count_severity(loaded.diagnostics, Severity::warning);
  try {
    progress.set(task);
    Prover prover(rules, max_memory);
    task = "finding rules that never match or never change an outcome";
    progress.set(task);
    std::vector<Diagnostic> warnings = prover.warnings();
    progress.clear();
    // As for load diagnostics: the first ones, then a count (a generated set can have thousands).
    for (std::size_t i = 0; i < warnings.size() && i < kShownDiagnostics; ++i) std::cerr << format_located(rules, warnings[i]);
    if (warnings.size() > kShownDiagnostics)
      std::cerr << fmt::format("... and {} more warnings not shown: the first {} are above\n",
                               grouped(warnings.size() - kShownDiagnostics), kShownDiagnostics);
    warning_count += warnings.size();
    for (size_t i = 0; i < rules.invariants.size(); ++i) {
      task = fmt::format("proving invariant '{}'", rules.invariants[i].id);
      progress.set(fmt::format("proving invariant {} ({} of {})", rules.invariants[i].id, i + 1, rules.invariants.size()));
      InvariantResult result = prover.prove(static_cast<int>(i));
      if (result.holds) {
        ++proved;
        if (!result.never_applies) continue;
        progress.clear();
        std::cerr << format_invariant_failure(rules, result);  // a warning: it reads outputs
        ++warning_count;
        continue;
      }
      progress.clear();
      std::cerr << format_invariant_failure(rules, result);
    }
  } catch (const BddBudgetExceeded&) {
    progress.clear();
    print_error(fmt::format("rules check could not finish {} {}", task, raise_budget(max_memory)));
    fmt::print("rules: {}, {}, {} proved, {} not proved, check unfinished\n", plural(rules.questions.size(), "question"),
               plural(rules.rules.size(), "rule"), plural(proved, "invariant"), rules.invariants.size() - proved);
    return static_cast<int>(ExitCode::config);
  }
  std::size_t broken = rules.invariants.size() - proved;
  if (!broken && !directory.empty()) {
    // Proved, perhaps with more memory than triage may use: eval, score and ask take it as is.
    remember_proved(sources, chosen_region(global), rules);
    for (const LoadResult& other : other_regions) {
      const std::string& region = other.rules->region;  // keyed as eval asks for it: "" is the default
      remember_proved(sources, region == rules.regions.front() ? "" : region, *other.rules);
    }
  }
  std::string regions = rules.regions.size() > 1 ? fmt::format(", regions {}", fmt::join(rules.regions, ", ")) : "";
  fmt::print("rules: {}, {}, {} proved{}, {}{}\n", plural(rules.questions.size(), "question"),
             plural(rules.rules.size(), "rule"), plural(proved, "invariant"),
             broken ? fmt::format(", {} broken", broken) : "", plural(warning_count, "warning"), regions);
  std::cout.flush();
  return broken ? static_cast<int>(ExitCode::config) : 0;
}

int run_test(const GlobalOptions& global) {
  RuleSet rules = load_rule_set(global);
  TestRun run = run_rule_tests(rules);
  std::cout << format_test_run(rules, run);
  std::cout.flush();
  return run.failed ? static_cast<int>(ExitCode::failure) : 0;
}

int run_list(const GlobalOptions& global, const std::string& format) {
  RuleSet rules = load_rule_set(global);
  // Texts are UTF-8 once loaded, but file names are bytes: one that is not UTF-8 is shown with
  // U+FFFD rather than stopping the listing.
  if (format == "json")
    std::cout << listing_json(rules).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  else std::cout << format_listing(rules);
  std::cout.flush();
  return 0;
}

struct DiffOptions {
  int max_memory = kDefaultMemoryMegabytes;
  std::string old_dir;
  std::string new_dir;  // empty: the rule set --rules (or the default) names
  std::string intake;
};

int run_diff(const GlobalOptions& global, const DiffOptions& options) {
  std::string region = chosen_region(global);
  RuleSet old_rules = load_rule_set(options.old_dir, region);
  RuleSet new_rules = load_rule_set(options.new_dir.empty() ? chosen_directory(global) : options.new_dir, region);
  RuleDiff diff;
  try {
    ProgressLine progress(is_terminal(2));
    progress.set("comparing the rule sets");
    diff = diff_rule_sets(old_rules, new_rules, options.max_memory);
  } catch (const BddBudgetExceeded&) {
    throw Error(ExitCode::software, fmt::format("rules diff could not finish comparing '{}' with {} {}", options.old_dir,
                                                options.new_dir.empty() ? describe_directory(chosen_directory(global))
                                                                        : "'" + options.new_dir + "'",
                                                raise_budget(options.max_memory)));
  }
  std::cout << format_rule_diff(diff);
  bool changed = !diff.groups.empty();
  if (!options.intake.empty()) {
    InputFile file(options.intake);
    IntakeDiff rows = diff_intake(old_rules, new_rules, file.stream());
    std::cout << format_intake_diff(options.intake, rows);
    changed = changed || !rows.changes.empty();
  }
  std::cout.flush();
  return changed ? static_cast<int>(ExitCode::failure) : 0;
}

void add_memory_option(CLI::App& app, int& megabytes) {
  app.add_option("--max-memory", megabytes,
                 fmt::format("Memory the proofs may use, in MB (default {}); a run that needs more stops with a "
                             "message instead of exhausting the machine",
                             kDefaultMemoryMegabytes))
      ->check(CLI::Range(16, 1 << 20))
      ->option_text("MB");
}

}  // namespace

std::vector<Command> register_rules(CLI::App& app, GlobalOptions& global) {
  CLI::App* rules = app.add_subcommand("rules", "Tools for rule authors: check, test, list, diff");
  rules->fallthrough();
  rules->require_subcommand(1);
  add_rules_option(*rules, global);
  rules->footer(examples_footer({"backtriage rules check --rules clinic/", "backtriage rules diff rules/ clinic/"}));

  std::vector<Command> commands;
  CLI::App* check = rules->add_subcommand("check", "Validate a rule directory and prove its invariants (exit 0 or 78)");
  check->fallthrough();
  add_rules_option(*check, global);
  check->footer(examples_footer({"backtriage rules check", "backtriage rules check --rules clinic/"}));
  auto check_memory = std::make_shared<int>(kDefaultMemoryMegabytes);
  add_memory_option(*check, *check_memory);
  commands.push_back({check, [&global, check_memory] { return run_check(global, *check_memory); }});

  CLI::App* test = rules->add_subcommand("test", "Run the test cases stored with the rules (exit 0, or 1 on a failure)");
  test->fallthrough();
  add_rules_option(*test, global);
  test->footer(examples_footer({"backtriage rules test", "backtriage rules test --rules clinic/ --region us"}));
  commands.push_back({test, [&global] { return run_test(global); }});

  auto format = std::make_shared<std::string>("text");
  CLI::App* list = rules->add_subcommand("list", "Print the questions and rules as tables");
  list->fallthrough();
  add_rules_option(*list, global);
  list->add_option("--format", *format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("text|json");
  list->footer(examples_footer({"backtriage rules list", "backtriage rules list --format json --rules clinic/"}));
  commands.push_back({list, [&global, format] { return run_list(global, *format); }});

  auto diff_options = std::make_shared<DiffOptions>();
  CLI::App* diff = rules->add_subcommand(
      "diff", "Show which intakes change outcome if NEW_DIR replaces OLD_DIR (exit 0 when none, 1 otherwise)");
  diff->fallthrough();
  add_rules_option(*diff, global);
  diff->add_option("OLD_DIR", diff_options->old_dir, "The rule directory in use now")->required();
  diff->add_option("NEW_DIR", diff_options->new_dir,
                   "The rule directory that would replace it (default: --rules, else the built-in rule set)");
  diff->add_option("--intake", diff_options->intake,
                   "Also compare every row of this intake CSV file (- for standard input)")
      ->option_text("FILE.csv");
  add_memory_option(*diff, diff_options->max_memory);
  diff->footer(examples_footer({"backtriage rules diff rules/ clinic/",
                                "backtriage rules diff rules/ clinic/ --intake examples/intake-clean.csv"}));
  commands.push_back({diff, [&global, diff_options] { return run_diff(global, *diff_options); }});
  return commands;
}

}  // namespace backtriage
