#include "cli/common.h"

#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "base/exit_code.h"
#include "rules/loader.h"

namespace backtriage {

void add_rules_option(CLI::App& app, GlobalOptions& global) {
  app.add_option("--rules", global.rules_dir,
                 "Rule directory (default: $BACKTRIAGE_RULES, else the built-in rule set)")
      ->option_text("DIR");
}

RuleSet load_rule_set(const GlobalOptions& global) {
  std::string directory = global.rules_dir;
  if (directory.empty())
    if (const char* env = std::getenv("BACKTRIAGE_RULES"); env && *env) directory = env;
  LoadResult result = load_rules(directory.empty() ? builtin_rule_sources() : read_rule_directory(directory));
  if (!result.rules) {
    std::string where = directory.empty() ? "the built-in rule set" : "rule directory '" + directory + "'";
    throw Error(ExitCode::config, format_diagnostics(result) + where + " is invalid");
  }
  return std::move(*result.rules);
}

bool is_terminal(int fd) { return isatty(fd) == 1; }

bool use_color(const GlobalOptions& global, int fd) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(fd) && !(no_color && *no_color);
}

void print_error(const std::string& message) { std::cerr << "backtriage: error: " << message << '\n'; }
void print_warning(const std::string& message) { std::cerr << "backtriage: warning: " << message << '\n'; }

}  // namespace backtriage
