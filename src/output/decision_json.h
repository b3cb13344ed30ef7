#pragma once
// The JSON forms of a decision: the full result of `eval --format json`, and the compact
// object of one `score --format jsonl` row. Both carry the rule-set hash and tool version so
// that any past result can be reproduced.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "decision/evaluate.h"
#include "decision/explain.h"

namespace backtriage {

// {"status":"ok", outputs, red_flags, unanswered, rules:[{id,title,source}], advice, warnings,
//  decided_by:{output:[rule ids]}, safety_net, ruleset:{name,version,hash,region}, version}.
// Never throws.
nlohmann::ordered_json decision_json(const RuleSet& rules, const Decision& decision);

// {"status":"error","error":message, ruleset, version} for a case that could not be scored.
nlohmann::ordered_json error_json(const RuleSet& rules, std::string_view message);

}  // namespace backtriage
