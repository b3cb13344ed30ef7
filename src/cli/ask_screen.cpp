#include "cli/ask_screen.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/text.h"
#include "decision/explain.h"

namespace backtriage {

Screen make_screen(const GlobalOptions& global) {
  Screen screen;
  screen.interactive = is_terminal(STDIN_FILENO);
  const char* term = std::getenv("TERM");
  screen.clear = screen.interactive && is_terminal(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
  screen.color = use_color(global, STDERR_FILENO);
  measure_screen(screen);
  return screen;
}

void measure_screen(Screen& screen) {
  struct winsize size {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0) return;
  if (size.ws_col >= 20) screen.width = std::min<size_t>(size.ws_col, 80) - 1;
  if (size.ws_row > 0) screen.rows = size.ws_row;
}

// `text` broken at spaces into lines of at most `width` columns, each starting with `indent`.
std::string wrap_on_screen(std::string_view text, size_t width, std::string_view indent) {
  return wrap_indented(text, width, indent.size());
}

// Control characters (arrow keys send escape sequences) shown as ^X, never sent raw.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) out.append("^").push_back(static_cast<char>(u ^ 0x40));
    else out += c;
  }
  return out;
}

// An answer as a person reads it: "yes", "21 days", "62", "skipped".
std::string shown_answer(const Question& q, AnswerValue value) {
  if (value == kUnknown) return "skipped";
  if (q.type == AnswerType::duration) return fmt::format("{} {}", value, value == 1 ? "day" : "days");
  return format_answer(q.type, value);
}

// The accepted forms in brackets, and what an empty answer does: "[y/n, Enter to skip]".
std::string accepted_forms(const Question& q, const Questionnaire& questionnaire) {
  std::string forms = q.type == AnswerType::yes_no     ? "y/n"
                      : q.type == AnswerType::duration ? "number of days, or e.g. 3 weeks"
                                                       : fmt::format("whole number, {} to {}", q.min, q.max);
  if (questionnaire.has_kept_answer()) {
    AnswerValue kept = questionnaire.kept_answer();
    if (kept == kUnknown) return "[" + forms + ", Enter to leave it skipped]";
    const char* clear = q.required ? "" : ", type skip to clear it";
    return fmt::format("[{}, Enter to keep: {}{}]", forms, shown_answer(q, kept), clear);
  }
  if (q.required) return "[" + forms + "] (an answer is needed)";
  return "[" + forms + ", Enter to skip]";
}

std::string question_count(const Questionnaire& q) {
  return q.may_remain() == 0 ? fmt::format("Question {} of {}", q.position(), q.position())
                             : fmt::format("Question {} of up to {}", q.position(), q.up_to());
}

// One question on a fresh screen (terminal), or one line of prompt (script).
std::string question_screen(const Screen& screen, const RuleSet& rules, const Questionnaire& q, const Notice& notice) {
  const Question& question = rules.questions[q.current()];
  if (!screen.interactive) {
    std::string out;
    if (notice.kind == Notice::Kind::help) out += notice.text + "\n";
    return out + fmt::format("{}: {} {}\n", question_count(q), question.prompt, accepted_forms(question, q));
  }
  std::string out = screen.clear_code();
  out += screen.paint(kBold, "backtriage - back pain questionnaire") + "\n";
  out += screen.paint(kDim, screen.width >= 70 ? "Type an answer and press Enter.  ? = help   b = back   Ctrl-C = quit"
                                                : wrap_on_screen("Type an answer and press Enter. ? = help, b = back, "
                                                                 "Ctrl-C = quit", screen.width, "")) +
         "\n\n";
  if (notice.kind == Notice::Kind::note) out += screen.paint(kDim, wrap_on_screen(notice.text, screen.width, "")) + "\n\n";
  out += screen.paint(kBold, question_count(q)) + "\n\n";
  out += screen.paint(kBold, wrap_on_screen(question.prompt, screen.width, "  ")) + "\n";
  out += wrap_on_screen(accepted_forms(question, q), screen.width, "  ") + "\n\n";
  if (notice.kind == Notice::Kind::help) out += wrap_on_screen(notice.text, screen.width, "  ") + "\n\n";
  if (notice.kind == Notice::Kind::problem)
    out += screen.paint(kYellowBold, wrap_on_screen(notice.text, screen.width, "  ")) + "\n\n";
  return out;  // the reader shows the prompt, "> ", and keeps it while the line is edited
}

