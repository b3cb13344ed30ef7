#include "intake/csv_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>

namespace backtriage {
namespace {

enum class State : unsigned char {
  field_start,
  unquoted,
  unquoted_cr,       // a '\r' in an unquoted field: a CRLF line end, or a lone CR line end
  quoted,
  closing_quote,     // a '"' in a quoted field: an escaped quote or the field's end
  closing_quote_cr,  // '\r' after a closing quote: a CRLF or lone CR line end
  skip_line,         // after a malformed record: up to the next physical line break
  skip_line_cr,      // a '\r' ended the last block while skipping: a '\n' may follow
};

// The position of the first special byte (the delimiter, a line break or a quote) in
// base[i, stop), or stop. Eight bytes at a time where it can: a loop that stops at a
// data-dependent byte mispredicts once per field, a branch per word rarely does.
std::size_t find_special(const char* base, std::size_t i, std::size_t stop, char delimiter,
                         std::uint64_t delimiter_bytes) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fu;
  // 0x80 in each byte of x that is zero, 0 in the others: exact, with no carry between bytes.
  const auto zero_bytes = [](std::uint64_t x) { return ~(((x & kLow7) + kLow7) | x | kLow7); };
  for (; stop - i >= 8; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, base + i, 8);
    const std::uint64_t special = zero_bytes(w ^ delimiter_bytes) | zero_bytes(w ^ (kOnes * '\n')) |
                                  zero_bytes(w ^ (kOnes * '\r')) | zero_bytes(w ^ (kOnes * '"'));
    if (special != 0) return i + static_cast<std::size_t>(__builtin_ctzll(special) / 8);
  }
#endif
  while (i < stop) {
    const char c = base[i];
    if (c == delimiter || c == '\n' || c == '\r' || c == '"') break;
    ++i;
  }
  return i;
}

std::string describe_byte(char c) {
  if (c == '\r') return "a carriage return";
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  const auto b = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 15];
}

// Whether any of the n bytes at p is 0x80 or above (a byte of a multi-byte UTF-8 character,
// or of another encoding). Eight bytes at a time: it runs over every record.
bool has_high_byte(const char* p, std::size_t n) {
  std::size_t i = 0;
  std::uint64_t any = 0;
  for (; n - i >= 8; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    any |= w;
  }
  if (i < n && n >= 8) {
    // The last word again, overlapping: cheaper than a byte loop over the rest.
    std::uint64_t w;
    std::memcpy(&w, p + n - 8, 8);
    any |= w;
    i = n;
  }
  for (; i < n; ++i) any |= static_cast<unsigned char>(p[i]);
  return (any & 0x8080808080808080u) != 0;
}

}  // namespace

std::string delimiter_name(char delimiter) {
  if (delimiter == '\t') return "a tab";
  return std::string("'") + delimiter + "'";
}

namespace {

using Bounds = std::vector<std::pair<std::size_t, std::size_t>>;

// Keeps the first problem of a record: it explains the rest.
void set_error(std::string& error, std::string message) {
  if (error.empty()) error = std::move(message);
}

}  // namespace

// The parse state of the record being read, with one step of the state machine per state.
// Positions are offsets from the record's first byte, so that moving the buffer between
// blocks keeps them valid. Each step reads base[i] onwards, never base[stop], and returns the
// next position; it appends finished fields to `bounds` and problems to `error`.
struct CsvReader::Scan {
  char delimiter = ',';
  State state = State::field_start;
  std::size_t pos = 0;          // next byte to read
  std::size_t write = 0;        // next byte to write while unescaping a quoted field
  std::size_t field_begin = 0;  // first byte of the current field's value
  std::size_t line = 0;         // physical line of the byte at pos
  std::size_t record_line = 0;  // physical line where the record began
  std::size_t quote_line = 0;   // line where the current quoted field opened
  bool quoted_cr_ends_block = false;  // a quoted '\r' was the last byte read: is a '\n' next?
  // Set by the step that ends the record at a line feed, with the record's size before its
  // line break. After an error dropped the record's start these offsets mean nothing, but
  // they are unused then.
  bool line_end = false;
  std::size_t content = 0;

