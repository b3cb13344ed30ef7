#pragma once
// A streaming RFC 4180 reader for intake CSV (backtriage(1), INTAKE FILES): a comma, semicolon
// or tab separator (given, or detected once from the first line), '"' quoting with '""' for a
// quote, quoted fields holding separators and line breaks (kept verbatim), LF, CRLF or lone CR
// record ends, a leading UTF-8 byte-order mark ignored, a last record without a line break
// accepted. Empty lines are skipped. Bytes are passed through: whether they are UTF-8 is the
// caller's check (CsvRecord::non_ascii says when one is needed).
//
// The reader owns one buffer, refilled in blocks from the stream, and hands out fields as
// views into it; quoted fields are unescaped in place. Memory stays flat whatever the input
// size: the buffer grows only to hold one record, and records are capped, so it stays below
// about twice (block size + record cap).
//
// A malformed record (a quote inside an unquoted field, text after a closing quote, a quote
// never closed at end of input, a record longer than the cap) is returned as one record with
// `error` set; reading then goes on at the next physical line break, or for an over-long
// record at the next line break outside quotes.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backtriage {

struct CsvRecord {
  // The fields, unescaped. The views point into the reader's buffer and stay valid until
  // the next call to next(). Empty when `error` is set.
  std::vector<std::string_view> fields;
  // The physical 1-based line where the record starts; line breaks inside quoted fields and
  // skipped empty lines are counted.
  std::size_t line = 0;
  // Non-empty for a malformed record: a lower-case message without the record's line (it may
  // name a later line of a multi-line record).
  std::string error;
  // Whether the record holds a byte of 0x80 or above; when false its fields are ASCII, so
  // valid UTF-8 with no check.
  bool non_ascii = false;
};

// The separator a header line uses: ';' or '\t' when it holds more of them than of commas
// (outside quotes), else ','. Reads up to the first line break.
char detect_delimiter(std::string_view first_line);

// "','", "';'", "a tab": the delimiter as messages name it.
std::string delimiter_name(char delimiter);

class CsvReader {
 public:
  static constexpr std::size_t kDefaultBlockSize = std::size_t{1} << 20;
  static constexpr std::size_t kDefaultMaxRecordSize = std::size_t{1} << 20;

  // Reads `in` through in.rdbuf() in blocks of `block_size` bytes (at least 1; small sizes
  // are for tests). A record of more than `max_record_size` bytes, counting its quotes and
  // line break, is an error record. `in` must outlive the reader; its state flags are
  // neither read nor changed.
  explicit CsvReader(std::istream& in, std::size_t block_size = kDefaultBlockSize,
                     std::size_t max_record_size = kDefaultMaxRecordSize);

  // Reads the next record into `record` (reusing its capacity) and returns true, or returns
  // false at end of input or after a read error. Never throws except std::bad_alloc.
  bool next(CsvRecord& record);

  // The field separator; '\0' (before the first next()) detects it from the first line. The
  // default is ','.
  void set_delimiter(char delimiter) { delimiter_ = delimiter; }
  // The separator in use: after the first next(), the detected one.
  char delimiter() const { return delimiter_; }

  // True once reading the stream failed (its buffer threw); next() then returns false and
  // the record being read when it failed is dropped.
  bool read_failed() const { return read_failed_; }

 private:
  struct Scan;

  bool scan(Scan& s, CsvRecord& record);
  bool refill(Scan& s, CsvRecord& record);
  bool read_block();
  bool end_record(Scan& s, CsvRecord& record, std::size_t content_size);
  void detect_delimiter();

  std::istream& in_;
  std::size_t block_size_;
  std::size_t max_record_size_;
  std::vector<char> buf_;
  std::size_t record_start_ = 0;  // offset in buf_ of the record being read
  std::size_t end_ = 0;           // bytes of buf_ holding input
  std::size_t line_ = 1;          // physical line of the byte at record_start_
  char delimiter_ = ',';
  bool started_ = false;          // the byte-order mark has been looked for
  bool at_end_ = false;
  bool read_failed_ = false;
  // Field bounds as offsets from record_start_, so that moving the buffer keeps them valid.
  std::vector<std::pair<std::size_t, std::size_t>> bounds_;
};

}  // namespace backtriage
