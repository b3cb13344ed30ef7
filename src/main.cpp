// backtriage: the command line. Parses argv with CLI11, runs the chosen subcommand, and maps
// every outcome to the exit codes of backtriage(1) in this one place.
#include <algorithm>
#include <cctype>
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/spell.h"
#include "base/text.h"
#include "cli/common.h"
#include "output/atomic_file.h"
#include "version.h"

namespace {

extern "C" void on_terminating_signal(int signal) {
  backtriage::AtomicFile::remove_all_temporaries_on_signal();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Whether `option` (as given, "--rules" or "-o") takes a value in the next argument.
bool takes_value(const CLI::App& app, const std::string& option) {
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      if (o->get_type_size() == 0) continue;
      for (const std::string& name : o->get_lnames())
        if (option == "--" + name) return true;
      for (const std::string& name : o->get_snames())
        if (option == "-" + name) return true;
    }
  }
  return false;
}

// The names of `command`'s subcommands, in order.
std::vector<std::string> command_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

// Before CLI11 parses: a word where a command belongs that is none gets "did you mean",
// where CLI11 would say only "A subcommand is required" or "arguments were not expected".
void check_command_words(const CLI::App& app, int argc, char** argv) {
  const CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return;
    if (arg.size() > 1 && arg[0] == '-') {
      if (arg.find('=') == std::string::npos && takes_value(*current, arg)) ++i;
      continue;
    }
    const std::vector<std::string> names = command_names(*current);
    if (names.empty()) return;
    const CLI::App* chosen = std::find(names.begin(), names.end(), arg) != names.end() ? current->get_subcommand(arg) : nullptr;
    if (chosen == nullptr) {
      std::string where = current == &app ? "" : " of '" + current->get_name() + "'";
      throw backtriage::Error(backtriage::ExitCode::usage,
                              fmt::format("unknown command '{}'{}{}; the commands are {} (see --help)",
                                          backtriage::escape_controls(arg), where, backtriage::did_you_mean(arg, names),
                                          fmt::join(names, ", ")));
    }
    current = chosen;
  }
}

// The innermost command the words named, such as `rules diff` in "backtriage rules diff a".
const CLI::App& innermost_command(const CLI::App& app) {
  const CLI::App* current = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : current->get_subcommands([](const CLI::App*) { return true; }))
      if (sub->parsed()) {
        current = sub;
        deeper = true;
        break;
      }
  }
  return *current;
}

std::string command_path(const CLI::App& command) {
  std::string path = command.get_name();
  for (const CLI::App* a = command.get_parent(); a != nullptr; a = a->get_parent()) path = a->get_name() + " " + path;
  return path;
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App& command = innermost_command(app);
  const std::string see = " (see '" + command_path(command) + " --help')";
  const std::vector<std::string> names = command_names(command);
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && !names.empty() &&
      command.get_require_subcommand_min() > 0)
    return fmt::format("a command is needed after '{}': {}{}", command_path(command), fmt::join(names, ", "), see);
  std::string message = error.what();
  // "The following argument ..." reads on after "error: " in lower case; "OLD_DIR is ..." stays.
  if (message.size() > 1 && std::isupper(static_cast<unsigned char>(message[0])) &&
      std::islower(static_cast<unsigned char>(message[1])))
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  return message + see;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace backtriage;
  // Every signal that ends the process by default, so that no temporary file outlives it
  // (where O_TMPFILE works there is none to remove; this is the fallback's). A file-size limit
  // is a write error instead (exit 73), not a silent death.
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE})
    std::signal(signal, on_terminating_signal);
  std::signal(SIGXFSZ, SIG_IGN);
  std::ios::sync_with_stdio(false);

  CLI::App app{"backtriage: red-flag triage and referral for back pain.\n"
               "A triage aid, not a diagnosis.", "backtriage"};
  app.set_version_flag("--version", std::string("backtriage ") + kVersion +
                                        "\nLicence: MIT (free software: you may use, change and share it; no warranty)");
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  add_rules_option(app, global);
  app.add_option("--color", global.color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("WHEN");

  std::vector<Command> commands{register_ask(app, global), register_score(app, global), register_eval(app, global)};
  for (Command& command : register_rules(app, global)) commands.push_back(std::move(command));
  for (Command& command : register_audit(app, global)) commands.push_back(std::move(command));
  app.footer(examples_footer({"backtriage score intake.csv -o results.csv", "backtriage eval --json case.json"}));

  try {
    check_command_words(app, argc, argv);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() == 0) {  // --help or --version: their output must not be lost
        app.exit(e);
        finish_stdout();
        return 0;
      }
      // CLI11 2.1 would print its own words and exit with its own codes (100-127); the manual
      // promises 64 and every other error reads "backtriage: error: ...".
      print_error(usage_message(app, e));
      return static_cast<int>(ExitCode::usage);
    }
    for (Command& command : commands)
      if (command.app->parsed() && command.run) {
        int code = command.run();
        finish_stdout();
        return code;
      }
    std::cerr << app.help();
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    std::cout.flush();
    std::string message = e.what();
    // A rule set's problems read as a compiler's (file:line:col: error: ...), without the prefix.
    if (e.code() == ExitCode::config) std::cerr << escape_controls(message, true) << '\n';
    else print_error(message);
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return static_cast<int>(ExitCode::software);
  }
}
