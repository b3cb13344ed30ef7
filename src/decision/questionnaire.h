#pragma once
// The questionnaire of `backtriage ask` as a state machine, with no terminal I/O: which
// question is asked now, what an answer text does, going back, and when to stop. The CLI
// (cli/cmd_ask.cpp) only shows its state and feeds it lines.
//
// Questions are asked in rule-set order; one whose asked-if condition is false is skipped.
// Applicability and the early emergency stop come from evaluate() on the answers so far (every
// question not yet reached reads as unknown), so they mean exactly what they mean in `eval`.
// Answer texts go through parse_answer(), the one parser of `score` and `eval`.
//
// A Questionnaire keeps a reference to its RuleSet, which must outlive it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decision/evaluate.h"
#include "rules/ruleset.h"

namespace backtriage {

class Questionnaire {
 public:
  enum class State {
    asking,     // current() is the question to answer
    complete,   // every applicable question was answered or skipped
    emergency,  // stopped early: the answers so far make the urgency the top of its scale
  };

  // What answer() or skip() did with a reply.
  struct Reply {
    bool accepted = false;
    std::string reason;  // when refused: a lower-case reason, e.g. "expected yes or no (...), got 'maybe'"
  };

  // Starts at the first applicable question. A rule set whose questions are all inapplicable
  // (or that has none) starts complete. Never throws beyond std::bad_alloc.
  explicit Questionnaire(const RuleSet& rules);

  State state() const { return state_; }
  bool asking() const { return state_ == State::asking; }

  // The index of the question being asked; -1 unless asking().
  int current() const { return state_ == State::asking ? current_ : -1; }

  // The 1-based number of the current question among the questions asked on the way to it
  // (skipped inapplicable questions do not count), e.g. 3 in "question 3 of up to 21".
  int position() const { return static_cast<int>(path_.size()) + 1; }

  // How many questions after the current one may still be asked: those applicable given the
  // answers so far, and those whose asked-if condition still depends on a question not yet
  // answered. An upper bound: later answers can make it smaller, never larger. 0 unless asking().
  int may_remain() const;

  // position() + may_remain(): the "up to" in "question 3 of up to 21".
  int up_to() const { return position() + may_remain(); }

  // Whether the current question has an answer from an earlier visit (after back()), which an
  // empty reply keeps; kept_answer() is that answer (kUnknown when it was skipped).
  bool has_kept_answer() const;
  AnswerValue kept_answer() const;

  // Reads `text` as the answer to the current question with parse_answer(). An empty (or
  // blank) reply keeps the kept answer if there is one; otherwise it skips an optional question
  // (unknown) and is refused for a required one. A refused reply changes nothing. An accepted
  // reply moves to the next applicable question, or ends the questionnaire (complete, or
  // emergency as soon as the answers so far make the urgency an emergency).
  // Refused with a reason when not asking().
  Reply answer(std::string_view text);

  // Leaves the current question unanswered (unknown), even when it has a kept answer; refused
  // for a required question. Otherwise as answer().
  Reply skip();

  // Returns to the previous question that was asked (also from the complete or emergency
  // state), keeping every answer given: later answers are offered again as kept answers when
  // their questions are reached and still apply. Returns false, changing nothing, at the first
  // question.
  bool back();
  bool can_go_back() const { return !path_.empty(); }

  // The questions answered or skipped so far, in asking order (not the current one).
  const std::vector<int>& asked() const { return path_; }

  // The evaluation of the answers so far: applicability, red flags, outcome. When complete it
  // is the final decision, the same evaluate() gives for final_answers(); after an emergency
  // stop, evaluate_stopped(): the questions not reached are listed as not asked.
  const Decision& decision() const { return decision_; }

  // The answers so far by question index: a question not reached, skipped, or not applicable
  // is kUnknown. When complete, these are the answers of the case (for --save and the report).
  const std::vector<AnswerValue>& final_answers() const { return decision_.effective; }

 private:
  void reevaluate(int frontier);  // evaluates the given answers of questions before `frontier`
  void advance_from(int start);    // moves to the first applicable question from `start` on
  Reply accept(AnswerValue value);

  const RuleSet& rules_;
  std::vector<AnswerValue> answers_;    // per question: the latest answer given (kept after back)
  std::vector<std::uint8_t> given_;     // per question: answers_ holds an answer given or skipped
  std::vector<int> last_reference_;     // per question: the last question its asked-if reads, or -1
  std::vector<int> path_;               // questions answered on the way to current_, in order
  std::vector<AnswerValue> so_far_;     // evaluate()'s input: given answers before the frontier
  int current_ = 0;                     // the question being asked, or the count when done
  State state_ = State::asking;
  Decision decision_;
};

}  // namespace backtriage
