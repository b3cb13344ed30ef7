#include "cli/line_reader.h"

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <utility>

#include <fmt/format.h>
#include <histedit.h>
#include <poll.h>
#include <unistd.h>

#include "base/exit_code.h"

namespace backtriage {
namespace {

volatile std::sig_atomic_t interrupt_requested = 0;
volatile std::sig_atomic_t resize_requested = 0;
extern "C" void on_interrupt(int) { interrupt_requested = 1; }
extern "C" void on_resize(int) { resize_requested = 1; }

// Keep only what can be part of an answer: no control characters, no escape sequences.
std::string without_controls(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) out += c;
  }
  return out;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupt_requested = 0;
  resize_requested = 0;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_);
  action.sa_handler = on_resize;
  sigaction(SIGWINCH, &action, &previous_resize_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_, nullptr);
  sigaction(SIGWINCH, &previous_resize_, nullptr);
}

bool take_resize() {
  bool resized = resize_requested != 0;
  resize_requested = 0;
  return resized;
}

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

// ---- EditLineReader -------------------------------------------------------------------------

struct EditLineReader::Impl {
  EditLine* el = nullptr;
  History* history = nullptr;
  HistEvent event{};
  const char* prompt = "";
  std::mbstate_t state{};
  int number = 0;
};

namespace {

extern "C" char* edit_prompt(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return const_cast<char*>(static_cast<EditLineReader::Impl*>(data)->prompt);
}

// One byte of standard input: 1, 0 at end of input, -1 on an error, Ctrl-C, or (with a
// timeout in milliseconds) no byte in time. A resize on the way is passed to libedit.
int read_byte(EditLine* el, char& byte, int timeout_ms) {
  for (;;) {
    if (interrupt_requested) return -1;
    if (timeout_ms >= 0) {
      pollfd wait{STDIN_FILENO, POLLIN, 0};
      int ready = ::poll(&wait, 1, timeout_ms);
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return -1;
    }
    ssize_t n = ::read(STDIN_FILENO, &byte, 1);
    if (n < 0 && errno == EINTR) {
      if (resize_requested) el_resize(el);
      continue;
    }
    return n < 0 ? -1 : static_cast<int>(n);
  }
}

// What a key's escape sequence does, as the emacs control key libedit binds to it; 0 for a key
// that has no business in an answer (F1-F12, Insert, Page Up...): it is dropped whole, so that
// no part of it ends up in the answer.
wchar_t key_of_sequence(const std::string& sequence) {
  static const std::pair<const char*, wchar_t> kKeys[] = {
      {"[A", 0x10}, {"OA", 0x10},                                              // Up: Ctrl-P
      {"[B", 0x0e}, {"OB", 0x0e},                                              // Down: Ctrl-N
      {"[C", 0x06}, {"OC", 0x06},                                              // Right: Ctrl-F
      {"[D", 0x02}, {"OD", 0x02},                                              // Left: Ctrl-B
      {"[H", 0x01}, {"OH", 0x01}, {"[1~", 0x01}, {"[7~", 0x01},                // Home: Ctrl-A
      {"[F", 0x05}, {"OF", 0x05}, {"[4~", 0x05}, {"[8~", 0x05},                // End: Ctrl-E
      {"[3~", 0x1f},                                                           // Delete (bound below)
  };
  for (const auto& [text, key] : kKeys)
    if (sequence == text) return key;
  return 0;
}

// Reads keys for libedit. Its own reading retries a read(2) that Ctrl-C interrupted, and puts
// unknown escape sequences into the line; this one ends the line on Ctrl-C (-1), so the run
// can stop with its message, and reads every escape sequence whole, passing on what it means.
extern "C" int edit_read_char(EditLine* el, wchar_t* out) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  auto* impl = static_cast<EditLineReader::Impl*>(data);
  for (;;) {
    char byte;
    int got = read_byte(el, byte, -1);
    if (got <= 0) return got;
    if (byte == '\x1b') {
      // A sequence's bytes come together; a lone Escape key is followed by nothing.
      std::string sequence;
      char next;
      if (read_byte(el, next, 50) <= 0) continue;
      sequence += next;
      if (next != '[' && next != 'O') continue;  // Alt and a key: not for answers
      while (read_byte(el, next, 50) == 1) {
        sequence += next;
        if (sequence.size() > 1 && next >= 0x40 && next <= 0x7e) break;  // the final byte
        if (sequence.size() > 16) break;
      }
      if (wchar_t key = key_of_sequence(sequence)) {
        *out = key;
        return 1;
      }
      continue;
    }
    size_t used = std::mbrtowc(out, &byte, 1, &impl->state);
    if (used == static_cast<size_t>(-2)) continue;  // more bytes of one character to come
    if (used == static_cast<size_t>(-1)) {
      impl->state = {};
      continue;  // not a character in this locale: dropped
    }
    return 1;
  }
}

// Ctrl-D: end of input when there is nothing under the cursor to delete (an empty line, or at
// its end: the text typed is then not taken as an answer), as a terminal's Ctrl-D ends a read.
extern "C" unsigned char end_or_delete(EditLine* el, int) {
  const LineInfo* line = el_line(el);
  if (line->cursor >= line->lastchar) return CC_EOF;
  el_cursor(el, 1);
  el_deletestr(el, 1);
  el_cursor(el, -1);
  return CC_REFRESH;
}

}  // namespace

EditLineReader::EditLineReader() : impl_(new Impl) {
  // libedit decodes and displays characters by the locale's encoding (UTF-8 answers, if any).
  std::setlocale(LC_CTYPE, "");
  impl_->el = el_init("backtriage", stdin, stderr, stderr);
  impl_->history = history_init();
  if (!impl_->el || !impl_->history) {
    if (impl_->el) el_end(impl_->el);
    if (impl_->history) history_end(impl_->history);
    delete impl_;
    throw Error(ExitCode::software, "cannot set up line editing on the terminal");
  }
  history(impl_->history, &impl_->event, H_SETSIZE, 100);
  el_set(impl_->el, EL_CLIENTDATA, impl_);
  el_set(impl_->el, EL_EDITOR, "emacs");
  el_set(impl_->el, EL_PROMPT, edit_prompt);
  el_set(impl_->el, EL_HIST, history, impl_->history);
  el_set(impl_->el, EL_GETCFN, edit_read_char);
  el_set(impl_->el, EL_BIND, "^_", "ed-delete-next-char", nullptr);  // the Delete key, as read above
  // The wide call: the narrow el_set copies the name and help with wcsdup and never frees
  // them (LeakSanitizer reports it); el_wset keeps pointers to these literals.
  el_wset(impl_->el, EL_ADDFN, L"end-or-delete", L"End of input, or delete the character under the cursor",
          end_or_delete);
  el_set(impl_->el, EL_BIND, "^D", "end-or-delete", nullptr);
}

EditLineReader::~EditLineReader() {
  el_end(impl_->el);
  history_end(impl_->history);
  delete impl_;
}

Line EditLineReader::next(const char* prompt) {
  impl_->prompt = prompt;
  int count = 0;
  const char* text = el_gets(impl_->el, &count);
  if (interrupt_requested) return {Line::Kind::interrupted, "", impl_->number};
  if (!text || count <= 0) return {Line::Kind::end, "", impl_->number};
  std::string line = without_controls(text);
  if (line.size() > 1000) line.resize(1000);
  if (!line.empty()) history(impl_->history, &impl_->event, H_ENTER, line.c_str());
  return {Line::Kind::text, line, ++impl_->number};
}

}  // namespace backtriage
