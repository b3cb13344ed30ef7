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
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/ask_screen.h"
#include "cli/common.h"
#include "cli/proof.h"
#include "cli/line_reader.h"
#include "cli/pager.h"
#include "decision/questionnaire.h"
#include "output/atomic_file.h"
#include "output/audit_record.h"
#include "output/csv_writer.h"
#include "decision/explain.h"
#include "output/report.h"

namespace backtriage {
namespace {

struct AskOptions {
  std::string save;    // --save FILE: the answers as a one-row intake CSV
  bool force = false;  // --force: --save may replace an existing file
  std::string id;      // --id: the case id; empty: from the time
  std::string view = "patient";
  bool no_pager = false;  // --no-pager: the report straight to the terminal, however long
  AuditOptions audit;
};

// The one-row intake CSV of --save: the case id, every question id, the time of the triage;
// then the canonical answers. score ignores the time column (it names no question).
std::string intake_csv(const RuleSet& rules, const std::vector<AnswerValue>& answers, std::string_view id,
                       std::string_view time) {
  std::vector<std::string> values;
  for (size_t i = 0; i < rules.questions.size(); ++i)
    values.push_back(format_answer(rules.questions[i].type, answers[i]));
  std::vector<std::string_view> header{"id"}, row{id};
  for (const Question& question : rules.questions) header.push_back(question.id);
  for (const std::string& value : values) row.push_back(value);
  header.push_back("triage_time");
  row.push_back(time);
  std::string out;
  append_csv_row(out, header);
  append_csv_row(out, row);
  return out;
}

// ---- The run --------------------------------------------------------------------------------

enum class Ending { finished, end_of_input, interrupted };

// Asks until the questionnaire is over or input ends, keeping in `typed` (by question) the
// text of each answer as typed, for the audit trail. Throws Error(data_error) for a refused
// answer when no person is there to answer again.
Ending ask_questions(Screen& screen, const RuleSet& rules, Questionnaire& q, std::vector<std::string>& typed) {
  InterruptGuard guard;
  std::optional<LineReader> script;
  std::optional<EditLineReader> person;
  if (screen.interactive) person.emplace();
  else script.emplace(true);
  Notice notice;
  while (q.asking()) {
    const Question& question = rules.questions[q.current()];
    if (screen.interactive) measure_screen(screen);  // the terminal may have been resized
    std::cerr << question_screen(screen, rules, q, notice) << std::flush;
    notice = {};
    Line line = person ? person->next("> ") : script->next();
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
    // Enter on a kept answer keeps its text too; skip, or Enter on nothing, leaves it blank.
    std::string& text = typed[q.asked().back()];
    if (command == "skip" || given == kUnknown) text.clear();
    else if (!command.empty()) text = line.text;
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

// The audit record of a run of ask: the answers as typed, in asking order.
AuditCase ask_record(const AskOptions& options, const Questionnaire& q, const std::vector<std::string>& typed,
                     std::string_view id, const RuleSet& rules) {
  AuditCase c;
  c.time = std::time(nullptr);
  c.mode = "ask";
  c.id = id;
  c.answered_by = options.audit.answered_by;
  for (int i : q.asked()) c.answers[rules.questions[i].id] = typed[i];
  return c;
}

int run_ask(const GlobalOptions& global, const AskOptions& options) {
  std::unique_ptr<AuditLog> audit = open_audit(options.audit, true);
  RuleSet rules = load_triage_rule_set(global);
  Screen screen = make_screen(global);
  const std::string id = options.id.empty() ? time_based_id(std::time(nullptr)) : options.id;
  // Created now so that an unwritable --save fails before any question, not after the last;
  // an existing file is refused now too, and again at the end should one appear meanwhile.
  std::unique_ptr<AtomicFile> save;
  if (!options.save.empty()) {
    // Only a file that would be replaced is protected: a device, a FIFO and standard output
    // (as "-" or /dev/stdout, whatever it is redirected to) are written in place.
    save = std::make_unique<AtomicFile>(options.save);
    struct stat existing {};
    if (!options.force && !save->writes_in_place() && ::stat(options.save.c_str(), &existing) == 0)
      throw Error(ExitCode::cant_create, fmt::format("'{}' already exists: give --force to replace it, or another file name",
                                                     escape_controls(options.save)));
  }

  Questionnaire q(rules);
  std::vector<std::string> typed(rules.questions.size());
  Ending ending = ask_questions(screen, rules, q, typed);
  if (ending != Ending::finished) {
    if (audit) {
      AuditCase c = ask_record(options, q, typed, id, rules);
      c.status = "incomplete";
      std::string why = fmt::format("{} at question {} ({}): no recommendation was made",
                                    ending == Ending::interrupted ? "interrupted" : "input ended", q.position(),
                                    rules.questions[q.current()].id);
      c.error = why;
      c.shown_as = "none";
      audit->append(audit_line(rules, c));
      audit->sync();
    }
    report_unfinished(screen, rules, q, ending, save != nullptr);
    return static_cast<int>(ending == Ending::interrupted ? ExitCode::interrupted : ExitCode::failure);
  }

  const ReportView view = view_named(options.view);
  const std::string shown = answers_summary(rules, q, view) + '\n' +
                            format_report(rules, q.decision(), {use_color(global, STDOUT_FILENO), view});
  const std::time_t now = std::time(nullptr);
  // The record is on disk before the result is shown: a triage that cannot be recorded is not shown.
  if (audit) {
    AuditCase c = ask_record(options, q, typed, id, rules);
    c.time = now;
    c.decision = &q.decision();
    c.stopped_at_emergency = q.state() == Questionnaire::State::emergency;
    std::string as = "text " + options.view;
    c.shown_as = as;
    c.shown = shown;
    audit->append(audit_line(rules, c));
    audit->sync();
  }
  if (q.state() == Questionnaire::State::emergency && !screen.interactive)
    std::cerr << fmt::format("Stopped after question {}: the answers so far make this an emergency.\n",
                             q.asked().size());
  std::cerr << screen.clear_code() << std::flush;
  // A report longer than the screen goes through a pager on a terminal, so its top is not lost.
  bool paged = false;
  if (screen.interactive && is_terminal(STDOUT_FILENO) && !options.no_pager) {
    measure_screen(screen);
    std::string pager = chosen_pager();
    if (!pager.empty() && static_cast<size_t>(std::count(shown.begin(), shown.end(), '\n')) >= screen.rows)
      paged = page(pager, shown);
  }
  if (!paged) std::cout << shown;
  std::cout.flush();
  if (!std::cout) throw Error(ExitCode::cant_create, "cannot write the output");
  if (save) {
    save->stream() << intake_csv(rules, q.final_answers(), id, iso8601_utc(now));
    save->commit(options.force);
  }
  if (screen.interactive) std::cerr << closing_screen(screen, rules, q.decision(), options.save, view, paged) << std::flush;
  return 0;
}

}  // namespace

Command register_ask(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<AskOptions>();
  CLI::App* sub = app.add_subcommand("ask", "Interactive questionnaire on the terminal");
  sub->fallthrough();
  sub->add_option("--save", options->save, "Also write the answers to FILE (- for standard output) as a one-row intake CSV for score")
      ->option_text("FILE");
  sub->add_flag("--force", options->force, "With --save, replace FILE if it exists (it is refused otherwise)");
  add_id_option(*sub, options->id);
  add_view_option(*sub, options->view, "patient");
  sub->add_flag("--no-pager", options->no_pager,
                "On a terminal, print a report longer than the screen rather than show it in $PAGER (default less -R)");
  add_audit_options(*sub, options->audit, "patient");
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  sub->footer(
      "On a terminal, answer each question and press Enter; the arrows, Ctrl-A/E and Ctrl-U edit\n"
      "the answer, and Up brings back an earlier one. ? shows help, b (or back) returns to the\n"
      "previous question, Enter skips an optional question (or keeps an earlier answer), and skip\n"
      "leaves an optional question blank. It stops at once when the answers make an emergency.\n"
      "A report longer than the screen opens in $PAGER (default less -R).\n"
      "With standard input not a terminal it reads one answer a line, prompts on standard error and\n"
      "the report on standard output; an invalid answer is then an error (exit 65).\n"
      "Exit status: 0 with a result; 1 when input ends (Ctrl-D) before the end and 130 on Ctrl-C,\n"
      "with no recommendation and nothing saved; 73 when the audit record or --save cannot be\n"
      "written.\n" +
      examples_footer({"backtriage ask --save answers.csv", "printf '%s\\n' 5 no no no no no '' '' 40 no no no no no no no no no no no no no no no"
                       " | backtriage ask --view clinician"}));
  return {sub, [&global, options] { return run_ask(global, *options); }};
}

}  // namespace backtriage
