#pragma once
// The files of a rule set: reading a rule directory, naming the region a terms file belongs to,
// and the hash that identifies a rule set's exact content in every result.
#include <cstddef>
#include <string>
#include <vector>

#include "rules/builtin_rules.h"

namespace backtriage {

// The most one rule file, and all the rule files of a directory together, may hold: far above
// any real rule set (the default one is about 170 kB), and low enough that a hostile
// directory costs little memory and time.
inline constexpr size_t kMaxRuleFileBytes = size_t{1} << 20;
inline constexpr size_t kMaxRuleDirectoryBytes = size_t{16} << 20;

// A file's text, or why it was not read (in the words of a rule file).
struct ReadFile {
  std::string text;
  std::string refused;     // not a file to read (not regular, too large): a config error
  std::string unreadable;  // could not be opened or read: the system's reason
};

// Reads the regular file `path` (symbolic links followed) if it holds at most `cap` bytes,
// reading no more than `cap` + 1 of them, so that a file growing while it is read is caught
// by the cap too; a FIFO is refused without waiting on it. Never throws beyond
// std::bad_alloc.
ReadFile read_regular_file(const std::string& path, size_t cap);

// Reads every *.yaml file of `directory` (names starting with '.' aside), in file-name order.
// Only regular files are read, a symbolic link only when it leads to one: a directory, FIFO,
// socket or device named *.yaml is refused without being opened for reading (a FIFO would
// block, /dev/zero never end), as is a file over kMaxRuleFileBytes or one that takes the
// directory past kMaxRuleDirectoryBytes, and no more than the cap is ever read. Throws
// Error(config) when `directory` is not a directory, holds no rule file, or holds any file so
// refused (the message names every such file, one diagnostic a line, then "rule directory
// 'DIR' is invalid"); otherwise Error(no_input) when a file cannot be opened or read (a
// permission, a dangling link), naming it.
std::vector<RuleSource> read_rule_directory(const std::string& directory);

// The region a file holds the terms of ("us" for ".../terms-us.yaml"), or "" for a rule file.
std::string region_of_file(const std::string& path);

// How many hex digits of the SHA-256 digest name a rule set: 128 bits, so that not even the
// author of both rule sets can make two of them share a hash (a collision costs about 2^64
// digests), which an audit trail that cites the hash relies on.
inline constexpr size_t kRuleSetHashLength = 32;

// The hash identifying a rule set's exact content: the first kRuleSetHashLength hex digits of
// the SHA-256 of every file's name (without its directory) and text, in order. Never throws.
std::string rule_set_hash(const std::vector<RuleSource>& sources);

}  // namespace backtriage
