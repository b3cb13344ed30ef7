#include "check/search.h"

#include <algorithm>
#include <unordered_set>

#include "check/partial_eval.h"

namespace backtriage {
namespace {

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  return a == Tri::yes && b == Tri::yes ? Tri::yes : Tri::maybe;
}

Tri tri_not(Tri a) { return a == Tri::maybe ? Tri::maybe : (a == Tri::yes ? Tri::no : Tri::yes); }

// Depth-first search over the questions in asking order. memo_[k] holds the states, after
// settling questions 0..k-1, whose every completion was found not to satisfy the goal: the
// state image (rules, asked-if conditions still to come, goal) determines every completion's
// result, so a state seen before needs no second visit.
class Searcher {
 public:
  Searcher(const RuleSet& rules, const InputSpace& space, const SearchGoal& goal)
      : rules_(rules), space_(space), goal_(goal), evaluator_(rules), intake_(rules.questions.size()),
        raw_(rules.questions.size(), kUnknown), memo_(rules.questions.size() + 1) {}

  std::optional<std::vector<AnswerValue>> run() {
    if (dfs(0)) return found_;
    return std::nullopt;
  }

  std::uint64_t nodes() const { return nodes_; }

 private:
  bool rule_goal() const {
    return goal_.kind != SearchGoal::Kind::breaks_invariant && goal_.kind != SearchGoal::Kind::meets_invariant;
  }

  Tri goal_state(int k, std::string& key) {
    key.clear();
    evaluate_rules(rules_, intake_, evaluator_, states_, &key, rule_goal() ? goal_.index : -1);
    for (size_t q = k; q < rules_.questions.size(); ++q) {
      if (!rules_.questions[q].asked_if) continue;
      evaluator_.evaluate(*rules_.questions[q].asked_if, intake_, nullptr);
      evaluator_.append_key(key);
    }
    switch (goal_.kind) {
      case SearchGoal::Kind::breaks_invariant: {
        const Invariant& inv = rules_.invariants[goal_.index];
        Tri when = evaluator_.evaluate(inv.when, intake_, &states_.bounds);
        evaluator_.append_key(key);
        Tri then = evaluator_.evaluate(inv.then, intake_, &states_.bounds);
        evaluator_.append_key(key);
        return tri_and(when, tri_not(then));
      }
      case SearchGoal::Kind::meets_invariant: {
        Tri when = evaluator_.evaluate(rules_.invariants[goal_.index].when, intake_, &states_.bounds);
        evaluator_.append_key(key);
        return when;
      }
      case SearchGoal::Kind::matches_rule: return states_.matched[goal_.index];
      case SearchGoal::Kind::rule_counts: {
        Tri matched = states_.matched[goal_.index];
        if (matched == Tri::no) return Tri::no;
        OutputBounds others = bounds_without(rules_, states_, goal_.index);
        Tri counts = Tri::no;
        for (int o = 0; o < kOutputCount; ++o) {
          int p = rules_.rules[goal_.index].proposes[o];
          if (p == kNoProposal) continue;
          if (others.hi[o] < p) counts = Tri::yes;
          else if (others.lo[o] < p && counts == Tri::no) counts = Tri::maybe;
        }
        return tri_and(matched, counts);
      }
    }
    return Tri::no;
  }

  // Completes the intake settled up to question k (blank where allowed, else the first
  // representative) and confirms the goal concretely.
  bool complete_and_confirm(size_t k) {
    std::vector<AnswerValue> answers = raw_;
    for (size_t q = k; q < answers.size(); ++q)
      answers[q] = rules_.questions[q].required ? space_.known[q].front() : kUnknown;
    if (!goal_holds(rules_, goal_, answers, decision_)) return false;
    found_ = std::move(answers);
    return true;
  }

