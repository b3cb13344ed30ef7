#pragma once
// The files of a rule set: reading a rule directory, naming the region a terms file belongs to,
// and the hash that identifies a rule set's exact content in every result.
#include <string>
#include <vector>

#include "rules/builtin_rules.h"

namespace backtriage {

// Reads every *.yaml file of `directory`, in file-name order. Throws Error(config) when it is
// not a directory or holds no rule file, Error(no_input) when a file in it cannot be read.
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
