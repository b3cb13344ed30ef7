#pragma once
// What the fuzz targets share: the built-in rule set, loaded once per process, and a check
// that aborts (a crash to libFuzzer, a failed test to the replay) with the property it names.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "rules/loader.h"

namespace backtriage::fuzz {

inline const RuleSet& builtin_rules() {
  static const RuleSet rules = [] {
    LoadResult loaded = load_rules(builtin_rule_sources());
    if (!loaded.rules) std::abort();
    return std::move(*loaded.rules);
  }();
  return rules;
}

// Aborts with `property` on stderr unless `holds`.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", property);
  std::abort();
}

// Whether `text` parses as one JSON value; nlohmann also refuses text that is not UTF-8.
inline bool parses_as_json(std::string_view text) { return nlohmann::json::accept(text); }

}  // namespace backtriage::fuzz
