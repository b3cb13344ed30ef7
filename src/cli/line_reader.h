#pragma once
// Lines of standard input for `backtriage ask`, read with read(2) so that Ctrl-C interrupts a
// wait (no SA_RESTART) and end of input is seen exactly once, as a terminal delivers Ctrl-D.
// LineReader, for scripts, never changes the terminal; EditLineReader, for a person at a
// terminal, edits the line with libedit (arrows, Ctrl-A/E, history within the run).
#include <csignal>
#include <cstddef>
#include <string>

namespace backtriage {

// Catches SIGINT while it lives, so that a blocked read returns and the run can end with a
// message and exit 130, and SIGWINCH, so that the next screen fits the terminal. Restores the
// previous handlers when destroyed.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_ {};
  struct sigaction previous_resize_ {};
};

// Whether the terminal was resized since the last call (SIGWINCH, caught while a
// InterruptGuard lives); clears the flag.
bool take_resize();

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

// Reads lines from a terminal on standard input with libedit, echoing on standard error: the
// cursor keys, Home/End, Ctrl-A/E, Ctrl-K and Ctrl-U edit, Up and Down walk the lines entered in
// this run. No control character ever reaches a line: an escape sequence libedit does not know
// is dropped. Needs an InterruptGuard alive around next(), so that Ctrl-C ends the wait.
class EditLineReader {
 public:
  EditLineReader();
  ~EditLineReader();
  EditLineReader(const EditLineReader&) = delete;
  EditLineReader& operator=(const EditLineReader&) = delete;

  // Shows `prompt` and returns the line typed, or end (Ctrl-D on an empty line) or interrupted.
  Line next(const char* prompt);

 struct Impl;  // libedit's state; public for its C callbacks

 private:
  Impl* impl_;
};

}  // namespace backtriage
