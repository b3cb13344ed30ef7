#include "decision/questionnaire.h"

#include <algorithm>

namespace backtriage {
namespace {

// The last question an expression reads, or -1: an asked-if condition is settled once every
// question up to that one has been answered.
int last_question_read(const Expr& expr) {
  int last = -1;
  for_each_question_read(expr, [&](int q) { last = std::max(last, q); });
  return last;
}

const char* const kRequiredReason = "this question needs an answer and cannot be skipped";

}  // namespace

Questionnaire::Questionnaire(const RuleSet& rules)
    : rules_(rules),
      answers_(rules.questions.size(), kUnknown),
      given_(rules.questions.size(), 0),
      so_far_(rules.questions.size(), kUnknown) {
  last_reference_.reserve(rules.questions.size());
  for (const Question& q : rules.questions)
    last_reference_.push_back(q.asked_if ? last_question_read(*q.asked_if) : -1);
  advance_from(0);
}

void Questionnaire::reevaluate(int frontier) {
  for (size_t i = 0; i < so_far_.size(); ++i)
    so_far_[i] = static_cast<int>(i) < frontier && given_[i] ? answers_[i] : kUnknown;
  evaluate(rules_, so_far_, decision_);
}

void Questionnaire::advance_from(int start) {
  // Questions from `start` on read as unknown. A question's asked-if reads only earlier ones, and
  // those between `start` and the next applicable question are not applicable (unknown anyway),
  // so this one evaluation settles which question comes next.
  reevaluate(start);
  const int count = static_cast<int>(rules_.questions.size());
  int next = start;
  while (next < count && !decision_.applicable[next]) ++next;
  current_ = next;
  state_ = next < count ? State::asking : State::complete;
}

Questionnaire::Reply Questionnaire::accept(AnswerValue value) {
  answers_[current_] = value;
  given_[current_] = 1;
  path_.push_back(current_);
  const int start = current_ + 1;
  reevaluate(start);
  if (is_emergency(rules_, decision_)) {
    current_ = start;
    state_ = State::emergency;
    // The questions after this one were never asked: not blanks the person left, so they must
    // not read as an incomplete screen. A rule set whose emergency needed those blanks keeps them.
    Decision stopped;
    evaluate_stopped(rules_, so_far_, start, stopped);
    if (is_emergency(rules_, stopped)) decision_ = std::move(stopped);
    return {true, ""};
  }
  advance_from(start);
  return {true, ""};
}

int Questionnaire::may_remain() const {
  if (state_ != State::asking) return 0;
  int remain = 0;
  for (size_t j = current_ + 1; j < rules_.questions.size(); ++j) {
    // Unsettled (reads the current question or a later one): it may still apply.
    if (last_reference_[j] >= current_ || decision_.applicable[j]) ++remain;
  }
  return remain;
}

bool Questionnaire::has_kept_answer() const { return state_ == State::asking && given_[current_]; }

AnswerValue Questionnaire::kept_answer() const { return has_kept_answer() ? answers_[current_] : kUnknown; }

Questionnaire::Reply Questionnaire::answer(std::string_view text) {
  if (state_ != State::asking) return {false, "the questionnaire is over: there is no question to answer"};
  const Question& q = rules_.questions[current_];
  ParsedAnswer parsed = parse_answer(q.type, q.min, q.max, text);
  if (!parsed.ok()) return {false, std::move(parsed.error)};
  if (parsed.value != kUnknown) return accept(parsed.value);
  if (has_kept_answer()) return accept(answers_[current_]);
  if (q.required) return {false, kRequiredReason};
  return accept(kUnknown);
}

Questionnaire::Reply Questionnaire::skip() {
  if (state_ != State::asking) return {false, "the questionnaire is over: there is no question to skip"};
  if (rules_.questions[current_].required) return {false, kRequiredReason};
  return accept(kUnknown);
}

bool Questionnaire::back() {
  if (path_.empty()) return false;
  current_ = path_.back();
  path_.pop_back();
  state_ = State::asking;
  reevaluate(current_);
  return true;
}

}  // namespace backtriage
