#pragma once
// The readable report of one decision, shared by `eval` and `ask`: recommendation and urgency
// first, then classification, red flags, advice and warnings, the rules that decided each
// output with their sources, and the safety-netting advice. Plain text; with `color`, ANSI
// bold/colour for a terminal. No terminal I/O here: the caller prints the string.
#include <string>

#include "decision/evaluate.h"

namespace backtriage {

// Who reads the report. The patient view speaks plain words: labels instead of question ids,
// rule titles without rule ids, no sources. The clinician view shows ids, titles and sources.
enum class ReportView { clinician, patient };

struct ReportStyle {
  bool color = false;
  ReportView view = ReportView::clinician;
};

// How a question is named in a list for this reader: its label for a patient, its id for a
// clinician.
const std::string& question_name(const RuleSet& rules, int question, ReportView view);

// The full report. Never throws beyond std::bad_alloc.
std::string format_report(const RuleSet& rules, const Decision& decision, const ReportStyle& style);

// The unmistakable banner shown first when the urgency is the top of its scale
// (an emergency), with the emergency rules' advice.
std::string format_emergency_banner(const RuleSet& rules, const Decision& decision, const ReportStyle& style);

}  // namespace backtriage
