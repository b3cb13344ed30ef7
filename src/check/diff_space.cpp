#include "check/diff_space.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "decision/evaluate.h"

namespace backtriage {
namespace {

const char* type_name(AnswerType type) {
  switch (type) {
    case AnswerType::yes_no: return "a yes/no question";
    case AnswerType::duration: return "a duration";
    case AnswerType::number: return "a number";
  }
  return "?";
}

std::string asked_if_text(const Question& q) { return q.asked_if ? collapse_blanks(q.asked_if->text) : ""; }

std::string proposal(const RuleSet& rules, const Rule& rule, int o) {
  return rule.proposes[o] == kNoProposal ? "" : rules.scales[o].values[rule.proposes[o]];
}

bool same_definition(const RuleSet& a, const Rule& ra, const RuleSet& b, const Rule& rb) {
  if (collapse_blanks(ra.when.text) != collapse_blanks(rb.when.text)) return false;
  for (int o = 0; o < kOutputCount; ++o)
    if (proposal(a, ra, o) != proposal(b, rb, o)) return false;
  return true;
}

bool same_question(const Question& a, const Question& b) {
  return a.type == b.type && answer_range(a) == answer_range(b) && a.required == b.required &&
         a.red_flag == b.red_flag && asked_if_text(a) == asked_if_text(b);
}

}  // namespace

DiffSpace::DiffSpace(const RuleSet& old_rules, const RuleSet& new_rules) : sides{DiffSide(old_rules), DiffSide(new_rules)} {
  const std::array<const RuleSet*, 2> sets{&old_rules, &new_rules};
  for (size_t i = 0; i < old_rules.questions.size(); ++i) {
    const Question& q = old_rules.questions[i];
    questions.push_back({q.id, q.type, answer_range(q), {}, {}, {static_cast<int>(i), new_rules.question_index(q.id)}, {}});
  }
  int last = -1;
  for (const DiffQuestion& q : questions) {
    if (q.index[1] < 0) continue;
    if (q.index[1] < last)
      throw Error(ExitCode::config, fmt::format("the rule sets ask their shared questions in a different order "
                                                "(first at '{}'); rules diff compares them only in the same order", q.id));
    last = q.index[1];
  }
  // Questions only the new rule set has go right after the new question before them.
  size_t insert_at = 0;
  for (size_t j = 0; j < new_rules.questions.size(); ++j) {
    auto at = std::find_if(questions.begin(), questions.end(), [&](const DiffQuestion& q) { return q.index[1] == static_cast<int>(j); });
    if (at != questions.end()) {
      insert_at = static_cast<size_t>(at - questions.begin()) + 1;
      continue;
    }
    const Question& q = new_rules.questions[j];
    questions.insert(questions.begin() + insert_at++, {q.id, q.type, answer_range(q), {}, {}, {-1, static_cast<int>(j)}, {}});
  }

  std::array<std::vector<Constants>, 2> constants;
  for (int s = 0; s < 2; ++s) {
    constants[s].resize(sets[s]->questions.size());
    collect_constants(*sets[s], constants[s]);
  }
  bool symmetric = true;
  for (size_t k = 0; k < questions.size(); ++k) {
    DiffQuestion& q = questions[k];
    const Question* side[2] = {nullptr, nullptr};
    for (int s = 0; s < 2; ++s) {
      if (q.index[s] < 0) continue;
      side[s] = &sets[s]->questions[q.index[s]];
      q.constants.insert(constants[s][q.index[s]].begin(), constants[s][q.index[s]].end());
    }
    if (side[0] && side[1]) {
      if (side[0]->type != side[1]->type)
        throw Error(ExitCode::config, fmt::format("question '{}' is {} in the old rule set and {} in the new one; "
                                                  "rules diff needs shared questions to keep their type",
                                                  q.id, type_name(side[0]->type), type_name(side[1]->type)));
      auto other = answer_range(*side[1]);
      q.range = {std::min(q.range.first, other.first), std::max(q.range.second, other.second)};
      symmetric = symmetric && same_question(*side[0], *side[1]);
      if (side[0]->required != side[1]->required || answer_range(*side[0]) != other ||
          (side[0]->required && asked_if_text(*side[0]) != asked_if_text(*side[1])))
        last_asymmetric = static_cast<int>(k);
    } else {
      symmetric = false;
      if ((side[0] ? side[0] : side[1])->required) last_asymmetric = static_cast<int>(k);
    }
    q.known = q.type == AnswerType::yes_no ? std::vector<AnswerValue>{0, 1} : representatives(q.range, q.constants);
    q.weights = q.type == AnswerType::yes_no ? std::vector<std::uint32_t>{1, 1} : value_weights(q.known, q.range);
  }

  for (size_t r = 0; r < old_rules.rules.size(); ++r)
    rules.push_back({old_rules.rules[r].id, {static_cast<int>(r), new_rules.rule_index(old_rules.rules[r].id)}});
  for (size_t r = 0; r < new_rules.rules.size(); ++r)
    if (old_rules.rule_index(new_rules.rules[r].id) < 0) rules.push_back({new_rules.rules[r].id, {-1, static_cast<int>(r)}});
  // With the same questions, a rule defined the same way on both sides matches the same intakes.
  for (DiffRule& rule : rules)
    rule.watched = !symmetric || rule.index[0] < 0 || rule.index[1] < 0 ||
                   !same_definition(old_rules, old_rules.rules[rule.index[0]], new_rules, new_rules.rules[rule.index[1]]);

  asked_if_questions_.resize(2);
  for (int s = 0; s < 2; ++s)
    for (size_t k = 0; k < questions.size(); ++k)
      if (questions[k].index[s] >= 0 && sets[s]->questions[questions[k].index[s]].asked_if)
        asked_if_questions_[s].push_back(static_cast<int>(k));
}

bool DiffSpace::applicable_on(int s, size_t k) const {
  int index = questions[k].index[s];
  if (index < 0) return false;
  const Question& q = sides[s].rules->questions[index];
  return !q.asked_if || holds(*q.asked_if, sides[s].intake.input());
}

std::uint32_t DiffSpace::weight(size_t k, AnswerValue v) const {
  if (v == kUnknown) return 1;
  const DiffQuestion& q = questions[k];
  const auto at = std::lower_bound(q.known.begin(), q.known.end(), v);
  return at != q.known.end() && *at == v ? q.weights[static_cast<size_t>(at - q.known.begin())] : 1;
}

DiffStep DiffSpace::step(size_t k) const {
  DiffStep step;
  bool blank_is_error[2];
  for (int s = 0; s < 2; ++s) {
    step.applicable[s] = applicable_on(s, k);
    blank_is_error[s] = step.applicable[s] && sides[s].rules->questions[questions[k].index[s]].required;
  }
  if (!step.any_applicable()) {
    step.values = {kUnknown};
    return step;
  }
  // A blank that is an error on both sides is no triage on either: not part of the space.
  if (!(blank_is_error[0] && blank_is_error[1])) step.values.push_back(kUnknown);
  step.values.insert(step.values.end(), questions[k].known.begin(), questions[k].known.end());
  return step;
}

void DiffSpace::assign(size_t k, AnswerValue v, DiffStep& step) {
  for (int s = 0; s < 2; ++s) {
    int index = questions[k].index[s];
    if (index < 0) continue;
    DiffSide& side = sides[s];
    const Question& q = side.rules->questions[index];
    step.saved_error[s] = side.error;
    side.intake.settled[index] = 1;
    side.intake.applicable[index] = step.applicable[s];
    side.intake.effective[index] = step.applicable[s] ? v : kUnknown;
    if (v == kUnknown) side.error = side.error || (step.applicable[s] && q.required);
    else if (q.type == AnswerType::number) side.error = side.error || v < q.min || v > q.max;
  }
}

void DiffSpace::unassign(size_t k, const DiffStep& step) {
  for (int s = 0; s < 2; ++s) {
    int index = questions[k].index[s];
    if (index < 0) continue;
    sides[s].intake.settled[index] = 0;
    sides[s].error = step.saved_error[s];
  }
}

void DiffSpace::append_applicability(int s, size_t k, std::string& key) {
  DiffSide& side = sides[s];
  for (int c : asked_if_questions_[s]) {
    if (c < static_cast<int>(k)) continue;
    side.evaluator.evaluate(*side.rules->questions[questions[c].index[s]].asked_if, side.intake, nullptr);
    side.evaluator.append_key(key);
  }
}

const std::string& DiffSpace::value_name(int s, int output, int level) const {
  return sides[s].rules->scales[output].values[level];
}

std::vector<int> DiffSpace::differing_rules() const {
  std::vector<int> differing;
  for (size_t r = 0; r < rules.size(); ++r) {
    if (!rules[r].watched) continue;
    bool matched[2];
    for (int s = 0; s < 2; ++s)
      matched[s] = rules[r].index[s] >= 0 && sides[s].states.matched[rules[r].index[s]] == Tri::yes;
    bool differs = matched[0] != matched[1];
    for (int o = 0; o < kOutputCount && matched[0] && matched[1] && !differs; ++o)
      differs = proposal(*sides[0].rules, sides[0].rules->rules[rules[r].index[0]], o) !=
                proposal(*sides[1].rules, sides[1].rules->rules[rules[r].index[1]], o);
    if (differs) differing.push_back(static_cast<int>(r));
  }
  return differing;
}

std::string describe_seen(const DiffSpace& space, const std::vector<Seen>& seen) {
  std::vector<std::string> parts;
  for (size_t q = 0; q < space.questions.size(); ++q) {
    const DiffQuestion& question = space.questions[q];
    const Seen& s = seen[q];
    if (s.mask == kSeenYes) parts.push_back(question.id + "=yes");
    else if (s.mask == kSeenNo) parts.push_back(question.id + "=no");
    else if (s.mask == kSeenUnknown) parts.push_back(question.id + "=unknown");
    else if (s.mask == kSeenNumber) {
      auto lo = stretch_of(s.lo, question.range, question.constants).first;
      auto hi = stretch_of(s.hi, question.range, question.constants).second;
      bool from_min = lo == question.range.first, to_max = hi == question.range.second;
      if (lo == hi) parts.push_back(fmt::format("{}={}", question.id, lo));
      else if (from_min && !to_max) parts.push_back(fmt::format("{}<={}", question.id, hi));
      else if (!from_min && to_max) parts.push_back(fmt::format("{}>={}", question.id, lo));
      else if (!from_min) parts.push_back(fmt::format("{}={}..{}", question.id, lo, hi));
    }
  }
  return fmt::format("{}", fmt::join(parts, " "));
}

std::vector<int> DiffSpace::deciding(int o, int old_level, int new_level, const std::vector<int>& differing) const {
  const int levels[2] = {old_level, new_level};
  std::vector<int> out;
  for (int r : differing)
    for (int s = 0; s < 2; ++s) {
      int index = rules[r].index[s];
      if (index >= 0 && sides[s].states.matched[index] == Tri::yes &&
          sides[s].rules->rules[index].proposes[o] == levels[s]) {
        out.push_back(r);
        break;
      }
    }
  return out;
}

std::string DiffSpace::eval_arguments(const std::vector<AnswerValue>& answers) const {
  std::vector<bool> applicable(questions.size(), false);
  Decision decision;
  for (int s = 0; s < 2; ++s) {
    std::vector<AnswerValue> side_answers(sides[s].rules->questions.size(), kUnknown);
    for (size_t k = 0; k < questions.size(); ++k)
      if (questions[k].index[s] >= 0) side_answers[questions[k].index[s]] = answers[k];
    evaluate(*sides[s].rules, side_answers, decision);
    for (size_t k = 0; k < questions.size(); ++k)
      if (questions[k].index[s] >= 0 && decision.applicable[questions[k].index[s]]) applicable[k] = true;
  }
  std::string out;
  for (size_t k = 0; k < questions.size(); ++k) {
    if (!applicable[k] || answers[k] == kUnknown) continue;
    if (!out.empty()) out += ' ';
    out += questions[k].id + "=" + format_answer(questions[k].type, answers[k]);
  }
  return out;
}

}  // namespace backtriage
