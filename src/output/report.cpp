#include "output/report.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/text.h"
#include "decision/explain.h"
#include "version.h"

namespace backtriage {
namespace {

struct Paint {
  bool on;
  std::string operator()(const char* code, std::string_view text) const { return painted(on, code, text); }
};

const std::string& value_of(const RuleSet& rules, const Decision& d, Output o) {
  return rules.scale(o).values[d.level(o)];
}

// `text` wrapped at 76 columns, every line after the first indented by `indent`, the first
// continuing a line `first_column` wide.
std::string report_wrap(std::string_view text, size_t indent, size_t first_column) {
  return wrap(text, 76, indent, first_column);
}

std::string bullets(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) out += "  - " + report_wrap(text, 4, 4) + "\n";
  return out;
}

std::vector<std::string> question_names(const RuleSet& rules, const std::vector<std::uint16_t>& indices,
                                        ReportView view) {
  std::vector<std::string> names;
  for (int q : indices) names.push_back(question_name(rules, q, view));
  return names;
}

// The names on one wrapped line, or "none".
std::string named_questions(const RuleSet& rules, const std::vector<std::uint16_t>& indices, ReportView view) {
  return indices.empty() ? "none" : fmt::format("{}", fmt::join(question_names(rules, indices, view), ", "));
}

// The deciding rules of every output, most important output first, without repeats.
std::vector<int> all_deciders(const RuleSet& rules, const Decision& decision) {
  std::vector<int> deciders;
  for (Output o : {Output::recommendation, Output::urgency, Output::category, Output::duration_class})
    for (int r : deciding_rules(rules, decision, o))
      if (std::find(deciders.begin(), deciders.end(), r) == deciders.end()) deciders.push_back(r);
  return deciders;
}

// "Why" for a clinician: each output's value and deciding rule ids, then each rule's title and
// source, then the matched rules that were outranked.
std::string clinician_why(const RuleSet& rules, const Decision& decision, const Paint& paint) {
  std::string out = "\n" + paint(kBold, "Why") + "\n";
  for (Output o : {Output::recommendation, Output::urgency, Output::category, Output::duration_class}) {
    std::vector<std::string> ids;
    for (int r : deciding_rules(rules, decision, o)) ids.push_back(rules.rules[r].id);
    out += fmt::format("  {:<16}{:<16}{}\n", kOutputNames[static_cast<int>(o)], value_of(rules, decision, o),
                       ids.empty() ? "no rule matched: the lowest value stands" : fmt::format("{}", fmt::join(ids, ", ")));
  }
  std::vector<int> deciders = all_deciders(rules, decision);
  for (int r : deciders) {
    const Rule& rule = rules.rules[r];
    // Ids of up to three characters line the titles up; a longer id keeps a space after it.
    std::string head = rule.id.size() < 4 ? fmt::format("{:<4}", rule.id) : rule.id + " ";
    out += fmt::format("  {}{}\n", paint(kBold, head), report_wrap(rule.title, 6, 2 + head.size()));
    out += paint(kDim, "      source: " + report_wrap(rule.source, 14, 14)) + "\n";
  }
  std::vector<std::string> others;
  for (int r : decision.matched_rules)
    if (std::find(deciders.begin(), deciders.end(), r) == deciders.end()) others.push_back(rules.rules[r].id);
  if (!others.empty()) out += fmt::format("  also matched, outranked: {}\n", fmt::join(others, ", "));
  return out;
}

// "Why" for a patient: the titles of the rules that decided how soon (above the lowest
// urgency), else of those that decided what to do.
std::string patient_why(const RuleSet& rules, const Decision& decision, const Paint& paint) {
  std::vector<std::string> titles;
  Output deciding = decision.level(Output::urgency) > 0 ? Output::urgency : Output::recommendation;
  for (int r : deciding_rules(rules, decision, deciding))
    if (std::find(titles.begin(), titles.end(), rules.rules[r].title) == titles.end())
      titles.push_back(rules.rules[r].title);
  if (titles.empty()) return {};
  return "\n" + paint(kBold, "Why") + "\n" + bullets(titles);
}

}  // namespace

const std::string& question_name(const RuleSet& rules, int question, ReportView view) {
  const Question& q = rules.questions[question];
  return view == ReportView::patient ? q.shown_label() : q.id;
}

