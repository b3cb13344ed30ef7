#include "intake/intake.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/spell.h"

namespace backtriage {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The question whose id is `name` ignoring case and surrounding blanks, or -1.
int find_question(const RuleSet& rules, std::string_view name) {
  std::string wanted = lower(trim(name));
  for (size_t i = 0; i < rules.questions.size(); ++i)
    if (rules.questions[i].id == wanted) return static_cast<int>(i);
  return -1;
}

ParsedAnswer parse_for(const Question& q, std::string_view text) { return parse_answer(q.type, q.min, q.max, text); }

}  // namespace

IntakeColumns map_header(const RuleSet& rules, const CsvRecord& header) {
  if (!header.error.empty()) throw Error(ExitCode::data_error, fmt::format("line {}: {}", header.line, header.error));
  IntakeColumns columns;
  std::vector<std::string> problems;
  std::vector<int> field_of_question(rules.questions.size(), -1);
  for (size_t f = 0; f < header.fields.size(); ++f) {
    std::string name(trim(header.fields[f]));
    std::string key = lower(name);
    for (size_t earlier = 0; earlier < columns.field_names.size(); ++earlier)
      if (lower(columns.field_names[earlier]) == key)
        problems.push_back(fmt::format("column '{}' appears twice (fields {} and {})", name, earlier + 1, f + 1));
    columns.field_names.push_back(name);
    int q = find_question(rules, name);
    columns.question_of_field.push_back(q);
    if (q >= 0) field_of_question[q] = static_cast<int>(f);
    if (key == "id" && columns.id_field < 0) columns.id_field = static_cast<int>(f);
  }
  std::vector<std::string> missing;
  for (size_t q = 0; q < rules.questions.size(); ++q)
    if (rules.questions[q].required && field_of_question[q] < 0) missing.push_back(rules.questions[q].id);
  if (!missing.empty())
    problems.push_back(fmt::format("the header lacks the column{} of required question{}: {}", missing.size() > 1 ? "s" : "",
                                   missing.size() > 1 ? "s" : "", fmt::join(missing, ", ")));
  if (!problems.empty())
    throw Error(ExitCode::data_error, fmt::format("line {}: {}; nothing was scored", header.line, fmt::join(problems, "; ")));
  return columns;
}

std::string read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                             std::vector<AnswerValue>& answers) {
  if (!record.error.empty()) return fmt::format("line {}: {}", record.line, record.error);
  if (record.fields.size() != columns.question_of_field.size())
    return fmt::format("line {}: expected {} fields, found {}", record.line, columns.question_of_field.size(),
                       record.fields.size());
  answers.assign(rules.questions.size(), kUnknown);
  for (size_t f = 0; f < record.fields.size(); ++f) {
    int q = columns.question_of_field[f];
    if (q < 0) continue;
    const Question& question = rules.questions[q];
    if (read_answer(question.type, question.min, question.max, record.fields[f], answers[q])) continue;
    ParsedAnswer parsed = parse_for(question, record.fields[f]);  // for the message
    return fmt::format("line {}: column '{}': {}", record.line, columns.field_names[f], parsed.error);
  }
  return {};
}

std::string record_id(const IntakeColumns& columns, const CsvRecord& record, std::size_t row_number) {
  if (columns.id_field >= 0 && static_cast<size_t>(columns.id_field) < record.fields.size() && record.error.empty())
    return std::string(trim(record.fields[columns.id_field]));
  return std::to_string(row_number);
}

std::vector<std::string> read_named_answers(const RuleSet& rules,
                                            const std::vector<std::pair<std::string, std::string>>& named,
                                            std::vector<AnswerValue>& answers) {
  std::vector<std::string> problems;
  std::vector<bool> seen(rules.questions.size(), false);
  answers.assign(rules.questions.size(), kUnknown);
  for (const auto& [name, value] : named) {
    int q = find_question(rules, name);
    if (q < 0) {
      problems.push_back(fmt::format("unknown question '{}'{}", name, did_you_mean(trim(name), rules.question_ids())));
      continue;
    }
    if (seen[q]) {
      problems.push_back(fmt::format("question '{}' is answered twice", rules.questions[q].id));
      continue;
    }
    seen[q] = true;
    ParsedAnswer parsed = parse_for(rules.questions[q], value);
    if (parsed.ok()) answers[q] = parsed.value;
    else problems.push_back(fmt::format("{}: {}", rules.questions[q].id, parsed.error));
  }
  return problems;
}

std::vector<std::string> read_json_answers(const RuleSet& rules, const nlohmann::json& object,
                                           std::vector<AnswerValue>& answers) {
  if (!object.is_object()) {
    answers.assign(rules.questions.size(), kUnknown);
    return {fmt::format("expected a JSON object of answers by question id, got {}", object.type_name())};
  }
  std::vector<std::pair<std::string, std::string>> named;
  std::vector<std::string> problems;
  for (const auto& [name, value] : object.items()) {
    if (value.is_null()) named.emplace_back(name, "");
    else if (value.is_boolean()) named.emplace_back(name, value.get<bool>() ? "yes" : "no");
    else if (value.is_string()) named.emplace_back(name, value.get<std::string>());
    else if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>() &&
             std::fabs(value.get<double>()) < 1e15)
      // 62.0 and 1e1 are the JSON numbers 62 and 10, as many producers write whole numbers.
      named.emplace_back(name, std::to_string(static_cast<long long>(value.get<double>())));
    else if (value.is_number()) named.emplace_back(name, value.dump());  // exact digits, unsigned too
    else problems.push_back(fmt::format("{}: expected a boolean, number, text or null, got {}", name, value.type_name()));
  }
  auto more = read_named_answers(rules, named, answers);
  problems.insert(problems.end(), more.begin(), more.end());
  return problems;
}


}  // namespace backtriage
