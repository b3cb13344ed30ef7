#include "check/intake_diff.h"

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "decision/evaluate.h"
#include "intake/csv_reader.h"
#include "intake/decode.h"
#include "intake/intake.h"

namespace backtriage {
namespace {

// The row's error under `rules`, or "" after evaluating it into `decision`.
std::string score_row(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                      std::vector<AnswerValue>& answers, Decision& decision) {
  std::string error = read_csv_answers(rules, columns, record, answers);
  if (!error.empty()) return error;
  return score_case(rules, answers, decision);
}

}  // namespace

IntakeDiff diff_intake(const RuleSet& old_rules, const RuleSet& new_rules, std::istream& in) {
  const RuleSet* sets[2] = {&old_rules, &new_rules};
  // The same dialects as `score` reads without options: UTF-16 by its byte-order mark, and a
  // semicolon or tab separator detected from the header.
  DecodingInput decoded(*in.rdbuf(), "");
  std::istream text(&decoded);
  CsvReader reader(text);
  reader.set_delimiter('\0');
  CsvRecord record;
  if (!reader.next(record)) {
    if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the intake file");
    throw Error(ExitCode::data_error, "the intake file is empty: expected a header line naming the questions");
  }
  IntakeColumns columns[2] = {map_header(old_rules, record), map_header(new_rules, record)};
  IntakeDiff diff;
  std::vector<AnswerValue> answers;
  Decision decisions[2];
  while (reader.next(record)) {
    ++diff.rows;
    std::string errors[2];
    for (int s = 0; s < 2; ++s) errors[s] = score_row(*sets[s], columns[s], record, answers, decisions[s]);
    bool failed[2] = {!errors[0].empty(), !errors[1].empty()};
    if (failed[0] && failed[1]) {
      ++diff.errors;
      continue;
    }
    std::vector<std::string> changes;
    if (failed[0] != failed[1]) {
      changes.push_back(fmt::format("status {} -> {} ({})", failed[0] ? "error" : "ok", failed[1] ? "error" : "ok",
                                    failed[0] ? errors[0] : errors[1]));
    } else {
      for (int o = 0; o < kOutputCount; ++o) {
        const std::string& from = old_rules.scales[o].values[decisions[0].outcome[o]];
        const std::string& to = new_rules.scales[o].values[decisions[1].outcome[o]];
        if (from != to) changes.push_back(fmt::format("{} {} -> {}", kOutputNames[o], from, to));
      }
    }
    if (!changes.empty())
      diff.changes.push_back({record_id(columns[0], record, diff.rows), record.line, fmt::format("{}", fmt::join(changes, "; "))});
  }
  if (reader.read_failed()) throw Error(ExitCode::no_input, "cannot read the intake file");
  return diff;
}

std::string format_intake_diff(const std::string& name, const IntakeDiff& diff) {
  std::string out = fmt::format("\nintake {}: {} of {} change", name, grouped(diff.changes.size()), plural(diff.rows, "row"));
  if (diff.errors) out += fmt::format(" ({} invalid under both rule sets)", plural(diff.errors, "row"));
  out += '\n';
  for (const RowChange& change : diff.changes)
    out += fmt::format("    {} (line {}): {}\n", escape_controls(change.id), change.line, escape_controls(change.change));
  return out;
}

}  // namespace backtriage
