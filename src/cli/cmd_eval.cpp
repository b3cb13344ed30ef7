// `backtriage eval`: one case from name=value arguments or a JSON object, reported as text
// or as one JSON object, with the exit codes of backtriage(1) (65 when the case is invalid).
#include <cerrno>
#include <ctime>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "base/exit_code.h"
#include "base/text.h"
#include "cli/common.h"
#include "cli/proof.h"
#include "decision/evaluate.h"
#include "intake/intake.h"
#include "output/audit_record.h"
#include "output/decision_json.h"
#include "output/report.h"

namespace backtriage {
namespace {

struct EvalOptions {
  std::vector<std::string> answers;  // name=value
  std::string json_input;            // --json FILE|-
  std::string format = "text";
  std::string view = "clinician";  // --view: who reads the text report
  std::string id;                  // --id: the case id in the audit trail
  AuditOptions audit;
};

nlohmann::json read_json_case(const std::string& path) {
  return parse_json_case(read_whole_input(path, kMaxCaseBytes, "a JSON case"),
                         path == "-" ? "standard input" : escape_controls(path));
}

// The case's id first, when the JSON gave one, so that results can be matched to requests.
nlohmann::ordered_json with_id(const std::string& id, nlohmann::ordered_json result) {
  if (id.empty()) return result;
  nlohmann::ordered_json out;
  out["id"] = id;
  for (auto& [key, value] : result.items()) out[key] = std::move(value);
  return out;
}

std::string dumped(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> split_named(const std::vector<std::string>& arguments) {
  std::vector<std::pair<std::string, std::string>> named;
  for (const auto& argument : arguments) {
    auto equals = argument.find('=');
    if (equals == std::string::npos || equals == 0)
      throw Error(ExitCode::usage, fmt::format("expected an answer as name=value, got '{}'", argument));
    named.emplace_back(argument.substr(0, equals), argument.substr(equals + 1));
  }
  return named;
}

// The answers as given, for the audit trail: the JSON object as read, or the name=value pairs.
nlohmann::ordered_json given_answers(const std::vector<std::pair<std::string, std::string>>& named) {
  nlohmann::ordered_json given = nlohmann::ordered_json::object();
  for (const auto& [name, value] : named) given[name] = value;
  return given;
}

int run_eval(const GlobalOptions& global, const EvalOptions& options) {
  if (!options.answers.empty() && !options.json_input.empty())
    throw Error(ExitCode::usage, "give the answers as name=value arguments or with --json, not both");
  std::unique_ptr<AuditLog> audit = open_audit(options.audit, true);
  RuleSet rules = load_triage_rule_set(global);
  std::vector<AnswerValue> answers;
  AuditCase record;
  std::vector<std::string> problems;
  std::string id;  // the case's own id, from the JSON "id" key
  std::vector<int> invalid;  // questions given a bad value
  bool answers_read = true;  // false for JSON that is not an object of answers
  if (options.json_input.empty()) {
    auto named = split_named(options.answers);
    problems = read_named_answers(rules, named, answers, &invalid);
    record.answers = given_answers(named);
  } else {
    nlohmann::json object = read_json_case(options.json_input);
    id = json_case_id(object);
    problems = read_json_answers(rules, object, answers, "id", &invalid);
    answers_read = object.is_object();
    record.answers = nlohmann::ordered_json::parse(object.dump());
  }
  Decision decision;
  if (problems.empty()) {
    if (std::string problem = score_case(rules, answers, decision); !problem.empty()) problems.push_back(problem);
  } else if (answers_read) {
    // Blank required answers too, so that one message names everything to fix.
    evaluate(rules, answers, decision);
    if (std::string blank = blank_required_message(rules, decision, invalid); !blank.empty()) problems.push_back(blank);
  }
  const bool json = options.format == "json";
  const std::string message = fmt::format("{}", fmt::join(problems, "; "));
  std::string shown;
  if (!problems.empty()) shown = json ? dumped(with_id(id, error_json(rules, message))) + "\n" : "";
  else if (json) shown = dumped(with_id(id, decision_json(rules, decision))) + "\n";
  else shown = format_report(rules, decision, {use_color(global, STDOUT_FILENO), view_named(options.view)});

  // The record is on disk before anything is shown: a case that cannot be recorded is not shown.
  if (audit) {
    std::string case_id = !options.id.empty() ? options.id : !id.empty() ? id : time_based_id(std::time(nullptr));
    record.time = std::time(nullptr);
    record.mode = "eval";
    record.id = case_id;
    record.answered_by = options.audit.answered_by;
    record.decision = problems.empty() ? &decision : nullptr;
    record.status = problems.empty() ? "ok" : "error";
    record.error = message;
    std::string as = json ? "json" : "text " + options.view;
    record.shown_as = as;
    record.shown = shown;
    audit->append(audit_line(rules, record));
    audit->sync();
  }
  std::cout << shown;
  finish_stdout();
  for (const auto& problem : problems) print_error(problem);
  return static_cast<int>(problems.empty() ? ExitCode::ok : ExitCode::data_error);
}

}  // namespace

Command register_eval(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* sub = app.add_subcommand("eval", "Evaluate one case given as name=value answers or a JSON object");
  sub->fallthrough();
  sub->add_option("ANSWERS", options->answers, "Answers as question_id=value (blank value: unknown)")
      ->option_text("NAME=VALUE ...");
  sub->add_option("--json", options->json_input,
                  "Read the answers from a JSON object in FILE, or - for standard input; an \"id\" member is the "
                  "case's id, copied into --format json")
      ->option_text("FILE|-");
  sub->add_option("--format", options->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("text|json");
  add_view_option(*sub, options->view, "clinician");
  add_id_option(*sub, options->id);
  add_audit_options(*sub, options->audit, "");
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  sub->footer(examples_footer({"backtriage eval age=62 duration_days=10 numbness=no weakness=no difficulty_walking=no "
                               "prior_injury=no",
                               "echo '{\"id\": \"P7\", \"age\": 40, \"duration_days\": \"3 weeks\"}' | "
                               "backtriage eval --json - --format json"}));
  return {sub, [&global, options] { return run_eval(global, *options); }};
}

}  // namespace backtriage
