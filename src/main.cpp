// backtriage: the command line. Parses argv with CLI11, runs the chosen subcommand, and maps
// every outcome to the exit codes of backtriage(1) in this one place.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "base/exit_code.h"
#include "cli/common.h"
#include "output/atomic_file.h"
#include "version.h"

namespace {

extern "C" void on_terminating_signal(int signal) {
  backtriage::AtomicFile::remove_all_temporaries_on_signal();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace backtriage;
  std::signal(SIGINT, on_terminating_signal);
  std::signal(SIGTERM, on_terminating_signal);
  std::signal(SIGHUP, on_terminating_signal);
  std::ios::sync_with_stdio(false);

  CLI::App app{"backtriage: red-flag triage and referral for back pain.\n"
               "A triage aid, not a diagnosis.", "backtriage"};
  app.set_version_flag("--version", std::string("backtriage ") + kVersion);
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 2.1 would exit with its own codes (100-127); the manual promises 64 for usage errors.
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }

  try {
    for (Command& command : commands)
      if (command.app->parsed() && command.run) return command.run();
    std::cerr << app.help();
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    std::cout.flush();
    std::string message = e.what();
    if (e.code() == ExitCode::config) std::cerr << message << '\n';
    else print_error(message);
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return static_cast<int>(ExitCode::software);
  }
}
