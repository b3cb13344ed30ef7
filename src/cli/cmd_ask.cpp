// `backtriage ask`: the questionnaire. The questions, their order, skips, going back and the
// emergency stop are the Questionnaire's (decision/questionnaire.h); this file only shows its
// state and feeds it lines. On a terminal it is a calm one-question-a-screen flow that re-asks
// after an invalid answer; otherwise it reads one answer a line, prompts on stderr, and an
// invalid answer ends the run. The result is the report `eval` prints, on stdout.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/common.h"
#include "decision/questionnaire.h"
#include "output/atomic_file.h"
#include "output/csv_writer.h"
#include "decision/explain.h"
#include "output/report.h"

namespace backtriage {
namespace {

struct AskOptions {
  std::string save;  // --save FILE: the answers as a one-row intake CSV
  std::string view = "patient";
};

// ---- Input: lines from standard input, interruptible by Ctrl-C ------------------------------

volatile std::sig_atomic_t interrupt_requested = 0;
extern "C" void on_interrupt(int) { interrupt_requested = 1; }

// Catches SIGINT while it lives, without SA_RESTART, so that a read() blocked on the terminal
// returns and the run can end with a message and exit 130. The terminal's settings are never
// changed (the line discipline edits and echoes), so there is nothing to restore but this.
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupt_requested = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
  }
  ~InterruptGuard() { sigaction(SIGINT, &previous_, nullptr); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_ {};
};

struct Line {
  enum class Kind { text, end, interrupted } kind = Kind::end;
  std::string text;
  int number = 0;  // 1-based line number in the input
};

// Reads standard input with read(2), so that Ctrl-C interrupts a wait and end of input is seen
// exactly once (a terminal delivers Ctrl-D once, not as a lasting state).
class LineReader {
 public:
  // `partial_last_line`: text after the last newline at end of input counts as a line (scripts),
  // rather than being dropped (a person who presses Ctrl-D means to stop).
  explicit LineReader(bool partial_last_line) : partial_last_line_(partial_last_line) {}

  Line next() {
    Line line;
    for (;;) {
      if (interrupt_requested) return {Line::Kind::interrupted, "", number_};
      if (at_end_) return {Line::Kind::end, "", number_};
      if (pos_ == size_) {
        ssize_t n = ::read(STDIN_FILENO, buffer_, sizeof buffer_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ExitCode::no_input, fmt::format("cannot read standard input: {}", std::strerror(errno)));
        if (n == 0) {
          at_end_ = true;
          if (partial_last_line_ && !line.text.empty()) return finish(std::move(line));
          continue;
        }
        pos_ = 0;
        size_ = static_cast<size_t>(n);
      }
      char c = buffer_[pos_++];
      if (c == '\n') return finish(std::move(line));
      if (line.text.size() < kMaxLine) line.text += c;
    }
  }

 private:
  static constexpr size_t kMaxLine = 1000;  // an answer is a few characters; ignore the rest

  Line finish(Line line) {
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    line.kind = Line::Kind::text;
    line.number = ++number_;
    return line;
  }

  bool partial_last_line_;
  bool at_end_ = false;
  char buffer_[4096];
  size_t pos_ = 0;
  size_t size_ = 0;
  int number_ = 0;
};

// ---- Output: what a question, an answer and the summary look like ----------------------------


// Where the conversation goes (stderr) and how it may look there.
struct Screen {
  bool interactive = false;  // stdin is a terminal: one question a screen, re-ask on a bad answer
  bool clear = false;        // stderr is a terminal we may clear
  bool color = false;
  size_t width = 79;

