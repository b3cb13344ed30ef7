// The prover, the static checks and the diff against brute force: random small rule sets,
// every intake enumerated concretely and evaluated with the real evaluator.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <random>
#include <string>

#include <fmt/format.h>

#include "check/rule_diff.h"
#include "check/partial_eval.h"
#include "check/rule_check.h"
#include "check/search.h"
#include "rules/loader.h"

using namespace backtriage;

namespace {

const std::string kOutputs = R"(
outputs:
  duration_class: {values: [acute, subacute, chronic]}
  category: {values: [nonspecific, radicular, other]}
  recommendation: {values: [self-manage, start-pt, see-specialist]}
  urgency: {values: [routine, urgent, emergency]}
)";

const std::string kHeader = kOutputs + R"(questions:
  - {id: d, type: duration, required: true, prompt: p}
  - {id: a, type: yes_no, prompt: p}
  - {id: b, type: yes_no, required: true, prompt: p}
  - {id: c, type: yes_no, asked_if: a or b, red_flag: emergency, prompt: p}
  - {id: n, type: number, min: 0, max: 10, prompt: p}
  - {id: e, type: yes_no, asked_if: n >= 5 or unknown(a), red_flag: yes, prompt: p}
  - {id: f, type: yes_no, red_flag: yes, required: true, asked_if: not c, prompt: p}
)";

// The questions of kHeader changed as a new version of a rule set might change them: `b` no
// longer required, `n` with a wider range, a new required question `g` asked after `a`.
const std::string kChangedHeader = kOutputs + R"(questions:
  - {id: d, type: duration, required: true, prompt: p}
  - {id: a, type: yes_no, prompt: p}
  - {id: g, type: yes_no, required: true, asked_if: a, prompt: p}
  - {id: b, type: yes_no, prompt: p}
  - {id: c, type: yes_no, asked_if: a or b, red_flag: emergency, prompt: p}
  - {id: n, type: number, min: 0, max: 12, prompt: p}
  - {id: e, type: yes_no, asked_if: n >= 5 or unknown(a), red_flag: yes, prompt: p}
  - {id: f, type: yes_no, red_flag: yes, required: true, asked_if: not c, prompt: p}
)";

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string atom() {
    static const char* yes_no[] = {"a", "b", "c", "e", "f"};
    static const char* all[] = {"a", "b", "c", "e", "f", "d", "n"};
    static const char* ops[] = {"<", "<=", ">", ">=", "==", "!="};
    switch (pick(8)) {
      case 0: return yes_no[pick(5)];
      case 1: return fmt::format("{}({})", pick(2) ? "no" : "yes", yes_no[pick(5)]);
      case 2: return fmt::format("{}({})", pick(2) ? "unknown" : "known", all[pick(7)]);
      case 3: return fmt::format("d {} {}", ops[pick(6)], std::vector<int>{3, 7, 20}[pick(3)]);
      case 4: return fmt::format("n {} {}", ops[pick(6)], pick(12));
      case 5: return pick(2) ? "any_yes(red_flags)" : "any_unknown(red_flags)";
      case 6: return pick(2) ? "any_yes(emergency_flags)" : "any_unknown(c, e, f)";
      default: return fmt::format("count({}, {}, {}) >= {}", yes_no[pick(5)], atom(), atom(), 1 + pick(2));
    }
  }

  std::string condition(int depth) {
    if (depth == 0 || pick(10) < 4) return atom();
    switch (pick(3)) {
      case 0: return fmt::format("({} and {})", condition(depth - 1), condition(depth - 1));
      case 1: return fmt::format("({} or {})", condition(depth - 1), condition(depth - 1));
      default: return fmt::format("not {}", condition(depth - 1));
    }
  }

  std::string rule(int i) {
    static const char* outputs[] = {"duration_class", "category", "recommendation", "urgency"};
    static const char* values[4][3] = {{"acute", "subacute", "chronic"},
                                       {"nonspecific", "radicular", "other"},
                                       {"self-manage", "start-pt", "see-specialist"},
                                       {"routine", "urgent", "emergency"}};
    std::string proposes;
    int first = pick(4);
    for (int o = 0; o < 4; ++o)
      if (o == first || pick(3) == 0) proposes += fmt::format(", {}: {}", outputs[o], values[o][pick(3)]);
    return fmt::format("  - {{id: R{}, title: t, when: '{}'{}, source: s}}\n", i, condition(2), proposes);
  }

  std::string invariant(int i) {
    static const char* thens[] = {"recommendation == see-specialist", "recommendation != self-manage",
                                  "urgency == emergency", "category >= radicular", "urgency <= urgent"};
    std::string when = pick(3) ? condition(1) : "urgency > routine";
    std::string then = pick(3) ? thens[pick(5)] : fmt::format("({} or {})", thens[pick(5)], condition(1));
    return fmt::format("  - {{id: I{}, when: '{}', then: '{}'}}\n", i, when, then);
  }

  RuleSet rule_set(int rules, const std::string& header = kHeader) {
    std::string text = header;
    text += "rules:\n";
    for (int i = 0; i < rules; ++i) text += rule(i);
    text += "invariants:\n";
    for (int i = 0; i < 3; ++i) text += invariant(i);
    LoadResult loaded = load_rules({{"random.yaml", text}});
    INFO(text);
    INFO(format_diagnostics(loaded));
    REQUIRE(loaded.rules);
    return std::move(*loaded.rules);
  }

 private:
  std::mt19937 rng_;
};