  // Runs the machine from base[i] until the record ends at a line feed (line_end is then set)
  // or until `stop`; returns the next position.
#if defined(__GNUC__)
  __attribute__((always_inline))
#endif
  std::size_t run(char* base, std::size_t i, std::size_t stop, Bounds& bounds,
                  std::string& error) {
    while (i < stop && !line_end) {
      switch (state) {
        case State::field_start: i = field_start(base, i, stop, bounds, error); break;
        case State::unquoted: i = unquoted(base, i, stop, bounds, error); break;
        case State::unquoted_cr: i = unquoted_cr(base, i, bounds); break;
        case State::quoted: i = quoted(base, i, stop); break;
        case State::closing_quote: i = closing_quote(base, i, bounds, error); break;
        case State::closing_quote_cr: i = closing_quote_cr(base, i, bounds); break;
        case State::skip_line: i = skip_line(base, i, stop); break;
        case State::skip_line_cr: i = end_line(base[i] == '\n' ? i + 1 : i, i - 1); break;
      }
    }
    return i;
  }

  // At end of input: closes the last field. False when there was no record at all.
  bool finish(Bounds& bounds, std::string& error) const {
    switch (state) {
      case State::field_start:
        if (error.empty() && bounds.empty() && pos == 0) return false;
        bounds.emplace_back(pos, pos);
        break;
      case State::unquoted: bounds.emplace_back(field_begin, pos); break;
      case State::unquoted_cr: bounds.emplace_back(field_begin, pos - 1); break;
      case State::quoted:
        set_error(error, "expected a closing quote for the field opened on line " +
                             std::to_string(quote_line) + ", got end of input");
        break;
      case State::closing_quote:
      case State::closing_quote_cr: bounds.emplace_back(field_begin, write); break;
      case State::skip_line:
      case State::skip_line_cr: break;
    }
    return true;
  }

 private:
  std::size_t end_line(std::size_t next, std::size_t content_size) {
    line_end = true;
    content = content_size;
    return next;
  }

  // The error paths are defined out of the class so that the hot steps stay small enough to
  // be inlined.
  std::string on_line() const;
  void stray_quote_error(std::string& error);
  void after_quote_error(std::string& error, char c);

  std::size_t field_start(char* base, std::size_t i, std::size_t stop, Bounds& bounds,
                          std::string& error) {
    if (base[i] == '"') {
      state = State::quoted;
      quote_line = line;
      field_begin = write = i + 1;
      return i + 1;
    }
    state = State::unquoted;
    field_begin = i;
    return unquoted(base, i, stop, bounds, error);
  }

  // The hot path: a tight loop to the next special byte; unquoted text is never copied. A
  // comma followed by another unquoted field stays in the loop, so a record without quotes
  // is read in one pass.
  std::size_t unquoted(char* base, std::size_t i, std::size_t stop, Bounds& bounds,
                       std::string& error) {
    // Locals: the compiler would reload a member after every emplace_back.
    const char separator = delimiter;
    const std::uint64_t separator_bytes = 0x0101010101010101u * static_cast<unsigned char>(separator);
    char c;
    for (;;) {
      i = find_special(base, i, stop, separator, separator_bytes);
      if (i == stop) return i;
      c = base[i];
      if (c != separator) break;
      bounds.emplace_back(field_begin, i);
      if (++i == stop || base[i] == '"') {
        state = State::field_start;
        return i;
      }
      field_begin = i;
    }
    if (c == '\n') {
      bounds.emplace_back(field_begin, i);
      return end_line(i + 1, i);
    } else if (c == '\r') {
      state = State::unquoted_cr;
    } else {
      stray_quote_error(error);
    }
    return i + 1;
  }

  // A '\r' without a '\n' after it is a line end of its own (old Mac files); the next byte
  // then starts the next record.
  std::size_t unquoted_cr(char* base, std::size_t i, Bounds& bounds) {
    bounds.emplace_back(field_begin, i - 1);
    return end_line(base[i] == '\n' ? i + 1 : i, i - 1);
  }

