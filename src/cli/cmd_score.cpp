// `backtriage score`: batch scoring of an intake CSV, streamed: read a row, evaluate it,
// write its result row. Bad rows become error rows and scoring goes on; the exit code is
// decided once at the end from the counts.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/common.h"
#include "cli/proof.h"
#include "decision/evaluate.h"
#include "intake/csv_reader.h"
#include "intake/decode.h"
#include "intake/intake.h"
#include "intake/jsonl_reader.h"
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
  std::string input_format = "csv";
  std::string delimiter;  // empty: detected from the header
  std::string encoding;   // empty: UTF-8, or UTF-16 by its byte-order mark
  IntakeOptions intake;
  bool raw_csv = false;
  bool quiet = false;
  AuditOptions audit;
};

// Where each scored row is recorded, when an audit trail is kept.
struct ScoreAudit {
  AuditLog* log = nullptr;
  std::string answered_by;
  std::string shown_as;
};

struct Counts {
  std::size_t rows = 0;
  std::size_t errors = 0;
  std::vector<std::size_t> per_recommendation;
  std::size_t emergencies = 0;
};

// --delimiter: one character, or its name.
// The separator --delimiter names, or '\0' when it names none.
char delimiter_named(const std::string& text) {
  const std::string name = lower(text);
  if (name == "comma" || name == ",") return ',';
  if (name == "semicolon" || name == ";") return ';';
  if (name == "tab" || name == "\\t" || name == "\t") return '\t';
  if (name == "pipe" || name == "|") return '|';
  return '\0';
}

// Progress on stderr when it is a terminal; the closing summary on stderr always (a cron job's
// log then says how many rows were errors), unless --quiet.
class Progress {
 public:
  Progress(bool enabled, bool summary) : enabled_(enabled), summary_(summary), last_(std::chrono::steady_clock::now()) {}

