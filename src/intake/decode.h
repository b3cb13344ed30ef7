#pragma once
// Intake files in encodings other than UTF-8: a stream buffer between the input and the CSV
// reader that converts to UTF-8 with iconv. UTF-16 (LE or BE) is recognised by its byte-order
// mark, as spreadsheets write their "Unicode text"; any other encoding must be named. Without
// either, the bytes pass through untouched and at full speed (no copy, no conversion).
#include <iconv.h>

#include <streambuf>
#include <string>
#include <vector>

namespace backtriage {

class DecodingInput : public std::streambuf {
 public:
  // Reads from `source`, which must outlive this. `encoding` is an iconv name ("cp1252",
  // "ISO-8859-1", "UTF-16"); empty: UTF-8, or UTF-16 when a byte-order mark says so. Throws
  // Error(usage) when iconv does not know `encoding`. A code unit that is invalid in the
  // encoding comes out as a byte that is invalid UTF-8 (0xff, or a single-byte encoding's
  // own byte from 0x80 to 0xbf), for the reader to report where it stands.
  DecodingInput(std::streambuf& source, const std::string& encoding);
  ~DecodingInput() override;
  DecodingInput(const DecodingInput&) = delete;
  DecodingInput& operator=(const DecodingInput&) = delete;

  // The encoding being converted from ("UTF-16LE", or the name given), or "" when none is;
  // known after the first read.
  const std::string& converting_from() const { return from_; }

 protected:
  int_type underflow() override;
  std::streamsize xsgetn(char* out, std::streamsize count) override;

 private:
  void start();
  bool convert_more();

  std::streambuf& source_;
  std::string from_;
  std::size_t unit_width_ = 1;  // bytes per code unit of from_
  iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
  bool started_ = false;
  bool source_done_ = false;
  std::vector<char> in_;      // bytes read and not yet converted: [in_begin_, in_end_)
  std::size_t in_begin_ = 0, in_end_ = 0;
  std::vector<char> out_;     // the get area
};

}  // namespace backtriage
