// `backtriage rules`: placeholder until the rule authoring tools land (issue 4).
#include "base/exit_code.h"
#include "cli/common.h"

namespace backtriage {

std::vector<Command> register_rules(CLI::App& app, GlobalOptions& global) {
  CLI::App* rules = app.add_subcommand("rules", "Tools for rule authors: check, test, list, diff");
  rules->fallthrough();
  rules->require_subcommand(1);
  add_rules_option(*rules, global);
  return {};
}

}  // namespace backtriage