  void tick(const Counts& counts) {
    if (!enabled_ || (counts.rows & 0x3fff) != 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    fmt::print(stderr, "\rscoring: {} rows...", counts.rows);
    shown_ = true;
  }

  void summary(const RuleSet& rules, const Counts& counts) {
    if (!summary_) return;
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    std::string parts;
    const Scale& scale = rules.scale(Output::recommendation);
    for (size_t level = 0; level < scale.values.size(); ++level)
      parts += fmt::format("{} {}, ", counts.per_recommendation[level], scale.values[level]);
    std::string region = rules.region.empty() ? "" : ", region " + rules.region;
    fmt::print(stderr, "scored {} row{}: {}{} emergency, {} error{} (rules {}{}, backtriage {})\n", counts.rows,
               counts.rows == 1 ? "" : "s", parts, counts.emergencies, counts.errors, counts.errors == 1 ? "" : "s",
               rules.hash, region, kVersion);
  }

 private:
  bool enabled_;
  bool summary_;
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

// One result row per case; the counts decide the exit code.
struct Scorer {
  const RuleSet& rules;
  ScoreWriter& writer;
  Counts& counts;
  Progress& progress;
  std::vector<AnswerValue> answers;
  std::vector<FieldProblem> problems;
  std::vector<std::string_view> kept;
  Decision decision;
  ScoreAudit audit;
  nlohmann::ordered_json given;  // the case's answers as given, for its audit record
  bool answers_read = false;  // `answers` hold this case's (so blank required ones can be named too)
  std::vector<int> invalid;   // questions of this case given a bad value

  void start() { counts.per_recommendation.assign(rules.scale(Output::recommendation).values.size(), 0); }

  // Scores `answers` unless `problems` already holds the case's errors.
  void finish_case(std::string_view id, std::size_t line) {
    if (problems.empty()) {
      std::string missing = score_case(rules, answers, decision);
      if (missing.empty()) {
        writer.write_scored(id, kept, decision);
        ++counts.per_recommendation[decision.level(Output::recommendation)];
        if (is_emergency(rules, decision)) ++counts.emergencies;
        record(id, true);
        progress.tick(counts);
        return;
      }
      problems.push_back({line, {}, {}, std::move(missing)});
    } else if (answers_read) {
      evaluate(rules, answers, decision);
      if (std::string blank = blank_required_message(rules, decision, invalid); !blank.empty())
        problems.push_back({line, {}, {}, std::move(blank)});
    }
    writer.write_error(id, kept, problems);
    ++counts.errors;
    record(id, false);
    progress.tick(counts);
  }

  // Appends the record of the row just written (still unshown in the writer's buffer).
  void record(std::string_view id, bool scored) {
    if (!audit.log) return;
    AuditCase c;
    c.time = std::time(nullptr);
    c.mode = "score";
    c.id = id;
    c.answered_by = audit.answered_by;
    c.answers = std::move(given);
    given = nlohmann::ordered_json::object();
    c.decision = scored ? &decision : nullptr;
    c.status = scored ? "ok" : "error";
    std::string message = scored ? std::string() : describe_problems(problems);
    c.error = message;
    c.shown_as = audit.shown_as;
    c.shown = writer.last_row();
    audit.log->append(audit_line(rules, c));
  }
};

void print_note(const std::string& message) { std::cerr << "backtriage: note: " << escape_controls(message) << '\n'; }

void score_csv(Scorer& scorer, std::istream& in, const ScoreOptions& options, const std::string& encoding) {
  CsvReader reader(in);
  reader.set_delimiter(delimiter_named(options.delimiter));  // '\0' (none given): detected
  CsvRecord record;
  if (!reader.next(record)) {
    if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the input");
    throw Error(ExitCode::data_error, "the input is empty: expected a header line naming the questions");
  }
  if (!encoding.empty() && options.encoding.empty())
    print_note(fmt::format("the intake is {} (byte-order mark); converted to UTF-8", encoding));
  if (options.delimiter.empty() && reader.delimiter() != ',')
    print_note(fmt::format("the intake's fields are separated by {} (detected from the header; --delimiter "
                           "overrides)", reader.delimiter() == '\t' ? "tabs" : "semicolons"));
  IntakeOptions intake = options.intake;
  intake.encoding = encoding;
  IntakeColumns columns = map_header(scorer.rules, record, intake);
  std::vector<std::string> header;  // the intake's column names as given, for audit records
  for (std::string_view name : record.fields) header.emplace_back(trim(name));
  for (const std::string& warning : columns.warnings) print_warning(warning);
  note_missing_columns(scorer.rules, columns);
  scorer.writer.write_header();
  scorer.start();
  while (reader.next(record)) {
    ++scorer.counts.rows;
    std::string id = record_id(columns, record, scorer.counts.rows);
    scorer.kept.clear();
    for (int f : columns.kept_fields)
      scorer.kept.push_back(record.error.empty() && static_cast<std::size_t>(f) < record.fields.size()
                                ? trim(record.fields[f]) : std::string_view());
    read_csv_answers(scorer.rules, columns, record, scorer.answers, scorer.problems);
    // A problem of the whole record (malformed, fields missing) comes alone and names no column.
    scorer.answers_read = scorer.problems.empty() || !scorer.problems.front().column.empty();
    scorer.invalid.clear();
    for (const FieldProblem& problem : scorer.problems)
      if (problem.question >= 0) scorer.invalid.push_back(problem.question);
    if (scorer.audit.log)
      for (size_t f = 0; f < record.fields.size() && f < columns.question_of_field.size(); ++f)
        if (columns.question_of_field[f] >= 0) scorer.given[header[f]] = record.fields[f];
    scorer.finish_case(id, record.line);
  }
  if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the input");
}

// JSON Lines: one case a line, the `eval --json` object with an optional id; blank lines
// are skipped. A line over the cap of one case is an error row, and reading goes on.
void score_jsonl(Scorer& scorer, std::istream& in, const ScoreOptions& options) {
  scorer.writer.write_header();
  scorer.start();
  JsonlReader reader(*in.rdbuf(), kMaxCaseBytes);
  std::string line;
  std::vector<std::string> kept;  // the --keep members of the case
  while (reader.next(line)) {
    const std::size_t number = reader.line_number();
    if (!reader.too_long() && (trim(line).empty() || line == "\r")) continue;
    ++scorer.counts.rows;
    scorer.problems.clear();
    scorer.invalid.clear();
    scorer.answers_read = false;
    std::string id = std::to_string(scorer.counts.rows);
    nlohmann::json object;
    scorer.kept.clear();
    if (reader.too_long()) {
      scorer.problems.push_back({number, {}, {},
                                 fmt::format("the line is longer than {}, the most a JSON case may hold",
                                             byte_size(kMaxCaseBytes))});
    } else {
      try {
        object = parse_json_case(line, "");
      } catch (const Error& e) {
        scorer.problems.push_back({number, {}, {}, e.what()});
      }
    }
    if (scorer.problems.empty()) {
      if (scorer.audit.log) scorer.given = nlohmann::ordered_json::parse(object.dump());
      if (std::string given = json_case_id(object, options.intake.id_column); !given.empty()) id = given;
      kept = take_kept_members(scorer.rules, object, options.intake.keep);
      scorer.kept.assign(kept.begin(), kept.end());
      for (std::string& problem :
           read_json_answers(scorer.rules, object, scorer.answers, options.intake.id_column, &scorer.invalid))
        scorer.problems.push_back({number, {}, {}, std::move(problem)});
      scorer.answers_read = object.is_object();
    }
    scorer.finish_case(id, number);
  }
  if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the input");
}

// The --keep names, trimmed. Each must be new to the output: a name the results use (in CSV or
// JSON Lines) or a name given twice would make two columns, or two JSON members, of one name.
std::vector<std::string> kept_names(const std::vector<std::string>& given) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const std::string& raw : given) {
    std::string name(trim(raw));
    if (name.empty()) throw Error(ExitCode::usage, "--keep: a column name is empty");
    const std::string key = lower(name);
    auto is_result = [&](const auto& results) {
      return std::any_of(results.begin(), results.end(), [&](const char* result) { return key == result; });
    };
    if (is_result(kScoreColumns) || is_result(kJsonlOnlyMembers))
      throw Error(ExitCode::usage, fmt::format("--keep {}: the results have a column of that name", quoted_value(name)));
    if (!seen.insert(key).second) throw Error(ExitCode::usage, fmt::format("--keep {}: given twice", quoted_value(name)));
    names.push_back(std::move(name));
  }
  return names;
}

