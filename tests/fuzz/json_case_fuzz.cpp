// libFuzzer entry point for a JSON case, the input of `eval --json` and of each line of
// `score --input jsonl`, through the calls those commands make to their outputs: the eval
// JSON report, the JSON Lines result row and the audit record. Checks that a bad case is a
// data error (65, never 70) and that every output parses as JSON (so is UTF-8). Runs on a
// 1 MiB stack, as the parse and the dumps of nlohmann recurse per level of nesting.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "base/exit_code.h"
#include "decision/evaluate.h"
#include "fuzz_support.h"
#include "intake/intake.h"
#include "output/audit_record.h"
#include "output/decision_json.h"
#include "output/score_writer.h"

namespace {

using namespace backtriage;
using fuzz::require;

void check_case(std::string_view text) {
  const RuleSet& rules = fuzz::builtin_rules();

  nlohmann::json object;
  try {
    object = parse_json_case(text, "case.json");
  } catch (const Error& e) {
    require(e.code() == ExitCode::data_error, "JSON that does not parse is a data error");
    return;
  }
  const std::string id = json_case_id(object);
  std::vector<AnswerValue> answers;
  std::vector<std::string> problems = read_json_answers(rules, object, answers);
  Decision decision;
  if (problems.empty()) {
    if (std::string missing = score_case(rules, answers, decision); !missing.empty()) problems.push_back(missing);
  }
  std::string message;
  for (const std::string& problem : problems) message += problem + "; ";

  // eval --format json, as cmd_eval.cpp writes it.
  nlohmann::ordered_json report = problems.empty() ? decision_json(rules, decision) : error_json(rules, message);
  report["id"] = id;
  const std::string shown = report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  require(fuzz::parses_as_json(shown), "the eval JSON report parses as JSON");

  // The JSON Lines row of score --input jsonl.
  std::ostringstream out;
  ScoreWriter jsonl(rules, ScoreFormat::jsonl, out);
  if (problems.empty()) jsonl.write_scored(id, decision);
  else jsonl.write_error(id, message);
  jsonl.flush();
  std::string row = out.str();
  require(!row.empty() && row.back() == '\n', "a JSON Lines row ends its line");
  row.pop_back();
  require(row.find('\n') == std::string::npos && fuzz::parses_as_json(row), "the JSON Lines row is one JSON line");

  // The audit record, with the answers as given.
  AuditCase record;
  record.mode = "eval";
  record.id = id;
  record.answers = nlohmann::ordered_json::parse(object.dump());
  record.decision = problems.empty() ? &decision : nullptr;
  record.status = problems.empty() ? "ok" : "error";
  record.error = message;
  record.shown_as = "json";
  record.shown = shown;
  std::string line = audit_line(rules, record);
  require(!line.empty() && line.back() == '\n', "an audit record ends its line");
  line.pop_back();
  require(line.find('\n') == std::string::npos && fuzz::parses_as_json(line), "the audit record is one JSON line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto check = [text = std::string_view(reinterpret_cast<const char*>(data), size)] { check_case(text); };
  fuzz::on_small_stack(check);
  return 0;
}
