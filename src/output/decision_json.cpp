#include "output/decision_json.h"

#include <algorithm>

#include <fmt/format.h>

#include "version.h"

namespace backtriage {
namespace {

nlohmann::ordered_json provenance(const RuleSet& rules) {
  nlohmann::ordered_json ruleset = {{"name", rules.name}, {"version", rules.version}, {"hash", rules.hash}};
  if (!rules.region.empty()) ruleset["region"] = rules.region;
  ruleset["checked"] = rules.checked;
  return ruleset;
}

}  // namespace

nlohmann::ordered_json decision_json(const RuleSet& rules, const Decision& decision) {
  nlohmann::ordered_json result;
  result["status"] = "ok";
  for (int o = 0; o < kOutputCount; ++o) result[kOutputNames[o]] = rules.scales[o].values[decision.outcome[o]];
  result["red_flags"] = question_ids(rules, decision.red_flags);
  result["unanswered"] = question_ids(rules, decision.unanswered);
  nlohmann::ordered_json matched = nlohmann::ordered_json::array();
  for (int r : decision.matched_rules) {
    const Rule& rule = rules.rules[r];
    matched.push_back({{"id", rule.id}, {"title", rule.title}, {"source", rule.source}});
  }
  result["rules"] = matched;
  nlohmann::ordered_json decided = nlohmann::ordered_json::object();
  for (int o = 0; o < kOutputCount; ++o) {
    std::vector<std::string> ids;
    for (int r : deciding_rules(rules, decision, static_cast<Output>(o))) ids.push_back(rules.rules[r].id);
    decided[kOutputNames[o]] = ids;
  }
  result["decided_by"] = decided;
  result["advice"] = decision_advice(rules, decision);
  result["warnings"] = decision_warnings(rules, decision);
  result["safety_net"] = fmt::format("{}", fmt::join(safety_net_texts(rules, decision), "\n\n"));
  result["ruleset"] = provenance(rules);
  result["version"] = kVersion;
  return result;
}

nlohmann::ordered_json error_json(const RuleSet& rules, std::string_view message) {
  return {{"status", "error"}, {"error", message}, {"ruleset", provenance(rules)}, {"version", kVersion}};
}

}  // namespace backtriage
