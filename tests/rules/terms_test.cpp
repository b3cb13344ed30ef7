// Region terms, question labels, scale labels and the safety net chosen by outcome: the parts
// of the rule format that make texts right for a patient in one country.
#include <doctest/doctest.h>

#include "test_support.h"

#include <string>
#include <vector>

#include "decision/evaluate.h"
#include "output/decision_json.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

const char* const kBase = R"(ruleset:
  name: t
  version: "1"
  region: uk
terms:
  emergency_number: "999"
  gp: GP practice
outputs:
  duration_class:
    values: [acute, chronic]
  category:
    values: [nonspecific, other]
  recommendation:
    values: [self-manage, see-specialist]
    labels: {see-specialist: "See your {gp}"}
  urgency:
    values: [routine, emergency]
questions:
  - id: duration_days
    type: duration
    required: true
    prompt: How long?
    label: how long it has lasted
  - id: numbness
    type: yes_no
    red_flag: emergency
    prompt: Numb? Call {emergency_number}.
rules:
  - id: E1
    title: Numb
    when: numbness
    recommendation: see-specialist
    urgency: emergency
    advice: Call {emergency_number} now, not your {gp}.
    source: S1 {not a term}
  - id: P6
    title: Blank
    when: unknown(numbness)
    recommendation: see-specialist
    warning: "Left blank: {missing_red_flags}. Literal {{braces}}."
    source: S2
safety_net:
  - when: urgency == emergency
    text: Go now.
  - when: recommendation == self-manage and not numbness
    text: Rest a little.
  - text: In an emergency call {emergency_number}.
)";

const char* const kUs = "terms:\n  emergency_number: \"911\"\n  gp: primary care doctor\n";