std::string format_emergency_banner(const RuleSet& rules, const Decision& decision, const ReportStyle& style) {
  Paint paint{style.color};
  std::string line(72, '!');
  std::string out = paint(kRedBold, line) + "\n";
  out += paint(kRedBold, "!!  EMERGENCY: GET EMERGENCY HELP NOW") + "\n";
  for (int r : deciding_rules(rules, decision, Output::urgency)) {
    const Rule& rule = rules.rules[r];
    std::string title = style.view == ReportView::patient ? rule.title : fmt::format("{} ({})", rule.title, rule.id);
    out += paint(kRedBold, "!!  " + report_wrap(title, 4, 4)) + "\n";
    if (!rule.advice.empty()) out += "    " + report_wrap(rule.advice, 4, 4) + "\n";
  }
  out += paint(kRedBold, line) + "\n";
  return out;
}

std::string format_report(const RuleSet& rules, const Decision& decision, const ReportStyle& style) {
  Paint paint{style.color};
  const bool patient = style.view == ReportView::patient;
  std::string out;
  bool emergency = is_emergency(rules, decision);
  if (emergency) out += format_emergency_banner(rules, decision, style) + "\n";

  const char* colour = emergency ? kRedBold : decision.level(Output::urgency) > 0 ? kYellowBold
                     : decision.level(Output::recommendation) == 0 ? kGreenBold : kBold;
  auto shown = [&](Output o) {
    return patient ? rules.scale(o).label(decision.level(o)) : value_of(rules, decision, o);
  };
  auto field = [&](const char* name, const std::string& text) {
    return fmt::format("{:<16}{}\n", name, report_wrap(text, 16, 16));
  };
  out += field(patient ? "What to do:" : "Recommendation:", paint(colour, shown(Output::recommendation)));
  out += field(patient ? "How soon:" : "Urgency:", paint(colour, shown(Output::urgency)));
  out += field(patient ? "How long:" : "Duration:", shown(Output::duration_class));
  out += field(patient ? "Type of pain:" : "Category:", shown(Output::category));
  if (patient) {
    // Labels are phrases that may hold commas: one a line.
    out += decision.red_flags.empty() ? "Warning signs:  none\n"
                                      : "Warning signs:\n" + bullets(question_names(rules, decision.red_flags, ReportView::patient));
    if (!decision.unanswered.empty()) out += "Not answered:\n" + bullets(question_names(rules, decision.unanswered, ReportView::patient));
  } else {
    out += field("Red flags:", named_questions(rules, decision.red_flags, style.view));
    if (!decision.unanswered.empty()) out += field("Unanswered:", named_questions(rules, decision.unanswered, style.view));
  }
  if (!decision.not_asked.empty())
    out += field("Not asked:", patient ? plural(decision.not_asked.size(), "question") + " (stopped at the emergency)"
                                       : named_questions(rules, decision.not_asked, style.view) +
                                             " (stopped at the emergency)");

  auto advice = decision_advice(rules, decision);
  if (emergency) {  // the banner has shown the emergency rules' advice already
    for (int r : deciding_rules(rules, decision, Output::urgency))
      advice.erase(std::remove(advice.begin(), advice.end(), rules.rules[r].advice), advice.end());
  }
  if (!advice.empty()) out += "\n" + paint(kBold, "Advice") + "\n" + bullets(advice);
  auto warnings = decision_warnings(rules, decision);
  if (!warnings.empty()) out += "\n" + paint(kYellowBold, "Warnings") + "\n" + bullets(warnings);
  out += patient ? patient_why(rules, decision, paint) : clinician_why(rules, decision, paint);

  auto net = safety_net_texts(rules, decision);
  if (!net.empty()) {
    out += "\n" + paint(kBold, patient ? "Keeping safe" : "Safety net") + "\n";
    for (size_t i = 0; i < net.size(); ++i) out += (i ? "\n  " : "  ") + report_wrap(net[i], 2, 2) + "\n";
  }
  std::string region = rules.region.empty() ? "" : ", region " + rules.region;
  out += "\n" + paint(kDim, fmt::format("{} {}{} ({}), backtriage {}. A triage aid, not a diagnosis.", rules.name,
                                        rules.version, region, rules.hash, kVersion)) + "\n";
  return out;
}

}  // namespace backtriage