// Calls `visit` with every intake of the space whose known values are `known` (blank
// allowed unless an applicable question is required; one blank when not applicable).
void enumerate(const RuleSet& rules, const std::vector<std::vector<AnswerValue>>& known,
               const std::function<void(const std::vector<AnswerValue>&)>& visit) {
  size_t n = rules.questions.size();
  std::vector<AnswerValue> answers(n, kUnknown), effective(n, kUnknown);
  std::vector<std::uint8_t> applicable(n, 1);
  std::function<void(size_t)> walk = [&](size_t k) {
    if (k == n) return visit(answers);
    const Question& q = rules.questions[k];
    applicable[k] = !q.asked_if || holds(*q.asked_if, {effective.data(), nullptr, applicable.data()});
    std::vector<AnswerValue> values;
    if (!applicable[k] || !q.required) values.push_back(kUnknown);
    if (applicable[k])
      for (AnswerValue v : known[k]) values.push_back(v);
    for (AnswerValue v : values) {
      answers[k] = v;
      effective[k] = applicable[k] ? v : kUnknown;
      walk(k + 1);
    }
  };
  walk(0);
}

// Every value of every question, densely: no representative choice involved.
std::vector<std::vector<AnswerValue>> dense_values(const RuleSet& rules) {
  std::vector<std::vector<AnswerValue>> known;
  for (const Question& q : rules.questions) {
    std::vector<AnswerValue> values;
    if (q.type == AnswerType::yes_no) values = {0, 1};
    else if (q.type == AnswerType::number) for (int v = q.min; v <= q.max; ++v) values.push_back(v);
    else {
      for (int v = 0; v <= 25; ++v) values.push_back(v);
      values.push_back(kMaxDurationDays);
    }
    known.push_back(values);
  }
  return known;
}

bool exists(const RuleSet& rules, const SearchGoal& goal) {
  bool found = false;
  Decision decision;
  enumerate(rules, dense_values(rules), [&](const std::vector<AnswerValue>& answers) {
    found = found || goal_holds(rules, goal, answers, decision);
  });
  return found;
}

}  // namespace

TEST_CASE("the search finds an intake exactly when brute force over every value does") {
  Generator gen(20261123);
  for (int round = 0; round < 60; ++round) {
    RuleSet rules = gen.rule_set(6);
    InputSpace space = make_input_space(rules);
    std::vector<SearchGoal> goals;
    for (int i = 0; i < 3; ++i) {
      goals.push_back({SearchGoal::Kind::breaks_invariant, i});
      goals.push_back({SearchGoal::Kind::meets_invariant, i});
    }
    for (int r = 0; r < 6; ++r) {
      goals.push_back({SearchGoal::Kind::matches_rule, r});
      goals.push_back({SearchGoal::Kind::rule_counts, r});
    }
    for (const SearchGoal& goal : goals) {
      CAPTURE(round);
      CAPTURE(static_cast<int>(goal.kind));
      CAPTURE(goal.index);
      auto found = find_intake(rules, space, goal);
      CHECK(found.has_value() == exists(rules, goal));
      if (!found) continue;
      Decision decision;
      CHECK(goal_holds(rules, goal, *found, decision));
      simplify_intake(rules, goal, *found);
      CHECK(goal_holds(rules, goal, *found, decision));
    }
  }
}

