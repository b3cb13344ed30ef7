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
#include "cli/ask_screen.h"
#include "cli/common.h"
#include "cli/line_reader.h"
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
              << wrap_on_screen(fmt::format("Stopped at question {}, before the end ({}). No recommendation was made{}. "
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
  sub->add_option("--save", options->save, "Also write the answers to FILE (- for standard output) as a one-row intake CSV for score")
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
      "with no recommendation and nothing saved.\n" +
      examples_footer({"backtriage ask --save answers.csv", "printf '%s\\n' 10 no no no no 62 | backtriage ask --view clinician"}));
  return {sub, [&global, options] { return run_ask(global, *options); }};
}

}  // namespace backtriage