int run_score(const GlobalOptions& global, ScoreOptions options) {
  options.intake.keep = kept_names(options.intake.keep);
  std::unique_ptr<AuditLog> audit_log = open_audit(options.audit, options.output.empty() || options.output == "-");
  RuleSet rules = load_triage_rule_set(global);
  InputFile input(options.input);
  DecodingInput decoded(input.buffer(), options.encoding);
  std::istream in(&decoded);
  std::optional<AtomicFile> output;
  if (!options.output.empty() && options.output != "-") output.emplace(options.output);
  std::ostream& out = output ? output->stream() : std::cout;

  ScoreWriterOptions writer_options;
  writer_options.format = options.format == "jsonl" ? ScoreFormat::jsonl : ScoreFormat::csv;
  writer_options.kept_names = options.intake.keep;
  writer_options.raw_csv = options.raw_csv;
  writer_options.escape_controls = !output && is_terminal(STDOUT_FILENO);
  ScoreWriter writer(rules, writer_options, out);
  Counts counts;
  Progress progress(is_terminal(STDERR_FILENO), !options.quiet);
  Scorer scorer{rules, writer, counts, progress, {}, {}, {}, {}, {audit_log.get(), options.audit.answered_by, options.format},
                nlohmann::ordered_json::object(), false, {}};
  try {
    if (options.input_format == "jsonl") score_jsonl(scorer, in, options);
    else score_csv(scorer, in, options, decoded.converting_from());
    // The last rows are still buffered: their records go to disk before they are shown.
    if (audit_log) audit_log->sync();
    writer.flush();
  } catch (const Error& e) {
    // The writer knows only that its stream failed; the output names where and why.
    if (e.code() != ExitCode::cant_create) throw;
    if (output) output->commit();
    finish_stdout();
    throw;
  }
  if (output) output->commit();
  else finish_stdout();
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
                  "Write results to OUT (or - for standard output, the default); OUT is replaced once the whole "
                  "input was read, error rows and all, and kept as it was when nothing was scored")
      ->option_text("OUT");
  sub->add_option("--format", options->format, "Output format: csv (default) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->option_text("csv|jsonl");
  sub->add_option("--input", options->input_format,
                  "Input format: csv (default) or jsonl (one JSON object of answers a line, as eval --json, "
                  "with an optional id)")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->option_text("csv|jsonl");
  sub->add_option("--delimiter", options->delimiter,
                  "Field separator: comma, semicolon, tab or pipe (default: detected from the header line)")
      ->check([](const std::string& text) {
        return delimiter_named(text) ? std::string() : "expected comma, semicolon, tab or pipe (or the character), got " + quoted_value(text);
      })
      ->option_text("SEP");
  sub->add_option("--encoding", options->encoding,
                  "Character encoding of the input as iconv names it, e.g. cp1252 or ISO-8859-1 (default: UTF-8, "
                  "or UTF-16 with a byte-order mark)")
      ->option_text("NAME");
  sub->add_option("--id-column", options->intake.id_column, "Column holding the case ids (default: id)")
      ->check([](const std::string& name) { return trim(name).empty() ? "a column name is needed" : std::string(); })
      ->option_text("NAME");
  sub->add_option("--keep", options->intake.keep,
                  "Copy these input columns (comma-separated) into the output, after the id")
      ->delimiter(',')
      ->option_text("COLS");
  sub->add_flag("--strict", options->intake.strict,
                "Refuse the file (exit 65, nothing scored) for an unknown column or any header warning");
  sub->add_flag("--raw-csv", options->raw_csv,
                "Do not prefix ' to copied cells that start with = + - @ (spreadsheet formulas)");
  sub->add_flag("-q,--quiet", options->quiet, "No summary line on standard error");
  add_audit_options(*sub, options->audit, "");
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  sub->footer(examples_footer({"backtriage score intake.csv -o results.csv",
                               "backtriage score --input jsonl --format jsonl < cases.jsonl"}));
  return {sub, [&global, options] { return run_score(global, *options); }};
}

}  // namespace backtriage
