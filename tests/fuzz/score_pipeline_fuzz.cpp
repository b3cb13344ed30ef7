// libFuzzer entry point for the path of `score`: an intake read through DecodingInput and
// CsvReader, mapped and scored with the built-in rules, written as CSV and as JSON Lines.
// Checks that every JSON Lines row parses as JSON (so is UTF-8) and that the CSV output reads
// back as one clean row per record, each as wide as its header.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "base/exit_code.h"
#include "decision/evaluate.h"
#include "fuzz_support.h"
#include "intake/csv_reader.h"
#include "intake/decode.h"
#include "intake/intake.h"
#include "output/score_writer.h"

namespace {

using namespace backtriage;
using fuzz::require;

void check_jsonl(const std::string& written, std::size_t rows) {
  std::size_t lines = 0;
  std::istringstream in(written);
  for (std::string line; std::getline(in, line); ++lines)
    require(fuzz::parses_as_json(line), "every JSON Lines row parses as JSON");
  require(lines == rows, "one JSON Lines row per record");
}

void check_csv(const std::string& written, std::size_t rows, std::size_t columns) {
  std::istringstream in(written);
  CsvReader reader(in, 4096);
  CsvRecord record;
  std::size_t read = 0;
  for (; reader.next(record); ++read)
    require(record.error.empty() && record.fields.size() == columns, "every CSV result row reads back whole");
  require(read == rows + 1, "one CSV result row per record, after the header");
}

// The writers of one --keep choice. They are made once: each holds a 1 MiB buffer, which
// made per input would cost more than the input.
struct Outputs {
  std::ostringstream csv_out, jsonl_out;
  ScoreWriter csv, jsonl;
  Outputs(const RuleSet& rules, const std::vector<std::string>& keep)
      : csv(rules, {ScoreFormat::csv, keep, false, false}, csv_out),
        jsonl(rules, {ScoreFormat::jsonl, keep, false, false}, jsonl_out) {}
};

Outputs& outputs_for(const RuleSet& rules, const std::vector<std::string>& keep) {
  static Outputs plain(rules, {}), kept(rules, {"name"});
  Outputs& outputs = keep.empty() ? plain : kept;
  outputs.csv_out.str("");
  outputs.jsonl_out.str("");
  return outputs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // Byte 0: the reader's block size (1..32) and whether a `name` column is kept.
  const std::size_t block = data[0] % 32 + 1;
  IntakeOptions options;
  if (data[0] & 0x80) options.keep = {"name"};
  std::stringbuf source(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  DecodingInput decoded(source, "");
  std::istream in(&decoded);

  const RuleSet& rules = fuzz::builtin_rules();
  CsvReader reader(in, block, 4096);
  CsvRecord record;
  if (!reader.next(record)) return 0;
  IntakeColumns columns;
  try {
    columns = map_header(rules, record, options);
  } catch (const Error& e) {
    require(e.code() == ExitCode::data_error, "a bad header is a data error");
    return 0;
  }
  Outputs& outputs = outputs_for(rules, options.keep);
  ScoreWriter& csv = outputs.csv;
  ScoreWriter& jsonl = outputs.jsonl;
  csv.write_header();
  std::vector<AnswerValue> answers;
  std::vector<FieldProblem> problems;
  std::vector<std::string_view> kept;
  Decision decision;
  std::size_t rows = 0;
  while (reader.next(record)) {
    ++rows;
    const std::string id = record_id(columns, record, rows);
    kept.clear();
    for (int f : columns.kept_fields)
      kept.push_back(record.error.empty() && static_cast<std::size_t>(f) < record.fields.size() ? record.fields[f]
                                                                                              : std::string_view());
    if (read_csv_answers(rules, columns, record, answers, problems)) {
      if (std::string missing = score_case(rules, answers, decision); !missing.empty())
        problems.push_back({record.line, {}, {}, missing});
    }
    if (problems.empty()) {
      csv.write_scored(id, kept, decision);
      jsonl.write_scored(id, kept, decision);
    } else {
      csv.write_error(id, kept, problems);
      jsonl.write_error(id, kept, problems);
    }
  }
  require(!reader.read_failed(), "reading from memory never fails");
  csv.flush();
  jsonl.flush();
  check_jsonl(outputs.jsonl_out.str(), rows);
  check_csv(outputs.csv_out.str(), rows, kScoreColumns.size() + options.keep.size());
  return 0;
}
