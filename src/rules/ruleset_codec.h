#pragma once
// A loaded rule set as compact bytes, so that a rule directory is parsed once per edit rather
// than once per process: parsing YAML is nine tenths of the cost of one `eval`, and decoding
// these bytes a small fraction of it. What triage reads is kept (questions, scales, rules,
// invariants, safety net, hash); stored test cases and the source texts are not.
//
// The bytes are a cache, not an interchange format: they are read only by the same version of
// backtriage that wrote them. They are still checked as untrusted input, because a file can
// be damaged: a checksum, bounds on every length, and every index a condition or rule holds is
// validated, so decoding damaged bytes gives nothing rather than a rule set that could read
// out of bounds.
#include <optional>
#include <string>
#include <string_view>

#include "rules/ruleset.h"

namespace backtriage {

// Encodes `rules` without its stored tests and sources. Never throws beyond std::bad_alloc.
std::string encode_rule_set(const RuleSet& rules);

// The rule set `bytes` encode, or nothing when they are damaged, truncated or from another
// format. Never throws beyond std::bad_alloc.
std::optional<RuleSet> decode_rule_set(std::string_view bytes);

}  // namespace backtriage
