#include "intake/intake.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "base/diagnostic.h"
#include "base/exit_code.h"
#include "base/spell.h"
#include "base/text.h"

namespace backtriage {
namespace {

// The question whose id is `name` ignoring case and surrounding blanks, or -1.
int find_question(const RuleSet& rules, std::string_view name) {
  std::string wanted = lower(trim(name));
  for (size_t i = 0; i < rules.questions.size(); ++i)
    if (rules.questions[i].id == wanted) return static_cast<int>(i);
  return -1;
}

ParsedAnswer parse_for(const Question& q, std::string_view text) { return parse_answer(q.type, q.min, q.max, text); }

}  // namespace

namespace {

// "2 and 7", "1, 4 and 9", "1, 2, 3, 4, 5 and 3,995 more": 1-based field numbers.
std::string field_list(const std::vector<std::size_t>& fields) {
  const std::size_t shown = fields.size() > 6 ? 5 : fields.size();
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += i + 1 == shown && shown == fields.size() ? " and " : ", ";
    out += grouped(fields[i] + 1);
  }
  if (shown < fields.size()) out += " and " + grouped(fields.size() - shown) + " more";
  return out;
}

// A column that is not a question, the id or a kept column: fine in a spreadsheet (name,
// clinic, notes), but a misspelt question would silently become a blank answer.
// Returns the question the name looks like a misspelling of, or "".
std::string check_unknown_column(const std::vector<std::string>& question_ids, const std::string& name,
                                 std::size_t field, const IntakeOptions& options, IntakeColumns& columns,
                                 std::vector<std::string>& problems) {
  std::string suggestion = closest_match(name, question_ids);
  if (!suggestion.empty())
    columns.warnings.push_back(fmt::format("column {} (field {}) is not a question and is ignored (did you mean '{}'?)",
                                           quoted_value(name), field + 1, suggestion));
  else if (options.strict)
    problems.push_back(fmt::format("column {} (field {}) is not a question, the id column or a --keep column",
                                   quoted_value(name), field + 1));
  return suggestion;
}

// Why a header that lacks required columns may have been misread: one column holding NUL
// bytes is UTF-16 without a byte-order mark; one column holding another separator is a
// delimiter that was not recognised.
std::string misread_header_hint(const CsvRecord& header, std::size_t named_fields) {
  for (std::string_view field : header.fields)
    if (field.find('\0') != std::string_view::npos)
      return " (the header holds NUL bytes: if the file is UTF-16 without a byte-order mark, give --encoding UTF-16LE "
             "or UTF-16BE)";
  if (named_fields != 1) return "";
  const std::string_view name = header.fields[0];
  struct Separator {
    char character;
    const char* plural;
    const char* option;
  };
  for (const Separator& s : {Separator{';', "semicolons", "semicolon"}, Separator{'\t', "tabs", "tab"},
                             Separator{'|', "'|' characters", "pipe"}, Separator{',', "commas", "comma"}})
    if (name.find(s.character) != std::string_view::npos)
      return fmt::format(" (the header is one column holding {}: if they separate its fields, give --delimiter {})",
                         s.plural, s.option);
  return "";
}

// "the header has no 'id' column", with the column meant when one looks like an id.
std::string no_id_warning(const IntakeColumns& columns, const std::string& id_column) {
  std::string hint;
  for (const std::string& name : columns.field_names) {
    const std::string key = lower(name);
    if (key.size() > 2 && (key.compare(key.size() - 2, 2, "id") == 0 || key.find("id_") == 0)) {
      hint = fmt::format("; if {} holds them, give --id-column {}", quoted_value(name), name);
      break;
    }
  }
  return fmt::format("the header has no {} column: results are numbered by data row (1, 2, ...){}",
                     quoted_value(id_column), hint);
}

}  // namespace

