// libFuzzer entry point for the rule loader: the input is a rule directory, its files
// separated by lines "#> NAME" (a YAML comment, so one rule file is an input as it is; text
// before the first such line is the file 00.yaml). The load runs on a thread with a 1 MiB
// stack, so nesting that the loader fails to bound overflows it here rather than only on a
// smaller machine. Checks that a load ends in a rule set or in diagnostics that can be
// printed, and that a rule set that loads evaluates, lists and reports as valid JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decision/evaluate.h"
#include "fuzz_support.h"
#include "output/decision_json.h"
#include "output/listing.h"

namespace {

using namespace backtriage;
using fuzz::require;

std::vector<RuleSource> split_files(std::string_view input) {
  constexpr std::string_view kMarker = "#> ";
  constexpr std::size_t kMaxFiles = 8;
  std::vector<RuleSource> files{{"fuzz/00.yaml", {}}};
  std::size_t at = 0;
  while (at < input.size()) {
    std::size_t end = input.find('\n', at);
    end = end == std::string_view::npos ? input.size() : end + 1;
    const std::string_view line = input.substr(at, end - at);
    if (line.substr(0, kMarker.size()) == kMarker && files.size() < kMaxFiles) {
      std::string_view name = line.substr(kMarker.size());
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
      files.push_back({"fuzz/" + std::string(name), {}});
    } else {
      files.back().text.append(line);
    }
    at = end;
  }
  if (files.front().text.empty() && files.size() > 1) files.erase(files.begin());
  return files;
}

void load_and_check(std::string_view input) {
  LoadResult loaded = load_rules(split_files(input));
  if (!loaded.rules) {
    require(!loaded.diagnostics.empty(), "a failed load says why");
    require(!format_diagnostics(loaded).empty(), "diagnostics print");
    return;
  }
  const RuleSet& rules = *loaded.rules;
  std::vector<AnswerValue> answers(rules.questions.size(), kUnknown);
  Decision decision;
  (void)score_case(rules, answers, decision);
  const auto dump = [](const nlohmann::ordered_json& json) {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  require(fuzz::parses_as_json(dump(decision_json(rules, decision))), "a decision is valid JSON");
  require(fuzz::parses_as_json(dump(listing_json(rules))), "the listing is valid JSON");
  (void)format_listing(rules);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto load = [input = std::string_view(reinterpret_cast<const char*>(data), size)] { load_and_check(input); };
  fuzz::on_small_stack(load);
  return 0;
}