  // Unescaping shifts the text left by one byte per '""' seen so far in the field.
  std::size_t quoted(char* base, std::size_t i, std::size_t stop) {
    const void* quote = std::memchr(base + i, '"', stop - i);
    const std::size_t text_end =
        quote ? static_cast<std::size_t>(static_cast<const char*>(quote) - base) : stop;
    line += static_cast<std::size_t>(std::count(base + i, base + text_end, '\n'));
    // A '\r' without a '\n' after it breaks the line as well (old Mac files), so that later
    // records keep their physical line numbers.
    if (quoted_cr_ends_block) {
      quoted_cr_ends_block = false;
      if (i == text_end ? quote != nullptr : base[i] != '\n') ++line;
    }
    for (const char* cr = base + i; (cr = static_cast<const char*>(std::memchr(cr, '\r', base + text_end - cr)));
         ++cr) {
      if (cr + 1 < base + text_end) line += cr[1] != '\n';
      else if (quote) ++line;  // the closing quote follows
      else quoted_cr_ends_block = true;
    }
    if (write != i) std::memmove(base + write, base + i, text_end - i);
    write += text_end - i;
    if (!quote) return stop;
    state = State::closing_quote;
    return text_end + 1;
  }

  std::size_t closing_quote(char* base, std::size_t i, Bounds& bounds, std::string& error) {
    const char c = base[i];
    if (c == '"') {
      base[write++] = '"';
      state = State::quoted;
    } else if (c == delimiter) {
      bounds.emplace_back(field_begin, write);
      state = State::field_start;
    } else if (c == '\n') {
      bounds.emplace_back(field_begin, write);
      return end_line(i + 1, i);
    } else if (c == '\r') {
      state = State::closing_quote_cr;
    } else {
      after_quote_error(error, c);
    }
    return i + 1;
  }

  std::size_t closing_quote_cr(char* base, std::size_t i, Bounds& bounds) {
    bounds.emplace_back(field_begin, write);
    return end_line(base[i] == '\n' ? i + 1 : i, i - 1);
  }

  // A lone '\r' ends the line too; a '\r' that is the last byte read waits for the next
  // block, which says whether a '\n' follows.
  std::size_t skip_line(const char* base, std::size_t i, std::size_t stop) {
    for (; i < stop; ++i) {
      if (base[i] == '\n') return end_line(i + 1, i);
      if (base[i] != '\r') continue;
      if (i + 1 == stop) {
        state = State::skip_line_cr;
        return stop;
      }
      return end_line(base[i + 1] == '\n' ? i + 2 : i + 1, i);
    }
    return stop;
  }
};

std::string CsvReader::Scan::on_line() const {
  return line == record_line ? std::string() : " on line " + std::to_string(line);
}

void CsvReader::Scan::stray_quote_error(std::string& error) {
  set_error(error, "unexpected '\"' in an unquoted field" + on_line() +
                       " (quote the whole field and double its quotes)");
  state = State::skip_line;
}

void CsvReader::Scan::after_quote_error(std::string& error, char c) {
  set_error(error, "expected " + delimiter_name(delimiter) + " or a line break after a closing quote" + on_line() + ", got " + describe_byte(c));
  state = State::skip_line;
}

CsvReader::CsvReader(std::istream& in, std::size_t block_size, std::size_t max_record_size)
    : in_(in),
      block_size_(std::max<std::size_t>(block_size, 1)),
      max_record_size_(std::max<std::size_t>(max_record_size, 1)) {}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  record.error.clear();
  record.non_ascii = false;
  if (read_failed_) return false;
  if (!started_) {
    started_ = true;
    while (end_ < 3 && read_block()) {
    }
    if (read_failed_) return false;
    if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) record_start_ = 3;
    if (delimiter_ == '\0') detect_delimiter();
  }
  bounds_.clear();
  Scan s;
  s.delimiter = delimiter_;
  s.line = s.record_line = record.line = line_;
  while (!scan(s, record)) {
    if (!refill(s, record)) {
      if (read_failed_ || !s.finish(bounds_, record.error)) return false;
      return end_record(s, record, s.pos);
    }
  }
  return true;
}

char detect_delimiter(std::string_view first_line) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : first_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

