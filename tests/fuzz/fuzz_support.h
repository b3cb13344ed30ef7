#pragma once
// What the fuzz targets share: the built-in rule set, loaded once per process, a check that
// aborts (a crash to libFuzzer, a failed test to the replay) with the property it names, and
// a small stack to run on.
#include <pthread.h>

#include <cstddef>
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

// Runs `body()` on a thread with a 1 MiB stack, an eighth of Linux's default, so that recursion
// which a hostile input can deepen crashes here rather than only on a smaller machine.
template <class Body>
void on_small_stack(Body& body) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, std::size_t{1} << 20);
  pthread_t thread;
  auto run = [](void* b) -> void* {
    (*static_cast<Body*>(b))();
    return nullptr;
  };
  require(pthread_create(&thread, &attributes, run, &body) == 0, "the thread starts");
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
}

// Whether `text` parses as one JSON value; nlohmann also refuses text that is not UTF-8.
inline bool parses_as_json(std::string_view text) { return nlohmann::json::accept(text); }

}  // namespace backtriage::fuzz
