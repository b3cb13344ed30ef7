#include "cli/common.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "rules/loader.h"

namespace backtriage {

void add_rules_option(CLI::App& app, GlobalOptions& global) {
  app.add_option("--rules", global.rules_dir,
                 "Rule directory (default: $BACKTRIAGE_RULES, else the built-in rule set)")
      ->option_text("DIR");
  app.add_option("--region", global.region,
                 "Region of the terms in texts, e.g. uk or us (default: $BACKTRIAGE_REGION, else the rule set's)")
      ->option_text("NAME");
}

namespace {
std::string option_or_environment(const std::string& option, const char* variable) {
  if (!option.empty()) return option;
  const char* env = std::getenv(variable);
  return env ? env : "";
}
}  // namespace

std::string chosen_directory(const GlobalOptions& global) {
  return option_or_environment(global.rules_dir, "BACKTRIAGE_RULES");
}

std::string chosen_region(const GlobalOptions& global) { return option_or_environment(global.region, "BACKTRIAGE_REGION"); }

std::string describe_directory(const std::string& directory) {
  return directory.empty() ? "the built-in rule set" : "rule directory '" + escape_controls(directory) + "'";
}

std::vector<RuleSource> read_rule_sources(const std::string& directory) {
  return directory.empty() ? builtin_rule_sources() : read_rule_directory(directory);
}

RuleSet load_rule_set(std::vector<RuleSource> sources, const std::string& directory, const std::string& region,
                      LoadScope scope) {
  LoadResult result = load_rules(std::move(sources), region, scope);
  if (result.unknown_region) {
    for (const Diagnostic& d : result.diagnostics)
      if (d.file.empty() && d.message.rfind("unknown region", 0) == 0) throw Error(ExitCode::usage, d.message);
  }
  if (!result.rules)
    throw Error(ExitCode::config,
                format_diagnostics(result, kShownDiagnostics) + describe_directory(directory) + " is invalid");
  return std::move(*result.rules);
}

RuleSet load_rule_set(const std::string& directory, const std::string& region) {
  return load_rule_set(read_rule_sources(directory), directory, region, LoadScope::everything);
}

RuleSet load_rule_set(const GlobalOptions& global) {
  return load_rule_set(chosen_directory(global), chosen_region(global));
}

void add_unchecked_option(CLI::App& app, GlobalOptions& global) {
  app.add_flag("--unchecked", global.unchecked,
               "Use a rule directory without proving its invariants first (a warning on stderr, and "
               "\"checked\": false in JSON output)");
}

void add_view_option(CLI::App& app, std::string& view, const char* fallback) {
  app.add_option("--view", view,
                 fmt::format("Who reads the report: patient (plain words, no ids or sources) or clinician "
                             "(ids, rule titles, sources); default {}", fallback))
      ->check(CLI::IsMember({"patient", "clinician"}))
      ->option_text("patient|clinician");
}

ReportView view_named(const std::string& view) { return view == "patient" ? ReportView::patient : ReportView::clinician; }

// A CLI11 check for a label written into records (an id, who answered): 1 to 100 characters,
// none of them a control character.
namespace {
CLI::Validator short_label(const char* wrong_length, const char* control) {
  auto check = [wrong_length, control](std::string& text) -> std::string {
    if (text.empty() || text.size() > 100) return wrong_length;
    for (unsigned char c : text)
      if (c < 0x20 || c == 0x7f) return control;
    return "";
  };
  return CLI::Validator(check, "");
}
}  // namespace

void add_audit_options(CLI::App& app, AuditOptions& audit, const char* who) {
  app.add_option("--audit", audit.file,
                 "Append one JSON line per triaged case to FILE (default: $BACKTRIAGE_AUDIT, else none; - for "
                 "standard output when the results go to a file)")
      ->option_text("FILE");
  audit.answered_by = who;
  app.add_option("--answered-by", audit.answered_by,
                 fmt::format("Who gave the answers, for the audit trail: patient, clinician or a name{}",
                             *who ? fmt::format(" (default {})", who) : std::string(" (default: not stated)")))
      ->check(short_label("expected patient, clinician or a name of 1 to 100 characters",
                          "expected a name without control characters"))
      ->option_text("patient|clinician|NAME");
}

std::unique_ptr<AuditLog> open_audit(const AuditOptions& audit, bool results_on_stdout) {
  std::string file = audit.file;
  if (file.empty())
    if (const char* env = std::getenv("BACKTRIAGE_AUDIT")) file = env;
  if (file.empty()) return nullptr;
  // On standard output the trail would mix with the results.
  if (file == "-" && results_on_stdout)
    throw Error(ExitCode::usage, "--audit -: the results go to standard output already; give the audit trail a file, "
                                 "or score with -o FILE");
  return std::make_unique<AuditLog>(file);
}

void add_id_option(CLI::App& app, std::string& id) {
  app.add_option("--id", id, "The case id in the audit trail and the saved answers (default: from the time)")
      ->check(short_label("expected an id of 1 to 100 characters", "expected an id without control characters"))
      ->option_text("ID");
}

std::string time_based_id(std::time_t time) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return fmt::format("{}-{:x}", stamp, static_cast<unsigned>(getpid()));
}