// Buffers the first line (up to the record cap) and picks the delimiter from it, once per
// input: the rows are then read at full speed with a fixed delimiter.
void CsvReader::detect_delimiter() {
  const auto line_end = [this] {
    bool quoted = false;
    for (std::size_t i = record_start_; i < end_; ++i) {
      const char c = buf_[i];
      if (c == '"') quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r')) return true;
    }
    return false;
  };
  while (!line_end() && end_ - record_start_ < max_record_size_ && read_block()) {
  }
  delimiter_ = backtriage::detect_delimiter(std::string_view(buf_.data() + record_start_, end_ - record_start_));
}

// Runs the state machine over the buffered bytes. Returns true when a record ended at a
// line break; false when it needs more input. Empty lines are consumed here.
bool CsvReader::scan(Scan& s, CsvRecord& record) {
  std::size_t avail = end_ - record_start_;
  // Bytes past the cap are never scanned for a clean record, so whichever comes first in the
  // input, a syntax error or the cap, names the problem, whatever the block size.
  const auto limit = [&] {
    return record.error.empty() ? std::min(avail, max_record_size_) : avail;
  };
  std::size_t stop = limit();
  std::size_t i = s.pos;
  for (;;) {
    if (i == stop) {
      if (stop == avail) break;
      set_error(record.error, "record is longer than " + std::to_string(max_record_size_) +
                                  " bytes");
      stop = avail;
      continue;
    }
    i = s.run(buf_.data() + record_start_, i, stop, bounds_, record.error);
    if (s.line_end) {
      s.line_end = false;
      ++s.line;
      s.pos = i;
      if (end_record(s, record, s.content)) return true;
      avail = end_ - record_start_;  // an empty line was skipped: start afresh
      stop = limit();
      i = 0;
    }
  }
  s.pos = i;
  return false;
}

// Completes the record whose bytes are [0, s.pos) of the record, `content_size` of them before
// the line break. Returns false, having skipped it, when it was an empty line.
bool CsvReader::end_record(Scan& s, CsvRecord& record, std::size_t content_size) {
  const char* base = buf_.data() + record_start_;
  const bool empty_line = record.error.empty() && bounds_.size() == 1 &&
                          bounds_[0].first == bounds_[0].second &&
                          (content_size == 0 || (content_size == 1 && base[0] == '\r'));
  record_start_ += s.pos;
  line_ = s.line;
  if (empty_line) {
    bounds_.clear();
    const char delimiter = s.delimiter;
    s = Scan();
    s.delimiter = delimiter;
    s.line = s.record_line = record.line = line_;
    return false;
  }
  if (record.error.empty()) {
    for (const auto& [begin, end] : bounds_) record.fields.emplace_back(base + begin, end - begin);
    record.non_ascii = has_high_byte(base, content_size);
  }
  return true;
}

// Makes room and reads a block for the record in progress. Returns false at end of input or
// on a read error.
bool CsvReader::refill(Scan& s, CsvRecord& record) {
  if (at_end_) return false;
  if (!record.error.empty()) {
    // An error record returns no fields, so what was read of it can go: this is what keeps
    // memory flat for an over-long record. The state machine still runs, so the record ends at
    // a line break outside quotes.
    record_start_ += s.pos;
    s.pos = s.write = s.field_begin = 0;
    bounds_.clear();
  }
  return read_block();
}

// Appends one block to the buffer, first moving the record in progress to the front.
bool CsvReader::read_block() {
  if (at_end_ || read_failed_) return false;
  if (record_start_ > 0) {
    std::memmove(buf_.data(), buf_.data() + record_start_, end_ - record_start_);
    end_ -= record_start_;
    record_start_ = 0;
  }
  if (buf_.size() - end_ < block_size_) buf_.resize(std::max(buf_.size() * 2, end_ + block_size_));
  std::streamsize got = 0;
  try {
    std::streambuf* sb = in_.rdbuf();
    if (sb == nullptr) {
      read_failed_ = true;
      return false;
    }
    // libstdc++'s filebuf throws on a failed read(2); that must not look like end of input.
    got = sb->sgetn(buf_.data() + end_, static_cast<std::streamsize>(block_size_));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    read_failed_ = true;
    return false;
  }
  if (got <= 0) {
    at_end_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  return true;
}

}  // namespace backtriage
