#pragma once
// A streaming RFC 4180 reader for intake CSV (backtriage(1), INTAKE FILES): comma separator, '"'
// quoting with '""' for a quote, quoted fields holding commas and line breaks (kept
// verbatim), LF or CRLF record ends, a leading UTF-8 byte-order mark ignored, a last record
// without a line break accepted. Empty lines, and lines holding only "\r", are skipped.
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
};

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

  // True once reading the stream failed (its buffer threw); next() then returns false and
  // the record being read when it failed is dropped.
  bool read_failed() const { return read_failed_; }

 private:
  struct Scan;

  bool scan(Scan& s, CsvRecord& record);
  bool refill(Scan& s, CsvRecord& record);
  bool read_block();
  bool end_record(Scan& s, CsvRecord& record, std::size_t content_size);

  std::istream& in_;
  std::size_t block_size_;
  std::size_t max_record_size_;
  std::vector<char> buf_;
  std::size_t record_start_ = 0;  // offset in buf_ of the record being read
  std::size_t end_ = 0;           // bytes of buf_ holding input
  std::size_t line_ = 1;          // physical line of the byte at record_start_
  bool started_ = false;          // the byte-order mark has been looked for
  bool at_end_ = false;
  bool read_failed_ = false;
  // Field bounds as offsets from record_start_, so that moving the buffer keeps them valid.
  std::vector<std::pair<std::size_t, std::size_t>> bounds_;
};

}  // namespace backtriage