  bool dfs(size_t k) {
    ++nodes_;
    std::string key;
    Tri goal = goal_state(static_cast<int>(k), key);
    if (goal == Tri::no) return false;
    if (goal == Tri::yes && complete_and_confirm(k)) return true;
    if (k == rules_.questions.size()) return false;
    if (!memo_[k].insert(std::move(key)).second) return false;
    const Question& q = rules_.questions[k];
    bool applicable = !q.asked_if || holds(*q.asked_if, intake_.input());
    intake_.settled[k] = 1;
    intake_.applicable[k] = applicable;
    bool found = false;
    if (!applicable) {
      intake_.effective[k] = raw_[k] = kUnknown;
      found = dfs(k + 1);
    } else {
      for (AnswerValue v : space_.values(static_cast<int>(k), q.required)) {
        intake_.effective[k] = raw_[k] = v;
        if ((found = dfs(k + 1))) break;
      }
    }
    intake_.settled[k] = 0;
    return found;
  }

  const RuleSet& rules_;
  const InputSpace& space_;
  SearchGoal goal_;
  PartialEvaluator evaluator_;
  PartialIntake intake_;
  std::vector<AnswerValue> raw_;
  RuleStates states_;
  Decision decision_;
  std::vector<std::unordered_set<std::string>> memo_;
  std::vector<AnswerValue> found_;
  std::uint64_t nodes_ = 0;
};

}  // namespace

std::optional<std::vector<AnswerValue>> find_intake(const RuleSet& rules, const InputSpace& space, const SearchGoal& goal,
                                                    SearchStats* stats) {
  Searcher searcher(rules, space, goal);
  auto found = searcher.run();
  if (stats) stats->nodes += searcher.nodes();
  return found;
}

bool goal_holds(const RuleSet& rules, const SearchGoal& goal, const std::vector<AnswerValue>& answers,
                Decision& decision) {
  if (!score_case(rules, answers, decision).empty()) return false;
  const auto& matched = decision.matched_rules;
  bool target_matched = std::find(matched.begin(), matched.end(), goal.index) != matched.end();
  switch (goal.kind) {
    case SearchGoal::Kind::breaks_invariant: {
      const Invariant& inv = rules.invariants[goal.index];
      EvalInput input{decision.effective.data(), decision.outcome.data(), decision.applicable.data()};
      return holds(inv.when, input) && !holds(inv.then, input);
    }
    case SearchGoal::Kind::meets_invariant: {
      EvalInput input{decision.effective.data(), decision.outcome.data(), decision.applicable.data()};
      return holds(rules.invariants[goal.index].when, input);
    }
    case SearchGoal::Kind::matches_rule: return target_matched;
    case SearchGoal::Kind::rule_counts: {
      if (!target_matched) return false;
      for (int o = 0; o < kOutputCount; ++o) {
        int p = rules.rules[goal.index].proposes[o];
        if (p == kNoProposal) continue;
        int others = -1;
        for (int r : matched)
          if (r != goal.index && rules.rules[r].proposes[o] != kNoProposal) others = std::max<int>(others, rules.rules[r].proposes[o]);
        if (others < p) return true;
      }
      return false;
    }
  }
  return false;
}

void simplify_intake(const RuleSet& rules, const SearchGoal& goal, std::vector<AnswerValue>& answers) {
  Decision decision;
  for (AnswerValue& answer : answers) {
    if (answer == kUnknown) continue;
    AnswerValue kept = answer;
    answer = kUnknown;
    if (!goal_holds(rules, goal, answers, decision)) answer = kept;
  }
}

std::string eval_arguments(const RuleSet& rules, const std::vector<AnswerValue>& answers) {
  Decision decision;
  evaluate(rules, answers, decision);
  std::string out;
  for (size_t q = 0; q < rules.questions.size() && q < answers.size(); ++q) {
    if (!decision.applicable[q] || answers[q] == kUnknown) continue;
    if (!out.empty()) out += ' ';
    out += rules.questions[q].id + "=" + format_answer(rules.questions[q].type, answers[q]);
  }
  return out;
}

}  // namespace backtriage