IntakeColumns map_header(const RuleSet& rules, const CsvRecord& header, const IntakeOptions& options) {
  if (!header.error.empty()) throw Error(ExitCode::data_error, fmt::format("line {}: {}", header.line, header.error));
  IntakeColumns columns;
  columns.encoding = options.encoding;
  std::vector<std::string> problems;
  std::vector<int> field_of_question(rules.questions.size(), -1);
  const std::string id_key = lower(trim(options.id_column));
  // Each name once, with every field it appears in: a header of thousands of blank or
  // repeated names costs one pass and one message per name.
  std::unordered_map<std::string, std::vector<std::size_t>> fields_of_name;
  std::vector<std::string> repeated;
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    std::string name(trim(header.fields[f]));
    if (header.non_ascii && invalid_utf8_at(name) != std::string_view::npos)
      throw Error(ExitCode::data_error,
                  options.encoding.empty()
                      ? fmt::format("line {}: field {}: the header is not UTF-8 (byte 0x{:02x} in {}); give the file's "
                                    "encoding with --encoding, e.g. --encoding cp1252",
                                    header.line, f + 1, static_cast<unsigned char>(name[invalid_utf8_at(name)]),
                                    quoted_value(name))
                      : fmt::format("line {}: field {}: the header is not valid {} (in {}); is --encoding right?",
                                    header.line, f + 1, options.encoding, quoted_value(name)));
    columns.field_names.push_back(name);
    if (!name.empty()) columns.named_fields = f + 1;
  }
  for (std::size_t f = 0; f < columns.named_fields; ++f) {
    const std::string& name = columns.field_names[f];
    const std::string key = lower(name);
    int q = -1;
    if (!name.empty()) {
      auto& fields = fields_of_name[key];
      fields.push_back(f);
      if (fields.size() == 2) repeated.push_back(key);
      q = find_question(rules, name);
      if (q >= 0 && field_of_question[q] < 0) field_of_question[q] = static_cast<int>(f);
      if (key == id_key && columns.id_field < 0) columns.id_field = static_cast<int>(f);
    }
    columns.question_of_field.push_back(q);
  }
  for (const std::string& key : repeated) {
    const auto& fields = fields_of_name[key];
    problems.push_back(fmt::format("column {} appears {} (fields {})", quoted_value(columns.field_names[fields[1]]),
                                   fields.size() == 2 ? "twice" : grouped(fields.size()) + " times", field_list(fields)));
  }
  std::vector<std::string> missing_kept;
  for (const std::string& name : options.keep) {
    auto found = fields_of_name.find(lower(trim(name)));
    if (found == fields_of_name.end()) {
      std::vector<std::string> present(columns.field_names.begin(), columns.field_names.begin() + columns.named_fields);
      missing_kept.push_back(quoted_value(name) + did_you_mean(name, present));
      continue;
    }
    columns.kept_fields.push_back(static_cast<int>(found->second.front()));
  }
  if (!missing_kept.empty())
    problems.push_back(fmt::format("the header has no column {} to keep", fmt::join(missing_kept, ", ")));
  std::vector<bool> kept(columns.named_fields, false);
  for (int f : columns.kept_fields) kept[f] = true;
  const std::vector<std::string> question_ids = rules.question_ids();
  std::vector<std::size_t> unnamed;
  std::unordered_map<std::string, std::string> near_misses;  // question id -> the column that looks like it
  for (std::size_t f = 0; f < columns.named_fields; ++f) {
    const std::string& name = columns.field_names[f];
    if (columns.question_of_field[f] >= 0 || static_cast<int>(f) == columns.id_field || kept[f]) continue;
    if (name.empty()) {
      unnamed.push_back(f);
      continue;
    }
    // A repeated name is refused above; looking it up again at every repeat would make a
    // header of one name repeated a million times cost a million spelling checks.
    if (fields_of_name[lower(name)].front() != f) continue;
    std::string meant = check_unknown_column(question_ids, name, f, options, columns, problems);
    if (!meant.empty()) near_misses.emplace(std::move(meant), name);
  }
  if (options.strict && !unnamed.empty())
    problems.push_back(fmt::format("field{} {} ha{} no name", unnamed.size() == 1 ? "" : "s", field_list(unnamed),
                                   unnamed.size() == 1 ? "s" : "ve"));
  std::vector<std::string> missing;
  for (size_t q = 0; q < rules.questions.size(); ++q) {
    if (!rules.questions[q].required || field_of_question[q] >= 0) continue;
    const std::string& id = rules.questions[q].id;
    auto meant = near_misses.find(id);
    missing.push_back(meant == near_misses.end() ? id : fmt::format("{} (is column {} meant?)", id, quoted_value(meant->second)));
  }
  if (!missing.empty())
    problems.push_back(fmt::format("the header lacks the column{} of required question{}: {}{}", missing.size() > 1 ? "s" : "",
                                   missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
                                   misread_header_hint(header, columns.named_fields)));
  if (columns.id_field < 0) columns.warnings.push_back(no_id_warning(columns, options.id_column));
  if (options.strict)
    for (const std::string& warning : columns.warnings) problems.push_back(warning + " (--strict)");
  if (!problems.empty())
    throw Error(ExitCode::data_error, fmt::format("line {}: {}; nothing was scored", header.line, fmt::join(problems, "; ")));
  return columns;
}

