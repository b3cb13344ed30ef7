#include "output/audit_record.h"

#include <fmt/format.h>

#include "base/digest.h"
#include "decision/explain.h"
#include "version.h"

namespace backtriage {

std::string iso8601_utc(std::time_t time) {
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string audit_line(const RuleSet& rules, const AuditCase& c) {
  using Json = nlohmann::ordered_json;
  Json record;
  record["time"] = iso8601_utc(c.time);
  record["mode"] = c.mode;
  record["id"] = c.id;
  record["answered_by"] = c.answered_by.empty() ? Json() : Json(c.answered_by);
  record["backtriage"] = kVersion;
  record["ruleset"] = {{"name", rules.name},     {"version", rules.version}, {"hash", rules.hash},
                       {"region", rules.region}, {"checked", rules.checked}};
  record["answers"] = c.answers;
  record["status"] = c.status;
  if (c.status != "ok") record["error"] = c.error;
  const Decision* d = c.decision;
  Json outputs;
  if (d)
    for (int o = 0; o < kOutputCount; ++o) outputs[kOutputNames[o]] = rules.scales[o].values[d->outcome[o]];
  record["outputs"] = outputs;
  record["emergency"] = d != nullptr && is_emergency(rules, *d);
  Json matched = Json::array();
  if (d)
    for (int r : d->matched_rules) matched.push_back(rules.rules[r].id);
  record["rules"] = matched;
  static const std::vector<std::uint16_t> kNone;
  record["red_flags"] = question_ids(rules, d ? d->red_flags : kNone);
  record["unanswered"] = question_ids(rules, d ? d->unanswered : kNone);
  record["not_asked"] = question_ids(rules, d ? d->not_asked : kNone);
  record["stopped_at_emergency"] = c.stopped_at_emergency ? Json(*c.stopped_at_emergency) : Json();
  record["shown"] = {{"as", c.shown_as}, {"sha256", sha256_hex(c.shown)}};
  return record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace backtriage
