#include "cli/line_reader.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <unistd.h>

#include "base/exit_code.h"

namespace backtriage {
namespace {

volatile std::sig_atomic_t interrupt_requested = 0;
extern "C" void on_interrupt(int) { interrupt_requested = 1; }

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupt_requested = 0;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
}

InterruptGuard::~InterruptGuard() { sigaction(SIGINT, &previous_, nullptr); }

Line LineReader::next() {
  Line line;
  for (;;) {
    if (interrupt_requested) return {Line::Kind::interrupted, "", number_};
    if (at_end_) return {Line::Kind::end, "", number_};
    if (pos_ == size_) {
      ssize_t n = ::read(STDIN_FILENO, buffer_, sizeof buffer_);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw Error(ExitCode::no_input, fmt::format("cannot read standard input: {}", std::strerror(errno)));
      if (n == 0) {
        at_end_ = true;
        if (partial_last_line_ && !line.text.empty()) return finish(std::move(line));
        continue;
      }
      pos_ = 0;
      size_ = static_cast<size_t>(n);
    }
    char c = buffer_[pos_++];
    if (c == '\n') return finish(std::move(line));
    if (line.text.size() < kMaxLine) line.text += c;
  }
}

Line LineReader::finish(Line line) {
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  line.kind = Line::Kind::text;
  line.number = ++number_;
  return line;
}

}  // namespace backtriage
