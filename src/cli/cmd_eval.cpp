// `backtriage eval`: one case from name=value arguments or a JSON object, reported as text
// or as one JSON object, with the exit codes of backtriage(1) (65 when the case is invalid).
#include <cerrno>
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
#include "output/decision_json.h"
#include "output/report.h"

namespace backtriage {
namespace {

struct EvalOptions {
  std::vector<std::string> answers;  // name=value
  std::string json_input;            // --json FILE|-
  std::string format = "text";
  std::string view = "clinician";  // --view: who reads the text report
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

int run_eval(const GlobalOptions& global, const EvalOptions& options) {
  if (!options.answers.empty() && !options.json_input.empty())
    throw Error(ExitCode::usage, "give the answers as name=value arguments or with --json, not both");
  RuleSet rules = load_triage_rule_set(global);
  std::vector<AnswerValue> answers;
  std::vector<std::string> problems =
      options.json_input.empty() ? read_named_answers(rules, split_named(options.answers), answers)
                                 : read_json_answers(rules, read_json_case(options.json_input), answers);
  Decision decision;
  if (problems.empty()) {
    if (std::string problem = score_case(rules, answers, decision); !problem.empty()) problems.push_back(problem);
  }
  bool json = options.format == "json";
  if (!problems.empty()) {
    std::string message = fmt::format("{}", fmt::join(problems, "; "));
    if (json) std::cout << error_json(rules, message).dump(2) << '\n';
    for (const auto& problem : problems) print_error(problem);
    return static_cast<int>(ExitCode::data_error);
  }
  if (json) std::cout << decision_json(rules, decision).dump(2) << '\n';
  else std::cout << format_report(rules, decision, {use_color(global, STDOUT_FILENO), view_named(options.view)});
  std::cout.flush();
  if (!std::cout) throw Error(ExitCode::cant_create, "cannot write the output");
  return 0;
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
  add_rules_option(*sub, global);
  add_unchecked_option(*sub, global);
  return {sub, [&global, options] { return run_eval(global, *options); }};
}

}  // namespace backtriage
