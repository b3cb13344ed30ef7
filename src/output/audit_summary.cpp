#include "output/audit_summary.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/text.h"

namespace backtriage {
namespace {

using Json = nlohmann::json;

bool is_string(const Json& record, const char* key) { return record.contains(key) && record[key].is_string(); }

// "2026-12-02T13:54:21Z" and the like: a date, a T, and a time; the day is the first 10 bytes.
bool is_time(const std::string& time) {
  return time.size() >= 20 && time[4] == '-' && time[7] == '-' && time[10] == 'T' && time.back() == 'Z';
}

// "  NAME  COUNT" lines, most first (then by name), at most `limit`.
std::string table(const std::map<std::string, std::size_t>& counts, std::size_t limit) {
  std::vector<std::pair<std::string, std::size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (rows.size() > limit) rows.resize(limit);
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string out;
  for (const auto& [name, count] : rows) out += fmt::format("  {:<{}}  {:>6}\n", name, width, count);
  return out.empty() ? "  none\n" : out;
}

}  // namespace

std::string AuditSummary::add(std::string_view line) {
  if (trim(line).empty()) return "";
  Json record = Json::parse(line.begin(), line.end(), nullptr, false);
  if (record.is_discarded()) return "invalid JSON (a line cut short?)";
  if (!record.is_object()) return "not a JSON object";
  if (!is_string(record, "time") || !is_time(record["time"].get<std::string>()))
    return "field 'time' is missing or not a UTC time";
  for (const char* key : {"mode", "status"})
    if (!is_string(record, key)) return fmt::format("field '{}' is missing or not a string", key);
  if (!record.contains("emergency") || !record["emergency"].is_boolean())
    return "field 'emergency' is missing or not true/false";
  if (!record.contains("red_flags") || !record["red_flags"].is_array())
    return "field 'red_flags' is missing or not a list";
  for (const Json& flag : record["red_flags"])
    if (!flag.is_string()) return "field 'red_flags' holds something other than question ids";
  const Json& outputs = record.contains("outputs") ? record["outputs"] : Json();
  std::string status = record["status"];
  if (status == "ok" && !(outputs.is_object() && outputs.contains("recommendation") &&
                          outputs["recommendation"].is_string() && outputs.contains("urgency") &&
                          outputs["urgency"].is_string()))
    return "field 'outputs' lacks the recommendation or the urgency";

  std::string time = record["time"];
  ++records_;
  if (first_.empty() || time < first_) first_ = time;
  if (time > last_) last_ = time;
  ++modes_[record["mode"].get<std::string>()];
  ++statuses_[status];
  if (status == "ok")
    ++outcomes_[fmt::format("{} / {}", outputs["recommendation"].get<std::string>(), outputs["urgency"].get<std::string>())];
  else
    ++outcomes_[fmt::format("({})", status)];
  if (record["emergency"].get<bool>()) ++emergencies_per_day_[time.substr(0, 10)];
  for (const Json& flag : record["red_flags"]) ++red_flags_[flag.get<std::string>()];
  if (record.contains("ruleset") && record["ruleset"].is_object()) {
    const Json& set = record["ruleset"];
    auto field = [&](const char* key) { return set.contains(key) && set[key].is_string() ? set[key].get<std::string>() : "?"; };
    ++rule_sets_[fmt::format("{} {} {}, region {}", field("hash"), field("name"), field("version"), field("region"))];
  }
  return "";
}

std::string AuditSummary::text(std::string_view name) const {
  if (records_ == 0) return fmt::format("{}: no records\n", name);
  std::string out = fmt::format("{}: {}, {} to {}\n", name, plural(records_, "record"), first_, last_);
  auto inline_counts = [](const std::map<std::string, std::size_t>& counts) {
    std::vector<std::string> parts;
    for (const auto& [key, count] : counts) parts.push_back(fmt::format("{} {}", count, key));
    return fmt::format("{}", fmt::join(parts, ", "));
  };
  out += "  by mode: " + inline_counts(modes_) + "\n";
  out += "  by status: " + inline_counts(statuses_) + "\n";
  out += "\nOutcomes (recommendation / urgency)\n" + table(outcomes_, outcomes_.size());
  out += "\nEmergencies per day (UTC)\n";
  if (emergencies_per_day_.empty()) out += "  none\n";
  for (const auto& [day, count] : emergencies_per_day_) out += fmt::format("  {}  {:>6}\n", day, count);
  out += "\nMost frequent red flags (cases)\n" + table(red_flags_, 10);
  out += "\nRule sets\n" + table(rule_sets_, rule_sets_.size());
  return out;
}

}  // namespace backtriage
