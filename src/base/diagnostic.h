#pragma once
// A located problem in an input the user wrote (a rule file, an intake), and the one
// compiler-style formatter every command uses:
//   rules/40-emergency.yaml:12:9: error: unknown question 'numbess' (did you mean 'numbness'?)
//       when: numbess or weakness
//             ^
#include <string>
#include <string_view>
#include <vector>

namespace backtriage {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  int line = 0;  // 1-based; 0 when the problem has no position
  int col = 0;   // 1-based
  std::string message;
  std::string hint;  // optional, printed as a note under the caret
};

// Formats `d` on one line, then, when `source` holds the text of d.file and d.line is
// inside it, the source line and a caret under d.col, then the hint. Never throws.
std::string format_diagnostic(const Diagnostic& d, std::string_view source = {});

// Counts the diagnostics of `severity`.
int count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity);

}  // namespace backtriage