LoadResult load(const std::string& base, const std::string& region = {}, const std::string& us = kUs) {
  return load_rules({{"r/00-all.yaml", base}, {"r/terms-us.yaml", us}}, region);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("terms are substituted at load; sources are citations and keep their braces") {
  LoadResult result = load(kBase);
  REQUIRE_MESSAGE(result.rules, errors(result));
  const RuleSet& set = *result.rules;
  CHECK(set.region == "uk");
  CHECK(set.regions == std::vector<std::string>{"uk", "us"});
  CHECK(set.questions[1].prompt == "Numb? Call 999.");
  CHECK(set.rules[0].advice == "Call 999 now, not your GP practice.");
  CHECK(set.rules[0].source == "S1 {not a term}");
  CHECK(set.rules[1].warning == "Left blank: {missing_red_flags}. Literal {braces}.");
  CHECK(set.scale(Output::recommendation).label(1) == "See your GP practice");
  CHECK(set.scale(Output::recommendation).label(0) == "self-manage");  // no label: the value
  CHECK(set.safety_net.back().text == "In an emergency call 999.");
  CHECK(set.questions[0].shown_label() == "how long it has lasted");
  CHECK(set.questions[1].shown_label() == "Numb? Call 999.");  // no label: the prompt
  // The region's file is not part of the default region's rule set.
  CHECK(result.sources.size() == 1);
}

TEST_CASE("a region replaces the terms, and changes the rule-set hash") {
  LoadResult uk = load(kBase);
  LoadResult us = load(kBase, "us");
  REQUIRE_MESSAGE(us.rules, errors(us));
  CHECK(us.rules->region == "us");
  CHECK(us.rules->rules[0].advice == "Call 911 now, not your primary care doctor.");
  CHECK(us.rules->hash != uk.rules->hash);
  CHECK(load(kBase, "uk").rules->hash == uk.rules->hash);
}

TEST_CASE("an unknown region is refused, naming the regions there are") {
  LoadResult result = load(kBase, "fr");
  CHECK_FALSE(result.rules);
  CHECK(result.unknown_region);
  CHECK(errors(result) == ":0:0: unknown region 'fr': this rule set has uk, us\n");
}

TEST_CASE("an unknown term is an error at its position, with a suggestion") {
  LoadResult result = load(replaced(kBase, "Call {emergency_number} now", "Call {emergency_numbr} now"));
  CHECK(errors(result) == "r/00-all.yaml:34:18: unknown term 'emergency_numbr' (did you mean 'emergency_number'?)\n");
}

TEST_CASE("an unused term is an error at its name") {
  LoadResult result = load(replaced(kBase, "  gp: GP practice\n", "  gp: GP practice\n  pharmacist: pharmacist\n"));
  CHECK(errors(result) == "r/00-all.yaml:8:3: term 'pharmacist' is never used\n");
}

TEST_CASE("a region's term that the rule set lacks is an error in the region's file") {
  LoadResult result = load(kBase, "us", "terms:\n  emergency_numbr: \"911\"\n");
  CHECK(errors(result) ==
        "r/terms-us.yaml:2:3: unknown term 'emergency_numbr' (did you mean 'emergency_number'?): a region replaces the "
        "terms of the rule set\n");
}

TEST_CASE("a brace that starts no term, and the placeholder outside a warning, are errors") {
  CHECK(errors(load(replaced(kBase, "Rest a little.", "Rest { a little."))) ==
        "r/00-all.yaml:46:16: a '{' that starts no term\n");
  CHECK(errors(load(replaced(kBase, "Go now.", "Go now {missing_red_flags}."))) ==
        "r/00-all.yaml:44:18: {missing_red_flags} is filled in only in warnings\n");
}

TEST_CASE("the safety net shows every entry whose condition holds for the outcome, in order") {
  LoadResult result = load(kBase);
  REQUIRE(result.rules);
  const RuleSet& set = *result.rules;
  Decision d;
  evaluate(set, {3, 1}, d);  // numb: an emergency
  CHECK(safety_net_texts(set, d) == std::vector<std::string>{"Go now.", "In an emergency call 999."});
  evaluate(set, {3, 0}, d);
  CHECK(safety_net_texts(set, d) == std::vector<std::string>{"Rest a little.", "In an emergency call 999."});
  // The placeholder names the label (here the prompt) of each blank red flag.
  evaluate(set, {3, kUnknown}, d);
  CHECK(decision_warnings(set, d) == std::vector<std::string>{"Left blank: Numb? Call 999.. Literal {braces}."});
}

TEST_CASE("a plain safety_net text is shown in every report") {
  LoadResult result = load(replaced(kBase, kBase + std::string(kBase).find("safety_net:"), "safety_net: Always {gp}.\n"));
  REQUIRE_MESSAGE(result.rules, errors(result));
  REQUIRE(result.rules->safety_net.size() == 1);
  CHECK(result.rules->safety_net[0].text == "Always GP practice.");
  CHECK_FALSE(result.rules->safety_net[0].when);
}

TEST_CASE("a safety-net condition is checked like an invariant's") {
  LoadResult result = load(replaced(kBase, "urgency == emergency", "urgency == urgent"));
  CHECK(errors(result).rfind("r/00-all.yaml:43:22: unknown value 'urgent' for urgency", 0) == 0);
}

TEST_CASE("evaluate_stopped: questions after the stop are not asked, not unanswered, never a blank red flag") {
  LoadResult result = load(kBase);
  REQUIRE(result.rules);
  Decision d;
  evaluate_stopped(*result.rules, {3, kUnknown}, 1, d);
  CHECK(d.not_asked == std::vector<std::uint16_t>{1});
  CHECK(d.unanswered.empty());
  // A question not asked reads as unknown, as a question that does not apply does.
  CHECK(d.matched_rules == std::vector<std::uint16_t>{1});
}

TEST_CASE("unknown terms later in one text are placed at their own positions") {
  LoadResult result = load(replaced(kBase, "Call {emergency_number} now, not your {gp}.",
                                    "Call {emergency_numbr} now, not your {gpp}, {gpp}."));
  CHECK(errors(result) ==
        "r/00-all.yaml:34:18: unknown term 'emergency_numbr' (did you mean 'emergency_number'?)\n"
        "r/00-all.yaml:34:50: unknown term 'gpp' (did you mean 'gp'?)\n"
        "r/00-all.yaml:34:57: unknown term 'gpp' (did you mean 'gp'?)\n");
}

TEST_CASE("past the diagnostics that are printed, unknown names cost no suggestion") {
  std::string many;
  for (size_t i = 0; i < kShownDiagnostics + 20; ++i) many += " {gpp}";
  LoadResult result = load(replaced(kBase, "Call {emergency_number} now, not your {gp}.", "Call {gp}" + many + "."));
  REQUIRE(result.diagnostics.size() == kShownDiagnostics + 20);
  CHECK(result.diagnostics[kShownDiagnostics - 1].message == "unknown term 'gpp' (did you mean 'gp'?)");
  CHECK(result.diagnostics[kShownDiagnostics - 1].hint == "the terms are: emergency_number, gp");
  CHECK(result.diagnostics[kShownDiagnostics].message == "unknown term 'gpp'");
  CHECK(result.diagnostics[kShownDiagnostics].hint.empty());
  // Still at their own columns: "    advice: Call {gp}" ends at column 21, then " {gpp}" each
  // six wide, the first brace at column 23.
  CHECK(result.diagnostics[kShownDiagnostics].col == 23 + 6 * static_cast<int>(kShownDiagnostics));
}
