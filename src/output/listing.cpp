#include "output/listing.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/text.h"

namespace backtriage {
namespace {

std::string type_name(const Question& q) {
  switch (q.type) {
    case AnswerType::yes_no: return "yes/no";
    case AnswerType::duration: return "duration";
    case AnswerType::number: return fmt::format("number {}-{}", q.min, q.max);
  }
  return "?";
}

const char* red_flag_name(RedFlag flag) {
  switch (flag) {
    case RedFlag::none: return "no";
    case RedFlag::flag: return "yes";
    case RedFlag::emergency: return "emergency";
  }
  return "no";
}

// Rows of cells printed with each column as wide as its widest cell; the last column is
// not padded.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::vector<std::string>& after = {}) {
  std::vector<size_t> width;
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line = "  ";
    for (size_t c = 0; c < rows[r].size(); ++c)
      line += c + 1 < rows[r].size() ? fmt::format("{:<{}}  ", rows[r][c], width[c]) : rows[r][c];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
    if (r < after.size() && !after[r].empty()) out += after[r];
  }
  return out;
}

// `text` wrapped at `columns`, each line indented by `indent` spaces and ended by a newline.
std::string wrap_lines(const std::string& text, size_t indent, size_t columns) {
  std::string flat = collapse_blanks(text);
  return flat.empty() ? "" : wrap_indented(flat, columns, indent) + '\n';
}

}  // namespace


std::string format_listing(const RuleSet& rules) {
  std::string region = rules.region.empty() ? "" : ", region " + rules.region;
  std::string out = fmt::format("{} {}{} ({})\n\nQuestions\n", rules.name, rules.version, region, rules.hash);
  std::vector<std::vector<std::string>> rows{{"#", "id", "type", "required", "asked if", "red flag"}};
  for (size_t i = 0; i < rules.questions.size(); ++i) {
    const Question& q = rules.questions[i];
    rows.push_back({std::to_string(i + 1), q.id, type_name(q), q.required ? "yes" : "no",
                    q.asked_if ? collapse_blanks(q.asked_if->text) : "-", red_flag_name(q.red_flag)});
  }
  out += table(rows);

  out += "\nRules\n";
  rows = {{"id"}};
  for (int o = 0; o < kOutputCount; ++o) rows[0].push_back(kOutputNames[o]);
  rows[0].push_back("when");
  std::vector<std::string> after{""};
  for (const Rule& rule : rules.rules) {
    std::vector<std::string> row{rule.id};
    for (int o = 0; o < kOutputCount; ++o)
      row.push_back(rule.proposes[o] == kNoProposal ? "-" : rules.scales[o].values[rule.proposes[o]]);
    row.push_back(collapse_blanks(rule.when.text));
    rows.push_back(std::move(row));
    after.push_back(wrap_lines(fmt::format("{}: {} ({}:{})", collapse_blanks(rule.title), collapse_blanks(rule.source), rule.where.file,
                                     rule.where.line),
                         6, 100));
  }
  out += table(rows, after);
  if (!rules.invariants.empty()) {
    out += "\nInvariants\n";
    rows = {{"id", "when", "then", "title"}};
    for (const Invariant& inv : rules.invariants)
      rows.push_back({inv.id, collapse_blanks(inv.when.text), collapse_blanks(inv.then.text), collapse_blanks(inv.title)});
    out += table(rows);
  }
  out += fmt::format("\n{} questions, {} rules, {} invariants, {} test cases\n", rules.questions.size(),
                     rules.rules.size(), rules.invariants.size(), rules.tests.size());
  return out;
}

nlohmann::ordered_json listing_json(const RuleSet& rules) {
  using json = nlohmann::ordered_json;
  json out;
  out["ruleset"] = {{"name", rules.name}, {"version", rules.version}, {"hash", rules.hash}, {"region", rules.region}};
  out["regions"] = rules.regions;
  json outputs = json::object();
  for (int o = 0; o < kOutputCount; ++o) outputs[kOutputNames[o]] = rules.scales[o].values;
  out["outputs"] = outputs;
  json questions = json::array();
  for (size_t i = 0; i < rules.questions.size(); ++i) {
    const Question& q = rules.questions[i];
    json item = {{"order", i + 1}, {"id", q.id}};
    item["type"] = q.type == AnswerType::yes_no ? "yes_no" : q.type == AnswerType::duration ? "duration" : "number";
    if (q.type == AnswerType::number) {
      item["min"] = q.min;
      item["max"] = q.max;
    }
    item["required"] = q.required;
    item["asked_if"] = q.asked_if ? json(collapse_blanks(q.asked_if->text)) : json(nullptr);
    item["red_flag"] = red_flag_name(q.red_flag);
    item["prompt"] = q.prompt;
    item["label"] = q.label;
    item["file"] = q.where.file;
    item["line"] = q.where.line;
    questions.push_back(std::move(item));
  }
  out["questions"] = std::move(questions);
  json list = json::array();
  for (const Rule& rule : rules.rules) {
    json outcome = json::object();
    for (int o = 0; o < kOutputCount; ++o)
      if (rule.proposes[o] != kNoProposal) outcome[kOutputNames[o]] = rules.scales[o].values[rule.proposes[o]];
    list.push_back({{"id", rule.id}, {"title", rule.title}, {"when", collapse_blanks(rule.when.text)}, {"outcome", outcome},
                    {"source", collapse_blanks(rule.source)}, {"file", rule.where.file}, {"line", rule.where.line}});
  }
  out["rules"] = std::move(list);
  json invariants = json::array();
  for (const Invariant& inv : rules.invariants)
    invariants.push_back({{"id", inv.id}, {"title", inv.title}, {"when", collapse_blanks(inv.when.text)},
                          {"then", collapse_blanks(inv.then.text)}});
  out["invariants"] = std::move(invariants);
  out["tests"] = rules.tests.size();
  return out;
}

}  // namespace backtriage