Notice help_notice(const Question& question) {
  return {Notice::Kind::help, question.help.empty() ? "Help: there is no more help for this question."
                                                    : "Help: " + question.help};
}

// The answers given, in asking order, then the questions not asked: by id for a clinician,
// by label for a patient.
std::string answers_summary(const RuleSet& rules, const Questionnaire& q, ReportView view) {
  auto name = [&](int i) -> const std::string& { return question_name(rules, i, view); };
  std::string out = "Your answers\n";
  for (int i : q.asked())
    out += wrap_on_screen(fmt::format("- {}: {}", name(i), shown_answer(rules.questions[i], q.final_answers()[i])), 76, "  ") +
           "\n";
  // Questions passed over did not apply; after an emergency stop, those that would still have
  // applied were not reached (the decision lists them), and the others are not counted.
  const bool stopped = q.state() == Questionnaire::State::emergency;
  const int last = q.asked().empty() ? -1 : q.asked().back();
  const auto& not_asked = q.decision().not_asked;
  std::vector<std::string> passed_over, not_reached;
  for (size_t i = 0; i < rules.questions.size(); ++i) {
    if (std::find(q.asked().begin(), q.asked().end(), static_cast<int>(i)) != q.asked().end()) continue;
    if (std::find(not_asked.begin(), not_asked.end(), i) != not_asked.end()) not_reached.push_back(name(static_cast<int>(i)));
    else if (!stopped || static_cast<int>(i) < last) passed_over.push_back(name(static_cast<int>(i)));
  }
  auto listed = [&](const char* why, const std::vector<std::string>& names) {
    if (names.empty()) return std::string();
    if (view == ReportView::patient)
      return fmt::format("  {} {} not asked ({}).\n", names.size(), names.size() == 1 ? "question was" : "questions were",
                         why);
    return wrap_on_screen(fmt::format("Not asked ({}): {}", why, fmt::join(names, ", ")), 76, "  ") + "\n";
  };
  return out + listed("they do not apply", passed_over) + listed("stopped at the emergency", not_reached);
}

// The last lines on a terminal, where the top of a long report has scrolled away: the emergency
// banner again, or the result and what to do now.
std::string closing_screen(const Screen& screen, const RuleSet& rules, const Decision& d, const std::string& saved_to,
                           ReportView view, bool paged) {
  std::string out = "\n";
  std::string where = !is_terminal(STDOUT_FILENO) ? "The full report was written to standard output.\n"
                      : paged ? "The full report was shown in the pager.\n"
                              : "The full report is above: scroll up to read it.\n";
  if (!saved_to.empty()) where += fmt::format("Your answers were saved to {}.\n", saved_to);
  if (is_emergency(rules, d)) {
    // The banner is the last thing on the screen.
    return out + where + "\n" + format_emergency_banner(rules, d, {screen.color, view});
  }
  auto shown = [&](Output o) {
    return view == ReportView::patient ? rules.scale(o).label(d.level(o)) : rules.scale(o).values[d.level(o)];
  };
  out += screen.paint(kBold, fmt::format("Result: {}. How soon: {}.", shown(Output::recommendation),
                                         shown(Output::urgency))) + "\n";
  // The first closing text chosen by the outcome says what to do now.
  std::vector<std::string> net = safety_net_texts(rules, d);
  if (!net.empty()) out += wrap_on_screen(net.front(), screen.width, "  ") + "\n";
  return out + where;
}

}  // namespace backtriage
