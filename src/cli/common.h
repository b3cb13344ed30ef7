#pragma once
// What the subcommands share: the global options, loading the rule set they name, colour
// and terminal detection, and the shape every subcommand registers in.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "rules/ruleset.h"

namespace backtriage {

struct GlobalOptions {
  std::string rules_dir;       // --rules; empty: $BACKTRIAGE_RULES, else built in
  std::string color = "auto";  // --color auto|always|never
};

// A registered subcommand: its CLI11 app and what runs when it was the one parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Adds --rules DIR to `app` (subcommands take it after their name too).
void add_rules_option(CLI::App& app, GlobalOptions& global);

// Loads the rule set named by --rules, else $BACKTRIAGE_RULES, else the built-in one.
// Warnings are not printed here. Throws Error(config) with every diagnostic formatted
// when it does not load, Error(no_input) when the directory cannot be read.
RuleSet load_rule_set(const GlobalOptions& global);

// Whether output to file descriptor `fd` gets colour: --color always, or auto on a terminal
// without NO_COLOR.
bool use_color(const GlobalOptions& global, int fd);

bool is_terminal(int fd);

// Prints "backtriage: error: MESSAGE" (or warning) on stderr.
void print_error(const std::string& message);
void print_warning(const std::string& message);

// Every subcommand: one register function per file.
Command register_score(CLI::App& app, GlobalOptions& global);
Command register_eval(CLI::App& app, GlobalOptions& global);
Command register_ask(CLI::App& app, GlobalOptions& global);
std::vector<Command> register_rules(CLI::App& app, GlobalOptions& global);

}  // namespace backtriage
