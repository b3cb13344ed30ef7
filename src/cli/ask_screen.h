#pragma once
// What `backtriage ask` shows a person: one question a screen (or a prompt line for a script),
// the answers summary, and the closing lines. Pure text: cmd_ask.cpp writes it where it goes.
#include <string>
#include <string_view>

#include "cli/common.h"
#include "decision/questionnaire.h"
#include "output/report.h"

namespace backtriage {

// Where the conversation goes (stderr) and how it may look there.
struct Screen {
  bool interactive = false;  // stdin is a terminal: one question a screen, re-ask on a bad answer
  bool clear = false;        // stderr is a terminal we may clear
  bool color = false;
  size_t width = 79;   // columns for text: the terminal's, at most 79
  size_t rows = 24;    // the terminal's lines

  std::string paint(const char* code, std::string_view text) const { return painted(color, code, text); }
  std::string clear_code() const { return clear ? "\x1b[H\x1b[2J" : ""; }
};

// What the screen says besides the question: the answer just recorded, help, a refusal.
struct Notice {
  enum class Kind { none, note, help, problem } kind = Kind::none;
  std::string text;
};

// Reads the terminal: whether a person answers, may be cleared for, in colour, how wide.
Screen make_screen(const GlobalOptions& global);

// Reads the terminal's size again (after a resize); leaves `screen` as it was when it cannot.
void measure_screen(Screen& screen);

// `text` broken at spaces into lines of at most `width` columns, each starting with `indent`.
std::string wrap_on_screen(std::string_view text, size_t width, std::string_view indent);

// Control characters (arrow keys send escape sequences) shown as ^X, never sent raw.
std::string printable(std::string_view text);

// An answer as a person reads it: "yes", "21 days", "62", "skipped".
std::string shown_answer(const Question& q, AnswerValue value);

// The accepted forms in brackets, and what an empty answer does: "[y/n, Enter to skip]".
std::string accepted_forms(const Question& q, const Questionnaire& questionnaire);

// "Question 3 of up to 34", or "Question 34 of 34" when none may follow.
std::string question_count(const Questionnaire& q);

// One question on a fresh screen (terminal), or one line of prompt (script).
std::string question_screen(const Screen& screen, const RuleSet& rules, const Questionnaire& q, const Notice& notice);

// The help text of `question`, or a note that it has none.
Notice help_notice(const Question& question);

// The answers given, in asking order, then the questions not asked: by id for a clinician,
// by label for a patient.
std::string answers_summary(const RuleSet& rules, const Questionnaire& q, ReportView view);

// The last lines on a terminal, where the top of a long report has scrolled away or the pager
// has closed (`paged`): the emergency banner again, or the result and what to do now.
std::string closing_screen(const Screen& screen, const RuleSet& rules, const Decision& d, const std::string& saved_to,
                           ReportView view, bool paged);

}  // namespace backtriage
