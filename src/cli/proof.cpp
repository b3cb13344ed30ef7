#include "cli/proof.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "base/digest.h"
#include "base/exit_code.h"
#include "check/budget.h"
#include "check/rule_check.h"
#include "output/atomic_file.h"
#include "rules/rule_files.h"
#include "rules/ruleset_codec.h"
#include "version.h"

namespace backtriage {
namespace {

// A compiled rule set larger than this is not one backtriage wrote: ignored, never read whole.
constexpr size_t kMaxCacheFileBytes = size_t{64} << 20;
// Every edit of a rule directory makes a new entry; the oldest beyond this many are removed.
constexpr size_t kMaxCacheEntries = 64;

// The cache directory, or "" when the environment names none.
std::string cache_directory() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/backtriage";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/backtriage";
  return "";
}

// Where the compiled rule set of `sources` in `region` is remembered (or "" for nowhere): the
// name digests everything the compiled set depends on, so an edit of any file, another region
// or another version of backtriage finds no entry rather than a stale one.
std::string cache_file(const std::vector<RuleSource>& sources, const std::string& region) {
  std::string directory = cache_directory();
  if (directory.empty()) return "";
  Sha256 key;
  key.update(rule_set_hash(sources));
  key.update(std::string_view("\0", 1));
  key.update(region);
  key.update(std::string_view("\0", 1));
  key.update(kVersion);
  return fmt::format("{}/rules-{}", directory, key.hex(kRuleSetHashLength));
}

// Whether `st` is ours and nobody else can write it. An entry decides triage, so one that
// another user could have planted or changed is not read (as ssh treats its files).
bool private_to_us(const struct stat& st) { return st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0; }

std::optional<RuleSet> read_cache(const std::string& file) {
  if (file.empty()) return std::nullopt;
  struct stat st {};
  std::string directory = file.substr(0, file.rfind('/'));
  if (stat(directory.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || !private_to_us(st)) return std::nullopt;
  if (stat(file.c_str(), &st) != 0 || !private_to_us(st)) return std::nullopt;
  ReadFile entry = read_regular_file(file, kMaxCacheFileBytes);
  if (!entry.refused.empty() || !entry.unreadable.empty()) return std::nullopt;
  return decode_rule_set(entry.text);
}

// Removes the least recently written entries beyond kMaxCacheEntries. Best effort.
void forget_oldest(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind("rules-", 0) != 0) continue;
    fs::file_time_type written = it->last_write_time(ec);
    if (!ec) entries.emplace_back(written, it->path());
  }
  if (entries.size() <= kMaxCacheEntries) return;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i + kMaxCacheEntries < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

// Best effort: written whole or not at all (AtomicFile), errors ignored on purpose.
void write_cache(const std::string& file, const RuleSet& rules) {
  if (file.empty()) return;
  std::string directory = file.substr(0, file.rfind('/'));
  std::string parent = directory.substr(0, directory.rfind('/'));
  mkdir(parent.c_str(), 0700);
  mkdir(directory.c_str(), 0700);
  struct stat st {};
  if (stat(directory.c_str(), &st) != 0 || !private_to_us(st)) return;  // it would never be read
  try {
    AtomicFile entry(file);
    entry.stream() << encode_rule_set(rules);
    entry.commit();
  } catch (const Error&) {
    return;
  }
  forget_oldest(directory);
}

// Throws Error(config) naming each invariant of `rules` that does not hold.
void prove(const RuleSet& rules, const std::string& directory) {
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
}

}  // namespace

void remember_proved(const std::vector<RuleSource>& sources, const std::string& region, const RuleSet& rules) {
  write_cache(cache_file(sources, region), rules);
}

RuleSet load_triage_rule_set(const GlobalOptions& global) {
  std::string directory = chosen_directory(global);
  std::string region = chosen_region(global);
  std::vector<RuleSource> sources = read_rule_sources(directory);
  if (global.unchecked && !directory.empty()) {
    RuleSet rules = load_rule_set(std::move(sources), directory, region, LoadScope::triage);
    rules.checked = false;
    print_warning(fmt::format("{} is used without proving its invariants (--unchecked)", describe_directory(directory)));
    return rules;
  }
  std::string cache = cache_file(sources, region);
  if (std::optional<RuleSet> remembered = read_cache(cache)) return std::move(*remembered);
  RuleSet rules = load_rule_set(std::move(sources), directory, region, LoadScope::triage);
  if (!directory.empty()) prove(rules, directory);
  write_cache(cache, rules);
  return rules;
}

}  // namespace backtriage
