#pragma once
// The audit trail's record of one triaged case: one JSON object on one line, saying when, who
// answered, through which command, under which rule set, what was answered, what was decided
// and a digest of what the person was shown. Building it is pure; appending it to the audit
// file is audit_log.h's.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "decision/evaluate.h"

namespace backtriage {

// Everything about one case that the rule set and the decision do not say.
struct AuditCase {
  std::time_t time = 0;             // when the result was decided
  std::string_view mode;            // "ask", "eval" or "score"
  std::string_view id;              // the case id (--id, the intake's id column, or a row number)
  std::string_view answered_by;     // "patient", "clinician" or a name; "" when not stated
  nlohmann::ordered_json answers = nlohmann::ordered_json::object();  // as given, by name as given
  const Decision* decision = nullptr;       // null when the case got no result
  std::string_view status = "ok";           // "ok", "error" (not scorable) or "incomplete" (ask ended early)
  std::string_view error;                   // why, for status "error" or "incomplete"
  std::optional<bool> stopped_at_emergency;  // ask only: it stopped asking at an emergency
  std::string_view shown_as;                // what was shown: "text patient", "text clinician", "json", "csv", "jsonl"
  std::string_view shown;                   // the exact bytes shown for this case on standard output
};

// "2026-12-02T13:54:21Z". Never throws.
std::string iso8601_utc(std::time_t time);

// The record of `c` as one line of JSON ending in "\n", with keys in this order: time, mode,
// id, answered_by (null when not stated), backtriage (the tool version), ruleset {name,
// version, hash, region}, answers, status, error (only when not ok), outputs {name: value} (null
// without a decision), emergency, rules, red_flags, unanswered, not_asked, stopped_at_emergency
// (null but for ask), shown {as, sha256}. Control characters are escaped, so the line holds
// no line break. Never throws (but for memory); invalid UTF-8 is replaced, not refused.
std::string audit_line(const RuleSet& rules, const AuditCase& c);

}  // namespace backtriage
