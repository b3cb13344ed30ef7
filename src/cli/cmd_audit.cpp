// `backtriage audit summary FILE`: what an audit file says, for a clinic's safety officer. A line
// that is not a record (cut short by a full disk, edited by hand) is named with its line number
// on stderr and left out; the summary of the others is still printed, and the exit is then 65.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/common.h"
#include "output/audit_summary.h"

namespace backtriage {
namespace {

int run_summary(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  std::string name = path == "-" ? "standard input" : path;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw Error(ExitCode::no_input, fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
    in = &file;
  }
  AuditSummary summary;
  std::size_t bad = 0, number = 0;
  for (std::string line; std::getline(*in, line);) {
    ++number;
    if (std::string problem = summary.add(line); !problem.empty()) {
      ++bad;
      print_warning(fmt::format("{}:{}: not an audit record: {}", name, number, problem));
    }
  }
  if (in->bad()) throw Error(ExitCode::no_input, fmt::format("cannot read '{}'", name));
  std::cout << summary.text(name);
  if (bad) std::cout << fmt::format("\n{} not counted (see the warnings)\n", plural(bad, "line"));
  std::cout.flush();
  if (!std::cout) throw Error(ExitCode::cant_create, "cannot write the output");
  return static_cast<int>(bad ? ExitCode::data_error : ExitCode::ok);
}

}  // namespace

std::vector<Command> register_audit(CLI::App& app, GlobalOptions&) {
  CLI::App* audit = app.add_subcommand("audit", "Read an audit file written with --audit");
  audit->require_subcommand(1);
  audit->footer(examples_footer({"backtriage audit summary front-desk.jsonl",
                                 "backtriage score intake.csv --audit trail.jsonl && backtriage audit summary trail.jsonl"}));
  auto file = std::make_shared<std::string>();
  CLI::App* summary = audit->add_subcommand(
      "summary", "Counts per outcome, emergencies per day and the most frequent red flags in an audit file");
  summary->add_option("FILE", *file, "Audit file (JSON Lines), or - for standard input")
      ->required()
      ->option_text("FILE|-");
  summary->footer(examples_footer({"backtriage audit summary front-desk.jsonl",
                                   "grep '\"time\":\"2026-12-01' front-desk.jsonl | backtriage audit summary -"}));
  return {{summary, [file] { return run_summary(*file); }}};
}

}  // namespace backtriage
