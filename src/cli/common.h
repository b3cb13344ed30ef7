#pragma once
// What the subcommands share: the global options, loading the rule set they name, colour
// and terminal detection, and the shape every subcommand registers in.
#include <ctime>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "output/audit_log.h"
#include "output/report.h"
#include "rules/loader.h"
#include "rules/ruleset.h"

namespace backtriage {

struct GlobalOptions {
  std::string rules_dir;       // --rules; empty: $BACKTRIAGE_RULES, else built in
  std::string region;          // --region; empty: $BACKTRIAGE_REGION, else the rule set's default
  std::string color = "auto";  // --color auto|always|never
  bool unchecked = false;      // --unchecked (eval, score, ask): use a rule directory unproved
};

// A registered subcommand: its CLI11 app and what runs when it was the one parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Adds --rules DIR and --region NAME to `app` (subcommands take them after their name too).
void add_rules_option(CLI::App& app, GlobalOptions& global);

// The rule directory chosen: --rules, else $BACKTRIAGE_RULES; empty for the built-in set.
std::string chosen_directory(const GlobalOptions& global);
// The region chosen: --region, else $BACKTRIAGE_REGION; empty for the rule set's default.
std::string chosen_region(const GlobalOptions& global);
// "the built-in rule set" or "rule directory 'DIR'", for messages.
std::string describe_directory(const std::string& directory);

// The rule files of `directory` (empty: the built-in ones). Throws as read_rule_directory.
std::vector<RuleSource> read_rule_sources(const std::string& directory);

// Loads the rule set in `sources`, read from `directory` (empty: built in), with the terms of
// `region` (empty: its default). Warnings are not printed here. Throws Error(usage) for a
// region the set lacks, Error(config) with every diagnostic formatted when it does not load.
RuleSet load_rule_set(std::vector<RuleSource> sources, const std::string& directory, const std::string& region,
                      LoadScope scope);

// The same, reading `directory` (Error(no_input) when it cannot be read), for everything.
RuleSet load_rule_set(const std::string& directory, const std::string& region);

// The rule set --rules (or $BACKTRIAGE_RULES, else the built-in one) names, in the chosen region.
RuleSet load_rule_set(const GlobalOptions& global);

// Adds --unchecked to `app`.
void add_unchecked_option(CLI::App& app, GlobalOptions& global);

// Adds --view patient|clinician (the text report's reader) to `app`, defaulting to `fallback`.
void add_view_option(CLI::App& app, std::string& view, const char* fallback);
ReportView view_named(const std::string& view);

// --audit FILE and --answered-by, on the commands that triage (ask, eval, score).
struct AuditOptions {
  std::string file;         // --audit; empty: $BACKTRIAGE_AUDIT, else no audit trail
  std::string answered_by;  // --answered-by patient|clinician|NAME; "" when not stated
};

// Adds --audit FILE and --answered-by WHO to `app`; `who` is the default (may be "").
void add_audit_options(CLI::App& app, AuditOptions& audit, const char* who);

// The audit file chosen (--audit, else $BACKTRIAGE_AUDIT), opened for appending; null when
// none is; "-" is standard output, a usage error when `results_on_stdout`. Throws
// Error(cant_create) when it cannot be opened.
std::unique_ptr<AuditLog> open_audit(const AuditOptions& audit, bool results_on_stdout);

// Adds --id ID (the case id in the audit trail and the saved intake) to `app`.
void add_id_option(CLI::App& app, std::string& id);

// A case id from the time and the process: "20261202T135421Z-4f2a". Unique across runs but for
// two runs of one process id in the same second, which the system does not reuse so fast.
std::string time_based_id(std::time_t time);

// Whether output to file descriptor `fd` gets colour: --color always, or auto on a terminal
// without NO_COLOR.
bool use_color(const GlobalOptions& global, int fd);

bool is_terminal(int fd);

// An input file named on the command line, or standard input for "-". Throws
// Error(no_input) when it cannot be opened or is a directory, naming it.
class InputFile {
 public:
  explicit InputFile(const std::string& path);
  std::streambuf& buffer() { return *stream_->rdbuf(); }
  std::istream& stream() { return *stream_; }
  // "standard input" or the path, for messages.
  const std::string& name() const { return name_; }

 private:
  std::ifstream file_;
  std::istream* stream_;
  std::string name_;
};

// The whole of an input file (or of standard input for "-"). Reads no more than `max_bytes`
// and one byte: throws Error(data_error) naming the input, `what` it holds ("a JSON case")
// and the cap when it holds more,
// without reading the rest (a gigabyte costs what the cap costs). Throws Error(no_input) when
// it cannot be opened or read.
std::string read_whole_input(const std::string& path, std::size_t max_bytes, const char* what);

// Flushes standard output; throws Error(cant_create) when anything written to it was lost
// (a full disk, /dev/full, a closed terminal).
void finish_stdout();

// The end of every --help: two examples and where the manual is.
std::string examples_footer(const std::vector<std::string>& examples);

// Prints "backtriage: error: MESSAGE" (or warning) on stderr, with control characters
// escaped: messages quote input, which must not drive the terminal.
void print_error(const std::string& message);
void print_warning(const std::string& message);

// Every subcommand: one register function per file.
Command register_score(CLI::App& app, GlobalOptions& global);
Command register_eval(CLI::App& app, GlobalOptions& global);
Command register_ask(CLI::App& app, GlobalOptions& global);
std::vector<Command> register_rules(CLI::App& app, GlobalOptions& global);
std::vector<Command> register_audit(CLI::App& app, GlobalOptions& global);

}  // namespace backtriage
