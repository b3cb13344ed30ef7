#include "output/report.h"

#include <algorithm>

#include <fmt/format.h>

#include "output/decision_json.h"
#include "version.h"

namespace backtriage {
namespace {

struct Paint {
  bool on;
  std::string operator()(const char* code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};
constexpr const char* kBold = "1";
constexpr const char* kRedBold = "1;31";
constexpr const char* kYellowBold = "1;33";
constexpr const char* kGreenBold = "1;32";
constexpr const char* kDim = "2";

const std::string& value_of(const RuleSet& rules, const Decision& d, Output o) {
  return rules.scale(o).values[d.level(o)];
}

// Wraps `text` at about 76 columns, every line after the first indented by `indent`.
std::string wrap(std::string_view text, size_t indent, size_t first_width) {
  std::string out;
  size_t column = first_width;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    if (column + word.size() + 1 > 76 && column > indent) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (!out.empty() || column > first_width) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}

std::string bullets(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) out += "  - " + wrap(text, 4, 4) + "\n";
  return out;
}

std::string labelled_questions(const RuleSet& rules, const std::vector<std::uint16_t>& indices) {
  std::vector<std::string> ids = question_ids(rules, indices);
  return ids.empty() ? "none" : fmt::format("{}", fmt::join(ids, ", "));
}

}  // namespace

std::string format_emergency_banner(const RuleSet& rules, const Decision& decision, const ReportStyle& style) {
  Paint paint{style.color};
  std::string rule(72, '!');
  std::string out = paint(kRedBold, rule) + "\n";
  out += paint(kRedBold, "!!  EMERGENCY: SEEK EMERGENCY CARE NOW") + "\n";
  for (int r : deciding_rules(rules, decision, Output::urgency)) {
    const Rule& rule_ = rules.rules[r];
    out += paint(kRedBold, fmt::format("!!  {} ({})", rule_.title, rule_.id)) + "\n";
    if (!rule_.advice.empty()) out += "    " + wrap(rule_.advice, 4, 4) + "\n";
  }
  out += paint(kRedBold, rule) + "\n";
  return out;
}

std::string format_report(const RuleSet& rules, const Decision& decision, const ReportStyle& style) {
  Paint paint{style.color};
  std::string out;
  bool emergency = is_emergency(rules, decision);
  if (emergency) out += format_emergency_banner(rules, decision, style) + "\n";

  const std::string& recommendation = value_of(rules, decision, Output::recommendation);
  const std::string& urgency = value_of(rules, decision, Output::urgency);
  const char* colour = emergency ? kRedBold : decision.level(Output::urgency) > 0 ? kYellowBold
                     : decision.level(Output::recommendation) == 0 ? kGreenBold : kBold;
  out += fmt::format("Recommendation: {}\n", paint(colour, recommendation));
  out += fmt::format("Urgency:        {}\n", paint(colour, urgency));
  out += fmt::format("Duration:       {}\n", value_of(rules, decision, Output::duration_class));
  out += fmt::format("Category:       {}\n", value_of(rules, decision, Output::category));
  out += fmt::format("Red flags:      {}\n", wrap(labelled_questions(rules, decision.red_flags), 16, 16));
  if (!decision.unanswered.empty())
    out += fmt::format("Unanswered:     {}\n", wrap(labelled_questions(rules, decision.unanswered), 16, 16));

  auto advice = decision_advice(rules, decision);
  if (!advice.empty()) out += "\n" + paint(kBold, "Advice") + "\n" + bullets(advice);
  auto warnings = decision_warnings(rules, decision);
  if (!warnings.empty()) out += "\n" + paint(kYellowBold, "Warnings") + "\n" + bullets(warnings);

  out += "\n" + paint(kBold, "Why") + "\n";
  std::vector<int> deciders;
  for (Output o : {Output::recommendation, Output::urgency, Output::category, Output::duration_class}) {
    std::vector<std::string> ids;
    for (int r : deciding_rules(rules, decision, o)) {
      ids.push_back(rules.rules[r].id);
      if (std::find(deciders.begin(), deciders.end(), r) == deciders.end()) deciders.push_back(r);
    }
    out += fmt::format("  {:<16}{:<16}{}\n", kOutputNames[static_cast<int>(o)], value_of(rules, decision, o),
                       ids.empty() ? "no rule matched: the lowest value stands" : fmt::format("{}", fmt::join(ids, ", ")));
  }
  for (int r : deciders) {
    const Rule& rule = rules.rules[r];
    out += fmt::format("  {}{}\n", paint(kBold, fmt::format("{:<4}", rule.id)), rule.title);
    out += paint(kDim, "      source: " + wrap(rule.source, 14, 14)) + "\n";
  }
  std::vector<std::string> others;
  for (int r : decision.matched_rules)
    if (std::find(deciders.begin(), deciders.end(), r) == deciders.end()) others.push_back(rules.rules[r].id);
  if (!others.empty()) out += fmt::format("  also matched, outranked: {}\n", fmt::join(others, ", "));

  if (!rules.safety_net.empty()) out += "\n" + paint(kBold, "Safety net") + "\n  " + wrap(rules.safety_net, 2, 2) + "\n";
  out += "\n" + paint(kDim, fmt::format("{} {} ({}), backtriage {}. A triage aid, not a diagnosis.", rules.name,
                                        rules.version, rules.hash, kVersion)) + "\n";
  return out;
}

}  // namespace backtriage