  std::string paint(const char* code, std::string_view text) const { return painted(color, code, text); }
  std::string clear_code() const { return clear ? "\x1b[H\x1b[2J" : ""; }
};

Screen make_screen(const GlobalOptions& global) {
  Screen screen;
  screen.interactive = is_terminal(STDIN_FILENO);
  const char* term = std::getenv("TERM");
  screen.clear = screen.interactive && is_terminal(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
  screen.color = use_color(global, STDERR_FILENO);
  struct winsize size {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
    screen.width = std::min<size_t>(size.ws_col, 80) - 1;
  return screen;
}

// `text` broken at spaces into lines of at most `width` columns, each starting with `indent`.
std::string wrap(std::string_view text, size_t width, std::string_view indent) {
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

// What the screen says besides the question: the answer just recorded, help, a refusal.
struct Notice {
  enum class Kind { none, note, help, problem } kind = Kind::none;
  std::string text;
};

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
  out += screen.paint(kDim, "Type an answer and press Enter.  ? = help   b = back   Ctrl-C = quit") + "\n\n";
  if (notice.kind == Notice::Kind::note) out += screen.paint(kDim, wrap(notice.text, screen.width, "")) + "\n\n";
  out += screen.paint(kBold, question_count(q)) + "\n\n";
  out += screen.paint(kBold, wrap(question.prompt, screen.width, "  ")) + "\n";
  out += wrap(accepted_forms(question, q), screen.width, "  ") + "\n\n";
  if (notice.kind == Notice::Kind::help) out += wrap(notice.text, screen.width, "  ") + "\n\n";
  if (notice.kind == Notice::Kind::problem)
    out += screen.paint(kYellowBold, wrap(notice.text, screen.width, "  ")) + "\n\n";
  return out + "> ";
}

Notice help_notice(const Question& question) {
  return {Notice::Kind::help, question.help.empty() ? "Help: there is no more help for this question."
                                                    : "Help: " + question.help};
}

// The answers given, in asking order, then the questions not asked: by id for a clinician,
// by label for a patient.
std::string answers_summary(const RuleSet& rules, const Questionnaire& q, ReportView view) {
  auto name = [&](int i) -> const std::string& {
    return view == ReportView::patient ? rules.questions[i].shown_label() : rules.questions[i].id;
  };
  std::string out = "Your answers\n";
  for (int i : q.asked())
    out += wrap(fmt::format("- {}: {}", name(i), shown_answer(rules.questions[i], q.final_answers()[i])), 76, "  ") +
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
    return wrap(fmt::format("Not asked ({}): {}", why, fmt::join(names, ", ")), 76, "  ") + "\n";
  };
  return out + listed("they do not apply", passed_over) + listed("stopped at the emergency", not_reached);
}

// The one-row intake CSV of --save: every question id, then the canonical answers.
std::string intake_csv(const RuleSet& rules, const std::vector<AnswerValue>& answers) {
  std::vector<std::string> values;
  for (size_t i = 0; i < rules.questions.size(); ++i)
    values.push_back(format_answer(rules.questions[i].type, answers[i]));
  std::vector<std::string_view> header, row;
  for (const Question& question : rules.questions) header.push_back(question.id);
  for (const std::string& value : values) row.push_back(value);
  std::string out;
  append_csv_row(out, header);
  append_csv_row(out, row);
  return out;
}

// ---- The run --------------------------------------------------------------------------------

enum class Ending { finished, end_of_input, interrupted };

// Asks until the questionnaire is over or input ends. Throws Error(data_error) for a refused
// answer when no person is there to answer again.
Ending ask_questions(const Screen& screen, const RuleSet& rules, Questionnaire& q) {
  InterruptGuard guard;
  LineReader reader(!screen.interactive);
  Notice notice;
  while (q.asking()) {
    const Question& question = rules.questions[q.current()];
    std::cerr << question_screen(screen, rules, q, notice) << std::flush;
    notice = {};
    Line line = reader.next();
    if (line.kind == Line::Kind::interrupted) return Ending::interrupted;
    if (line.kind == Line::Kind::end) return Ending::end_of_input;
    std::string command = line.text;
    command.erase(0, command.find_first_not_of(" \t"));
    command.erase(command.find_last_not_of(" \t") + 1);
    for (char& c : command) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (command == "?" || command == "help") {
      notice = help_notice(question);
      continue;
    }
    if (command == "b" || command == "back") {
      const char* note = q.back() ? "Back to the previous question: Enter keeps your answer, or type a new one."
                                  : "This is the first question: there is none before it.";
      notice = {Notice::Kind::note, note};
      continue;
    }
    int number = q.position();
    Questionnaire::Reply reply = command == "skip" ? q.skip() : q.answer(line.text);
    if (!reply.accepted) {
      std::string reason = printable(reply.reason);
      if (!screen.interactive)
        throw Error(ExitCode::data_error, fmt::format("line {}: question '{}': {}; no recommendation was made",
                                                      line.number, question.id, reason));
      notice = {Notice::Kind::problem, "Not accepted: " + reason + ". Please try again."};
      continue;
    }
    AnswerValue given = q.final_answers()[q.asked().back()];
    notice = {Notice::Kind::note, given == kUnknown ? fmt::format("Question {} skipped.", number)
                                                    : fmt::format("Question {} answered: {}.", number,
                                                                  shown_answer(question, given))};
  }
  return Ending::finished;
}

// What a person reads last when the questionnaire ended before the end.
void report_unfinished(const Screen& screen, const RuleSet& rules, const Questionnaire& q, Ending ending, bool saving) {
  const bool interrupted = ending == Ending::interrupted;
  std::string nothing_saved = saving ? " and nothing was saved" : "";
  if (screen.interactive)
    std::cerr << "\n\n"
              << wrap(fmt::format("Stopped at question {}, before the end ({}). No recommendation was made{}. "
                                  "Run backtriage ask to start again.",
                                  q.position(), interrupted ? "Ctrl-C" : "end of input", nothing_saved),
                      screen.width, "")
              << "\n";
  else
    print_error(fmt::format("{} at question {} ({}) before the questionnaire was complete: no recommendation was "
                            "made{}",
                            interrupted ? "interrupted" : "input ended", q.position(), rules.questions[q.current()].id,
                            nothing_saved));
}

// The last lines on a terminal, where the top of a long report has scrolled away: the emergency
// banner again, or the result and what to do now.
std::string closing_screen(const Screen& screen, const RuleSet& rules, const Decision& d, const std::string& saved_to,
                           ReportView view) {
  std::string out = "\n";
  std::string where = is_terminal(STDOUT_FILENO) ? "The full report is above: scroll up to read it.\n"
                                                 : "The full report was written to standard output.\n";
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
  if (!net.empty()) out += wrap(net.front(), screen.width, "  ") + "\n";
  return out + where;
}

int run_ask(const GlobalOptions& global, const AskOptions& options) {
  RuleSet rules = load_rule_set(global);
  const Screen screen = make_screen(global);
  // Created now so that an unwritable --save fails before any question, not after the last.
  std::unique_ptr<AtomicFile> save;
  if (!options.save.empty()) save = std::make_unique<AtomicFile>(options.save);

  Questionnaire q(rules);
  Ending ending = ask_questions(screen, rules, q);
  if (ending != Ending::finished) {
    report_unfinished(screen, rules, q, ending, save != nullptr);
    return static_cast<int>(ending == Ending::interrupted ? ExitCode::interrupted : ExitCode::failure);
  }

  if (q.state() == Questionnaire::State::emergency && !screen.interactive)
    std::cerr << fmt::format("Stopped after question {}: the answers so far make this an emergency.\n",
                             q.asked().size());
  std::cerr << screen.clear_code() << std::flush;
  const ReportView view = view_named(options.view);
  std::cout << answers_summary(rules, q, view) << '\n'
            << format_report(rules, q.decision(), {use_color(global, STDOUT_FILENO), view});
  std::cout.flush();
  if (!std::cout) throw Error(ExitCode::cant_create, "cannot write the output");
  if (save) {
    save->stream() << intake_csv(rules, q.final_answers());
    save->commit();
  }
  if (screen.interactive) std::cerr << closing_screen(screen, rules, q.decision(), options.save, view) << std::flush;
  return 0;
}

}  // namespace

Command register_ask(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<AskOptions>();
  CLI::App* sub = app.add_subcommand("ask", "Interactive questionnaire on the terminal");
  sub->fallthrough();
  sub->add_option("--save", options->save, "Also write the answers to FILE as a one-row intake CSV for score")
      ->option_text("FILE");
  add_view_option(*sub, options->view, "patient");
  add_rules_option(*sub, global);
  sub->footer(
      "On a terminal, answer each question and press Enter: ? shows help, b (or back) returns to the\n"
      "previous question, Enter skips an optional question (or keeps an earlier answer), and skip\n"
      "leaves an optional question blank. It stops at once when the answers make an emergency.\n"
      "With standard input not a terminal it reads one answer a line, prompts on standard error and\n"
      "the report on standard output; an invalid answer is then an error (exit 65).\n"
      "Exit status: 0 with a result; 1 when input ends (Ctrl-D) before the end and 130 on Ctrl-C,\n"
      "with no recommendation and nothing saved.");
  return {sub, [&global, options] { return run_ask(global, *options); }};
}

}  // namespace backtriage
