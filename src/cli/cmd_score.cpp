// `backtriage score`: batch scoring of an intake CSV, streamed: read a row, evaluate it,
// write its result row. Bad rows become error rows and scoring goes on; the exit code is
// decided once at the end from the counts.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/common.h"
#include "decision/evaluate.h"
#include "intake/csv_reader.h"
#include "intake/intake.h"
#include "output/atomic_file.h"
#include "output/audit_record.h"
#include "output/score_writer.h"
#include "version.h"

namespace backtriage {
namespace {

struct ScoreOptions {
  std::string input = "-";
  std::string output;
  std::string format = "csv";
  AuditOptions audit;
};

// Where each scored row is recorded, when an audit trail is kept.
struct ScoreAudit {
  AuditLog* log = nullptr;
  std::string answered_by;
  std::string shown_as;
  std::vector<std::string> header;  // the intake's column names as given
};

struct Counts {
  std::size_t rows = 0;
  std::size_t errors = 0;
  std::vector<std::size_t> per_recommendation;
  std::size_t emergencies = 0;
};

// Progress and the closing summary, on stderr when it is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), last_(std::chrono::steady_clock::now()) {}

  void tick(const Counts& counts) {
    if (!enabled_ || (counts.rows & 0x3fff) != 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    fmt::print(stderr, "\rscoring: {} rows...", counts.rows);
    shown_ = true;
  }

  void summary(const RuleSet& rules, const Counts& counts) {
    if (!enabled_) return;
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    std::string parts;
    const Scale& scale = rules.scale(Output::recommendation);
    for (size_t level = 0; level < scale.values.size(); ++level)
      parts += fmt::format("{} {}, ", counts.per_recommendation[level], scale.values[level]);
    std::string region = rules.region.empty() ? "" : ", region " + rules.region;
    fmt::print(stderr, "scored {} rows: {}{} emergency, {} error{} (rules {}{}, backtriage {})\n", counts.rows, parts,
               counts.emergencies, counts.errors, counts.errors == 1 ? "" : "s", rules.hash, region, kVersion);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_;
};

// An intake file written for an older rule set lacks the columns of newer questions: every row
// then leaves them blank, which the rules may read as an incomplete screen. Say so once; guess
// at an older file only when warning-sign questions are among them.
void note_missing_columns(const RuleSet& rules, const IntakeColumns& columns) {
  std::vector<bool> present(rules.questions.size(), false);
  for (int q : columns.question_of_field)
    if (q >= 0) present[q] = true;
  std::vector<std::string> missing;
  bool red_flag_missing = false;
  for (size_t q = 0; q < rules.questions.size(); ++q) {
    if (present[q]) continue;
    missing.push_back(rules.questions[q].id);
    red_flag_missing = red_flag_missing || rules.questions[q].red_flag != RedFlag::none;
  }
  if (missing.empty()) return;
  std::cerr << fmt::format("backtriage: note: the intake has no column for {} of the {} questions of {} {}{}; every "
                           "row leaves them blank: {}\n",
                           missing.size(), rules.questions.size(), rules.name, rules.version,
                           red_flag_missing ? " (written for an older rule set?)" : "", fmt::join(missing, ", "));
}

// Appends the record of the row just written (still unshown in the writer's buffer).
void record_row(const RuleSet& rules, ScoreAudit& audit, const IntakeColumns& columns, const CsvRecord& record,
                std::string_view id, const Decision* decision, std::string_view problem, std::string_view row) {
  AuditCase c;
  c.time = std::time(nullptr);
  c.mode = "score";
  c.id = id;
  c.answered_by = audit.answered_by;
  for (size_t f = 0; f < record.fields.size() && f < columns.question_of_field.size(); ++f)
    if (columns.question_of_field[f] >= 0) c.answers[audit.header[f]] = record.fields[f];
  c.decision = decision;
  c.status = decision ? "ok" : "error";
  c.error = problem;
  c.shown_as = audit.shown_as;
  c.shown = row;
  audit.log->append(audit_line(rules, c));
}

void score_stream(const RuleSet& rules, std::istream& in, ScoreWriter& writer, Counts& counts, Progress& progress,
                  ScoreAudit& audit) {
  CsvReader reader(in);
  CsvRecord record;
  if (!reader.next(record)) {
    if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the input");
    throw Error(ExitCode::data_error, "the input is empty: expected a header line naming the questions");
  }
  IntakeColumns columns = map_header(rules, record);
  for (std::string_view name : record.fields) audit.header.emplace_back(trim(name));
  note_missing_columns(rules, columns);
  writer.write_header();
  counts.per_recommendation.assign(rules.scale(Output::recommendation).values.size(), 0);
  std::vector<AnswerValue> answers;
  Decision decision;
  while (reader.next(record)) {
    ++counts.rows;
    std::string id = record_id(columns, record, counts.rows);
    std::string problem = read_csv_answers(rules, columns, record, answers);
    if (problem.empty()) {
      problem = score_case(rules, answers, decision);
      if (!problem.empty()) problem = fmt::format("line {}: {}", record.line, problem);
    }
    if (problem.empty()) {
      writer.write_scored(id, decision);
      ++counts.per_recommendation[decision.level(Output::recommendation)];
      if (is_emergency(rules, decision)) ++counts.emergencies;
    } else {
      writer.write_error(id, problem);
      ++counts.errors;
    }
    if (audit.log)
      record_row(rules, audit, columns, record, id, problem.empty() ? &decision : nullptr, problem, writer.last_row());
    progress.tick(counts);
  }
  if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the input");
  // The last rows are still buffered: their records go to disk before they are shown.
  if (audit.log) audit.log->sync();
  writer.flush();
}

int run_score(const GlobalOptions& global, const ScoreOptions& options) {
  std::unique_ptr<AuditLog> audit_log = open_audit(options.audit);
  RuleSet rules = load_triage_rule_set(global);
  std::ifstream file;
  std::istream* in = &std::cin;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) throw Error(ExitCode::no_input, fmt::format("cannot open '{}': {}", options.input, std::strerror(errno)));
    in = &file;
  }
  std::optional<AtomicFile> output;
  if (!options.output.empty() && options.output != "-") output.emplace(options.output);
  std::ostream& out = output ? output->stream() : std::cout;

  ScoreWriter writer(rules, options.format == "jsonl" ? ScoreFormat::jsonl : ScoreFormat::csv, out);
  Counts counts;
  Progress progress(is_terminal(STDERR_FILENO));
  ScoreAudit audit{audit_log.get(), options.audit.answered_by, options.format, {}};
  score_stream(rules, *in, writer, counts, progress, audit);
  if (output) output->commit();
  else out.flush();
  if (!out && !output) throw Error(ExitCode::cant_create, "cannot write the output");
  progress.summary(rules, counts);
  return static_cast<int>(counts.errors ? ExitCode::data_error : ExitCode::ok);
}

}  // namespace

Command register_score(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* sub = app.add_subcommand("score", "Score an intake CSV file: one result row per input row");
  sub->fallthrough();
  sub->add_option("FILE", options->input, "Intake CSV file, or - for standard input (default)")->option_text("FILE|-");
  sub->add_option("-o,--output", options->output,
                  "Write results to OUT, replaced only when the whole run succeeded (default: standard output)")
      ->option_text("OUT");
  sub->add_option("--format", options->format, "Output format: csv (default) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->option_text("csv|jsonl");
  add_audit_options(*sub, options->audit, "");
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  return {sub, [&global, options] { return run_score(global, *options); }};
}

}  // namespace backtriage