TEST_CASE("the diff counts each group exactly as brute force over the same space") {
  Generator gen(4);
  for (int round = 0; round < 40; ++round) {
    RuleSet old_rules = gen.rule_set(5);
    RuleSet new_rules = round % 4 == 0 ? old_rules : gen.rule_set(5);
    // The space: representatives of both rule sets' constants.
    std::vector<Constants> constants(old_rules.questions.size());
    collect_constants(old_rules, constants);
    collect_constants(new_rules, constants);
    std::vector<std::vector<AnswerValue>> known;
    for (size_t q = 0; q < old_rules.questions.size(); ++q) {
      const Question& question = old_rules.questions[q];
      known.push_back(question.type == AnswerType::yes_no ? std::vector<AnswerValue>{0, 1}
                                                           : representatives(answer_range(question), constants[q]));
    }
    // Each representative stands for the whole numbers from it up to the next one.
    auto answers_standing_for = [&](size_t q, AnswerValue v) -> std::uint64_t {
      if (v == kUnknown || old_rules.questions[q].type == AnswerType::yes_no) return 1;
      auto next = std::upper_bound(known[q].begin(), known[q].end(), v);
      return (next == known[q].end() ? answer_range(old_rules.questions[q]).second + 1 : *next) - v;
    };
    std::map<std::string, std::uint64_t> expected;
    std::uint64_t total = 0, changed = 0;
    Decision before, after;
    enumerate(old_rules, known, [&](const std::vector<AnswerValue>& answers) {
      std::uint64_t weight = 1;
      for (size_t q = 0; q < answers.size(); ++q) weight *= answers_standing_for(q, answers[q]);
      total += weight;
      evaluate(old_rules, answers, before);
      evaluate(new_rules, answers, after);
      bool any = false;
      for (int o = 0; o < kOutputCount; ++o) {
        if (before.outcome[o] == after.outcome[o]) continue;
        any = true;
        std::string group = fmt::format("{} {} {}", kOutputNames[o], old_rules.scales[o].values[before.outcome[o]],
                                        new_rules.scales[o].values[after.outcome[o]]);
        expected[group] += weight;
        for (size_t r = 0; r < old_rules.rules.size(); ++r) {
          auto matched = [&](const Decision& d) {
            return std::find(d.matched_rules.begin(), d.matched_rules.end(), r) != d.matched_rules.end();
          };
          bool m0 = matched(before), m1 = matched(after);
          bool differs = m0 != m1 || (m0 && old_rules.rules[r].proposes != new_rules.rules[r].proposes);
          bool decides = (m0 && old_rules.rules[r].proposes[o] == before.outcome[o]) ||
                         (m1 && new_rules.rules[r].proposes[o] == after.outcome[o]);
          if (differs && decides) expected[group + " " + old_rules.rules[r].id] += weight;
        }
      }
      changed += any ? weight : 0;
    });
    RuleDiff diff = diff_rule_sets(old_rules, new_rules);
    std::map<std::string, std::uint64_t> actual;
    for (const DiffGroup& g : diff.groups) {
      std::string group = fmt::format("{} {} {}", g.field, g.from, g.to);
      actual[group] += g.count.low_u64();
      for (const RuleShare& share : g.rules) actual[group + " " + share.rule] += share.count.low_u64();
    }
    CAPTURE(round);
    CHECK(diff.intakes == total);
    CHECK(diff.changed == changed);
    CHECK(actual == expected);
  }
}