bool is_terminal(int fd) { return isatty(fd) == 1; }

bool use_color(const GlobalOptions& global, int fd) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal(fd) && !(no_color && *no_color);
}

void print_error(const std::string& message) {
  std::cerr << "backtriage: error: " << escape_controls(message, true) << '\n';
}
void print_warning(const std::string& message) {
  std::cerr << "backtriage: warning: " << escape_controls(message, true) << '\n';
}

InputFile::InputFile(const std::string& path) : stream_(&std::cin), name_(path == "-" ? "standard input" : path) {
  if (path == "-") return;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw Error(ExitCode::no_input, fmt::format("cannot read '{}': it is a directory", escape_controls(path)));
  file_.open(path, std::ios::binary);
  if (!file_)
    throw Error(ExitCode::no_input, fmt::format("cannot open '{}': {}", escape_controls(path), std::strerror(errno)));
  stream_ = &file_;
}

std::string read_whole_input(const std::string& path, std::size_t max_bytes, const char* what) {
  InputFile input(path);
  std::string text;
  char block[1 << 16];
  try {
    while (text.size() <= max_bytes) {
      auto wanted = static_cast<std::streamsize>(std::min(sizeof block, max_bytes + 1 - text.size()));
      std::streamsize got = input.buffer().sgetn(block, wanted);
      if (got <= 0) break;
      text.append(block, static_cast<std::size_t>(got));
    }
  } catch (const std::ios_base::failure&) {
    throw Error(ExitCode::no_input, fmt::format("cannot read {}", input.name()));
  }
  if (text.size() > max_bytes)
    throw Error(ExitCode::data_error,
                fmt::format("{}: longer than {}, the most {} may hold", input.name(), byte_size(max_bytes), what));
  return text;
}

void finish_stdout() {
  std::cout.flush();
  // fmt::print writes through C stdio, which std::cout does not share (sync_with_stdio is off).
  const bool c_failed = std::fflush(stdout) != 0 || std::ferror(stdout);
  if (std::cout && !c_failed) return;
  // The stream keeps no error number: errno still holds the failed write's, unless a later
  // call changed it, so only the reasons a write gives are named.
  int error = errno;
  if (error != ENOSPC && error != EIO && error != EBADF && error != EFBIG && error != EPIPE && error != EDQUOT &&
      error != EROFS && error != EINVAL)
    error = 0;
  std::cout.clear();
  throw Error(ExitCode::cant_create,
              fmt::format("cannot write to standard output{}", error ? std::string(": ") + std::strerror(error) : ""));
}

std::string examples_footer(const std::vector<std::string>& examples) {
  std::string out = "\nExamples:\n";
  for (const std::string& example : examples) out += "  " + example + "\n";
  return out + "\nFull documentation: man backtriage";
}

}  // namespace backtriage
