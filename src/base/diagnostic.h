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

// The lines of one source text, found in one pass, so that quoting the lines of many
// diagnostics of one file costs no rescan of it. Views into the text, which must outlive it.
class SourceLines {
 public:
  explicit SourceLines(std::string_view text);
  // Line `line` (1-based) without its line break ("\n" or "\r\n"), or "" when there is none.
  std::string_view line(int line) const;
  // The offset of the first byte of line `line` (1-based), or npos when there is no such line.
  size_t start_of(int line) const;
  // The 1-based line that holds byte `offset` (the last line for an offset past the end).
  int line_at(size_t offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // the offset of each line's first byte
};

// Formats `d` on one line, then, when `source` holds the text of d.file and d.line is
// inside it, the source line and a caret under d.col, then the hint. Control characters and
// bytes that are not UTF-8 are shown escaped (text.h, escape_controls), in the message and in
// the quoted line, so a rule file cannot drive the terminal that shows its errors; the caret
// stays under the character it points at. Never throws beyond std::bad_alloc.
std::string format_diagnostic(const Diagnostic& d, std::string_view source = {});
// The same with the source's lines already found: O(length of the line), not of the file.
std::string format_diagnostic(const Diagnostic& d, const SourceLines& lines);

// How many diagnostics the commands print of one load, as compilers stop after so many
// errors: the first ones in file order are the ones to fix, and a directory of 20,000 bad
// keys would otherwise bury them (and the terminal) under the rest.
inline constexpr size_t kShownDiagnostics = 100;

// Whether a diagnostic added after `so_far` will be printed, and so is worth explaining: a
// "did you mean" scans every name, which for thousands of errors among thousands of names
// in a hostile directory would cost seconds for text nobody sees.
inline bool will_be_shown(const std::vector<Diagnostic>& so_far) { return so_far.size() < kShownDiagnostics; }

// Counts the diagnostics of `severity`.
int count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity);

}  // namespace backtriage