TEST_CASE("the diff counts intakes: every whole number of a range, as brute force over every value") {
  // Number questions of small ranges, so that every intake can be listed; the random rules
  // compare them with random constants, so representatives stand for stretches of every width.
  std::mt19937 rng(2026);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::string header = kOutputs + R"(questions:
  - {id: n, type: number, min: 0, max: 15, prompt: p}
  - {id: m, type: number, min: 0, max: 9, asked_if: n > 3, prompt: p}
  - {id: a, type: yes_no, prompt: p}
)";
  auto rule_set = [&] {
    std::string text = header + "rules:\n";
    const char* ops[] = {"<", "<=", ">", ">=", "=="};
    for (int r = 0; r < 4; ++r)
      text += fmt::format("  - {{id: R{}, title: t, when: '{} {} {} {} m {} {}', urgency: {}, source: s}}\n", r,
                          pick(2) ? "n" : "not a or n", ops[pick(5)], pick(17), pick(2) ? "and" : "or", ops[pick(5)],
                          pick(11), pick(2) ? "urgent" : "emergency");
    LoadResult loaded = load_rules({{"dense.yaml", text}});
    INFO(text);
    INFO(format_diagnostics(loaded));
    REQUIRE(loaded.rules);
    return std::move(*loaded.rules);
  };
  for (int round = 0; round < 30; ++round) {
    RuleSet old_rules = rule_set(), new_rules = rule_set();
    std::uint64_t total = 0, changed = 0;
    Decision before, after;
    enumerate(old_rules, dense_values(old_rules), [&](const std::vector<AnswerValue>& answers) {
      ++total;
      evaluate(old_rules, answers, before);
      evaluate(new_rules, answers, after);
      changed += before.outcome != after.outcome;
    });
    RuleDiff diff = diff_rule_sets(old_rules, new_rules);
    CAPTURE(round);
    // a: unknown, no or yes; n: unknown or 0..3 (m not asked), or 4..15 with m unknown or 0..9.
    CHECK(total == 3 * (5 + 12 * 11));
    CHECK(diff.intakes == total);
    CHECK(diff.changed == changed);
    CHECK(diff_rule_sets_by_search(old_rules, new_rules).changed == diff.changed);
  }
}

std::string diff_text(const RuleDiff& diff) {
  std::string out = fmt::format("{} {}\n", diff.intakes.str(), diff.changed.str());
  for (const DiffGroup& g : diff.groups)
  {
    out += fmt::format("{} {} {} {} | {} | {}\n", g.field, g.from, g.to, g.count.str(), g.description, g.example);
    for (const RuleShare& share : g.rules) out += fmt::format("  {} {} {}\n", share.rule, share.count.str(), share.example);
  }
  return out;
}

// 1,000 random cases each; a sanitizer build, several times slower, runs 200 (the same first
// 200, as the generator is seeded the same).
#ifdef BACKTRIAGE_SANITIZE
constexpr int kRandomRounds = 200;
#else
constexpr int kRandomRounds = 1000;
#endif

TEST_CASE("the symbolic prover agrees with the exhaustive search on random rule sets") {
  Generator gen(20261202);
  for (int round = 0; round < kRandomRounds; ++round) {
    RuleSet rules = gen.rule_set(6);
    CAPTURE(round);
    auto expected = prove_invariants_by_search(rules);
    auto actual = prove_invariants(rules);
    REQUIRE(actual.size() == expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
      CAPTURE(i);
      CHECK(actual[i].holds == expected[i].holds);
      CHECK(actual[i].never_applies == expected[i].never_applies);
      CHECK(actual[i].counterexample == expected[i].counterexample);
    }
    auto message = [](const std::vector<Diagnostic>& ds) {
      std::string out;
      for (const Diagnostic& d : ds) out += fmt::format("{}:{}: {}\n", d.line, d.col, d.message);
      return out;
    };
    CHECK(message(find_warnings(rules)) == message(find_warnings_by_search(rules)));
  }
}

TEST_CASE("the symbolic diff agrees with the exhaustive search on random pairs of rule sets") {
  Generator gen(7);
  for (int round = 0; round < kRandomRounds; ++round) {
    RuleSet old_rules = gen.rule_set(5);
    RuleSet new_rules = round % 5 == 0 ? old_rules : gen.rule_set(5, round % 3 == 0 ? kChangedHeader : kHeader);
    CAPTURE(round);
    CHECK(diff_text(diff_rule_sets(old_rules, new_rules)) == diff_text(diff_rule_sets_by_search(old_rules, new_rules)));
  }
}
