#pragma once
// Lines of standard input for `backtriage ask`, read with read(2) so that Ctrl-C interrupts a
// wait (no SA_RESTART) and end of input is seen exactly once, as a terminal delivers Ctrl-D.
// The terminal's settings are never changed: its line discipline edits and echoes.
#include <csignal>
#include <cstddef>
#include <string>

namespace backtriage {

// Catches SIGINT while it lives, so that a blocked read returns and the run can end with a
// message and exit 130. Restores the previous handler when destroyed.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_ {};
};

struct Line {
  enum class Kind { text, end, interrupted } kind = Kind::end;
  std::string text;
  int number = 0;  // 1-based line number in the input
};

class LineReader {
 public:
  // `partial_last_line`: text after the last newline at end of input counts as a line (scripts),
  // rather than being dropped (a person who presses Ctrl-D means to stop).
  explicit LineReader(bool partial_last_line) : partial_last_line_(partial_last_line) {}

  // The next line without its line end (a trailing CR too), or end / interrupted. A line is
  // cut at 1000 bytes: an answer is a few characters. Throws Error(no_input) on a read error.
  Line next();

 private:
  static constexpr size_t kMaxLine = 1000;

  Line finish(Line line);

  bool partial_last_line_;
  bool at_end_ = false;
  char buffer_[4096];
  size_t pos_ = 0;
  size_t size_ = 0;
  int number_ = 0;
};

}  // namespace backtriage
