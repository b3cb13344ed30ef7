#pragma once
// The lines of JSON Lines input (`score --input jsonl`), each capped like a CSV record: a line
// longer than the cap is reported as too long and skipped to its end without being kept, so
// memory stays below the cap whatever the input, and every line still gets its number.
#include <cstddef>
#include <streambuf>
#include <string>

namespace backtriage {

class JsonlReader {
 public:
  // Reads `in`, which must outlive the reader, one byte at a time through its buffer (so a
  // line is handed out as soon as it has arrived, as a producer in a pipe needs).
  explicit JsonlReader(std::streambuf& in, std::size_t max_line_bytes);

  // Reads the next line, without its '\n', into `line` and returns true; returns false at the
  // end of input or when reading failed. A line of more than the cap leaves `line` empty and
  // too_long() true. Never throws beyond std::bad_alloc.
  bool next(std::string& line);

  // The 1-based number of the line last read.
  std::size_t line_number() const { return number_; }
  // Whether the line last read was longer than the cap (its bytes were skipped).
  bool too_long() const { return too_long_; }
  // Whether reading the input failed (its buffer threw).
  bool read_failed() const { return read_failed_; }

 private:
  std::streambuf& in_;
  std::size_t max_;
  std::size_t number_ = 0;
  bool too_long_ = false;
  bool read_failed_ = false;
};

}  // namespace backtriage
