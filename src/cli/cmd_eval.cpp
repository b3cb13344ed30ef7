// `backtriage eval`: one case from name=value arguments or a JSON object, reported as text
// or as one JSON object, with the exit codes of backtriage(1) (65 when the case is invalid).
#include <cerrno>
#include <ctime>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "base/exit_code.h"
#include "cli/common.h"
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
  std::ifstream file;
  std::istream* in = &std::cin;
  std::string name = path == "-" ? "standard input" : path;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw Error(ExitCode::no_input, fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
    in = &file;
  }
  // nlohmann keeps the last of duplicate keys silently; an answer given twice is refused
  // instead, as in rule files and CSV headers.
  std::vector<std::set<std::string>> keys_by_depth;
  std::string duplicate;
  auto refuse_duplicates = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::object_start) {
      keys_by_depth.resize(static_cast<size_t>(depth) + 1);
      keys_by_depth[depth].clear();
    } else if (event == nlohmann::json::parse_event_t::key && depth > 0 &&
               !keys_by_depth[depth - 1].insert(parsed.get<std::string>()).second && duplicate.empty()) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(*in, refuse_duplicates);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ExitCode::data_error, fmt::format("{}: invalid JSON: {}", name, e.what()));
  }
  if (!duplicate.empty())
    throw Error(ExitCode::data_error, fmt::format("{}: question '{}' is answered twice", name, duplicate));
  return parsed;
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
  std::unique_ptr<AuditLog> audit = open_audit(options.audit);
  RuleSet rules = load_triage_rule_set(global);
  std::vector<AnswerValue> answers;
  AuditCase record;
  std::vector<std::string> problems;
  if (options.json_input.empty()) {
    auto named = split_named(options.answers);
    problems = read_named_answers(rules, named, answers);
    record.answers = given_answers(named);
  } else {
    nlohmann::json object = read_json_case(options.json_input);
    problems = read_json_answers(rules, object, answers);
    record.answers = nlohmann::ordered_json::parse(object.dump());
  }
  Decision decision;
  if (problems.empty()) {
    if (std::string problem = score_case(rules, answers, decision); !problem.empty()) problems.push_back(problem);
  }
  const bool json = options.format == "json";
  const std::string message = fmt::format("{}", fmt::join(problems, "; "));
  std::string shown;
  if (!problems.empty()) shown = json ? error_json(rules, message).dump(2) + "\n" : "";
  else if (json) shown = decision_json(rules, decision).dump(2) + "\n";
  else shown = format_report(rules, decision, {use_color(global, STDOUT_FILENO), view_named(options.view)});

  // The record is on disk before anything is shown: a case that cannot be recorded is not shown.
  if (audit) {
    std::string id = options.id.empty() ? time_based_id(std::time(nullptr)) : options.id;
    record.time = std::time(nullptr);
    record.mode = "eval";
    record.id = id;
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
  for (const auto& problem : problems) print_error(problem);
  std::cout.flush();
  if (!std::cout) throw Error(ExitCode::cant_create, "cannot write the output");
  return static_cast<int>(problems.empty() ? ExitCode::ok : ExitCode::data_error);
}

}  // namespace

Command register_eval(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* sub = app.add_subcommand("eval", "Evaluate one case given as name=value answers or a JSON object");
  sub->fallthrough();
  sub->add_option("ANSWERS", options->answers, "Answers as question_id=value (blank value: unknown)")
      ->option_text("NAME=VALUE ...");
  sub->add_option("--json", options->json_input, "Read the answers from a JSON object in FILE, or - for standard input")
      ->option_text("FILE|-");
  sub->add_option("--format", options->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("text|json");
  add_view_option(*sub, options->view, "clinician");
  add_id_option(*sub, options->id);
  add_audit_options(*sub, options->audit, "");
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  return {sub, [&global, options] { return run_eval(global, *options); }};
}

}  // namespace backtriage
