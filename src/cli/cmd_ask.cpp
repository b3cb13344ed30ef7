// `backtriage ask`: placeholder until the questionnaire lands (issue 3).
#include "base/exit_code.h"
#include "cli/common.h"

namespace backtriage {

Command register_ask(CLI::App& app, GlobalOptions& global) {
  CLI::App* sub = app.add_subcommand("ask", "Interactive questionnaire on the terminal");
  sub->fallthrough();
  add_rules_option(*sub, global);
  return {sub, [] () -> int { throw Error(ExitCode::software, "ask is not implemented yet"); }};
}

}  // namespace backtriage