namespace {

bool record_fits(const IntakeColumns& columns, const CsvRecord& record) {
  const std::size_t n = record.fields.size();
  if (n == columns.question_of_field.size()) return true;
  if (n < columns.named_fields) return false;
  for (std::size_t f = columns.named_fields; f < n; ++f)
    if (!trim(record.fields[f]).empty()) return false;
  return true;
}

void add_problem(std::vector<FieldProblem>& problems, std::size_t line, const IntakeColumns& columns, std::size_t f,
                 std::string_view value, std::string message) {
  std::string cut = quoted_value(value);
  problems.push_back({line, columns.field_names[f], cut.substr(1, cut.size() - 2), std::move(message),
                      columns.question_of_field[f]});
}

// Each cell of a record holding non-ASCII bytes is checked: an invalid one means the file is
// in another encoding, which --encoding converts.
void check_utf8(const IntakeColumns& columns, const CsvRecord& record, std::vector<FieldProblem>& problems) {
  for (std::size_t f = 0; f < columns.named_fields; ++f) {
    const std::string_view cell = record.fields[f];
    const std::size_t at = invalid_utf8_at(cell);
    if (at == std::string_view::npos) continue;
    add_problem(problems, record.line, columns, f, cell,
                columns.encoding.empty()
                    ? fmt::format("not UTF-8 (byte 0x{:02x} at byte {} of the cell); give the file's encoding with "
                                  "--encoding, e.g. --encoding cp1252",
                                  static_cast<unsigned char>(cell[at]), at + 1)
                    : fmt::format("not valid {} (at character {} of the cell)", columns.encoding,
                                  std::count_if(cell.begin(), cell.begin() + static_cast<std::ptrdiff_t>(at),
                                                [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }) + 1));
  }
}

}  // namespace

bool read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                      std::vector<AnswerValue>& answers, std::vector<FieldProblem>& problems) {
  problems.clear();
  if (!record.error.empty()) {
    problems.push_back({record.line, {}, {}, record.error});
    return false;
  }
  if (!record_fits(columns, record)) {
    problems.push_back({record.line, {}, {},
                        fmt::format("expected {} fields, found {}", columns.named_fields, record.fields.size())});
    return false;
  }
  if (record.non_ascii) check_utf8(columns, record, problems);
  answers.assign(rules.questions.size(), kUnknown);
  for (size_t f = 0; f < columns.named_fields; ++f) {
    int q = columns.question_of_field[f];
    if (q < 0) continue;
    const Question& question = rules.questions[q];
    if (read_answer(question.type, question.min, question.max, record.fields[f], answers[q])) continue;
    if (!problems.empty() && problems.back().column == columns.field_names[f]) continue;  // not UTF-8: said
    ParsedAnswer parsed = parse_for(question, record.fields[f]);  // for the message
    add_problem(problems, record.line, columns, f, record.fields[f], parsed.error);
  }
  return problems.empty();
}

std::string describe_problems(const std::vector<FieldProblem>& problems) {
  if (problems.empty()) return {};
  std::string out = fmt::format("line {}: ", problems.front().line);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i) out += "; ";
    if (!problems[i].column.empty()) out += fmt::format("column {}: ", quoted_value(problems[i].column));
    out += problems[i].message;
  }
  return out;
}

std::string read_csv_answers(const RuleSet& rules, const IntakeColumns& columns, const CsvRecord& record,
                             std::vector<AnswerValue>& answers) {
  std::vector<FieldProblem> problems;
  return read_csv_answers(rules, columns, record, answers, problems) ? std::string() : describe_problems(problems);
}

