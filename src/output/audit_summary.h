#pragma once
// `audit summary`: what a safety officer reads from an audit file. Records are fed one line at
// a time; a line that is not a record is reported by the caller and left out of the counts.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace backtriage {

class AuditSummary {
 public:
  // Counts the record on `line` (one line of the audit file, without its line end). Returns ""
  // when it was counted, otherwise why it is not a record (e.g. "invalid JSON", "field 'time'
  // is missing or not a time"); a blank line is "" and not counted. Never throws.
  std::string add(std::string_view line);

  std::size_t records() const { return records_; }

  // The summary: records and time span; counts per mode and status; per outcome (recommendation
  // and urgency), most first; emergencies per day (UTC); the ten most frequent red flags; the
  // rule sets used. `name` heads it (the file name).
  std::string text(std::string_view name) const;

 private:
  std::size_t records_ = 0;
  std::string first_, last_;  // earliest and latest time
  std::map<std::string, std::size_t> modes_, statuses_, outcomes_, emergencies_per_day_, red_flags_, rule_sets_;
};

}  // namespace backtriage
