#include "cli/proof.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "version.h"
#include "check/budget.h"
#include "check/rule_check.h"
#include "cli/common.h"

namespace backtriage {
namespace {

// The cache directory, or "" when the environment names none.
std::string cache_directory() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/backtriage";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/backtriage";
  return "";
}

std::string proof_file(const RuleSet& rules) {
  std::string directory = cache_directory();
  return directory.empty() ? "" : fmt::format("{}/proved-{}-{}", directory, rules.hash, kVersion);
}

bool proof_remembered(const std::string& file) { return !file.empty() && access(file.c_str(), F_OK) == 0; }

// Best effort: an empty file whose name is the proof. Errors are ignored on purpose.
void remember_proof(const std::string& file) {
  if (file.empty()) return;
  std::string directory = file.substr(0, file.rfind('/'));
  std::string parent = directory.substr(0, directory.rfind('/'));
  mkdir(parent.c_str(), 0700);
  mkdir(directory.c_str(), 0700);
  int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) close(fd);
}

}  // namespace

void require_proof(RuleSet& rules, const std::string& directory, bool unchecked) {
  if (directory.empty()) return;
  if (unchecked) {
    rules.checked = false;
    print_warning(fmt::format("{} is used without proving its invariants (--unchecked)", describe_directory(directory)));
    return;
  }
  std::string file = proof_file(rules);
  if (proof_remembered(file)) return;
  std::string failures;
  int broken = 0;
  try {
    Prover prover(rules);
    for (size_t i = 0; i < rules.invariants.size(); ++i) {
      InvariantResult result = prover.prove(static_cast<int>(i));
      if (result.holds) continue;
      ++broken;
      failures += format_invariant_failure(rules, result);
    }
  } catch (const BddBudgetExceeded&) {
    throw Error(ExitCode::config,
                fmt::format("{}: its invariants could not be proved within {} MB of memory; prove them with "
                            "'backtriage rules check --rules {} --max-memory MB', or add --unchecked to use it unproved",
                            describe_directory(directory), kDefaultMemoryMegabytes, directory));
  }
  if (broken)
    throw Error(ExitCode::config,
                fmt::format("{}{} breaks {} of its invariants, so it is not used for triage; see 'backtriage rules "
                            "check --rules {}', or add --unchecked to use it anyway",
                            failures, describe_directory(directory), broken, directory));
  remember_proof(file);
}

}  // namespace backtriage