std::string record_id(const IntakeColumns& columns, const CsvRecord& record, std::size_t row_number) {
  if (columns.id_field >= 0 && static_cast<size_t>(columns.id_field) < record.fields.size() && record.error.empty())
    return std::string(trim(record.fields[columns.id_field]));
  return std::to_string(row_number);
}

namespace {

// The first kShownDiagnostics problems, then one counting the rest: a case of 60,000 unknown
// names is a screenful, not 60,000 lines.
std::vector<std::string> first_problems(std::vector<std::string> problems) {
  if (problems.size() <= kShownDiagnostics) return problems;
  const std::size_t more = problems.size() - kShownDiagnostics;
  problems.resize(kShownDiagnostics);
  problems.push_back(fmt::format("... and {} more {}", grouped(more), more == 1 ? "problem" : "problems"));
  return problems;
}

std::vector<std::string> named_answer_problems(const RuleSet& rules,
                                               const std::vector<std::pair<std::string, std::string>>& named,
                                               std::vector<AnswerValue>& answers, std::vector<int>* invalid) {
  std::vector<std::string> problems;
  std::vector<bool> seen(rules.questions.size(), false);
  answers.assign(rules.questions.size(), kUnknown);
  for (const auto& [name, value] : named) {
    int q = find_question(rules, name);
    if (q < 0) {
      problems.push_back(fmt::format("unknown question {}{}", quoted_value(name), did_you_mean(trim(name), rules.question_ids())));
      continue;
    }
    if (seen[q]) {
      problems.push_back(fmt::format("question '{}' is answered twice", rules.questions[q].id));
      continue;
    }
    seen[q] = true;
    ParsedAnswer parsed = parse_for(rules.questions[q], value);
    if (parsed.ok()) {
      answers[q] = parsed.value;
      continue;
    }
    problems.push_back(fmt::format("{}: {}", rules.questions[q].id, parsed.error));
    if (invalid) invalid->push_back(q);
  }
  return problems;
}

}  // namespace

std::vector<std::string> read_named_answers(const RuleSet& rules,
                                            const std::vector<std::pair<std::string, std::string>>& named,
                                            std::vector<AnswerValue>& answers, std::vector<int>* invalid) {
  return first_problems(named_answer_problems(rules, named, answers, invalid));
}

std::vector<std::string> read_json_answers(const RuleSet& rules, const nlohmann::json& object,
                                           std::vector<AnswerValue>& answers, const std::string& id_key,
                                           std::vector<int>* invalid) {
  if (!object.is_object()) {
    answers.assign(rules.questions.size(), kUnknown);
    return {fmt::format("expected a JSON object of answers by question id, got {}", object.type_name())};
  }
  std::vector<std::pair<std::string, std::string>> named;
  std::vector<std::string> problems;
  for (const auto& [name, value] : object.items()) {
    if (name == id_key) {
      if (!value.is_string() && !value.is_number() && !value.is_null())
        problems.push_back(fmt::format("{}: expected a text or a number as the case's id, got {}", name, value.type_name()));
      continue;
    }
    if (value.is_null()) named.emplace_back(name, "");
    else if (value.is_boolean()) named.emplace_back(name, value.get<bool>() ? "yes" : "no");
    else if (value.is_string()) named.emplace_back(name, value.get<std::string>());
    else if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>() &&
             std::fabs(value.get<double>()) < 1e15)
      // 62.0 and 1e1 are the JSON numbers 62 and 10, as many producers write whole numbers.
      named.emplace_back(name, std::to_string(static_cast<long long>(value.get<double>())));
    else if (value.is_number()) named.emplace_back(name, value.dump());  // exact digits, unsigned too
    else {
      problems.push_back(fmt::format("{}: expected a boolean, number, text or null, got {}", name, value.type_name()));
      if (int q = find_question(rules, name); invalid && q >= 0) invalid->push_back(q);
    }
  }
  auto more = named_answer_problems(rules, named, answers, invalid);
  problems.insert(problems.end(), more.begin(), more.end());
  return first_problems(std::move(problems));
}


}  // namespace backtriage
