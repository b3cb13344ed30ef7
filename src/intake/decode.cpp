#include "intake/decode.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"

namespace backtriage {
namespace {
constexpr std::size_t kBlock = 1 << 16;

// Bytes per code unit of an encoding: an invalid unit is skipped whole, so that one bad
// surrogate in UTF-16 does not shift every later character by a byte.
std::size_t unit_width(const std::string& encoding) {
  std::string name = lower(encoding);
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  if (name.rfind("utf16", 0) == 0 || name.rfind("ucs2", 0) == 0) return 2;
  if (name.rfind("utf32", 0) == 0 || name.rfind("ucs4", 0) == 0) return 4;
  return 1;
}
}  // namespace

DecodingInput::DecodingInput(std::streambuf& source, const std::string& encoding) : source_(source), from_(encoding) {
  if (from_.empty()) return;
  cd_ = iconv_open("UTF-8", from_.c_str());
  unit_width_ = unit_width(from_);
  if (cd_ == reinterpret_cast<iconv_t>(-1))
    throw Error(ExitCode::usage, fmt::format("unknown encoding '{}' (`iconv -l` lists the names, e.g. cp1252, "
                                             "ISO-8859-1, UTF-16)", encoding));
}

DecodingInput::~DecodingInput() {
  if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
}

// Reads the first bytes; a UTF-16 byte-order mark starts a conversion when none was named.
// What was read stays in in_, to be passed on or converted.
void DecodingInput::start() {
  started_ = true;
  in_.resize(kBlock);
  while (in_end_ < 2) {
    std::streamsize got = source_.sgetn(in_.data() + in_end_, static_cast<std::streamsize>(2 - in_end_));
    if (got <= 0) break;
    in_end_ += static_cast<std::size_t>(got);
  }
  if (cd_ != reinterpret_cast<iconv_t>(-1) || in_end_ < 2) return;
  const auto b0 = static_cast<unsigned char>(in_[0]), b1 = static_cast<unsigned char>(in_[1]);
  if (b0 == 0xff && b1 == 0xfe) from_ = "UTF-16LE";
  else if (b0 == 0xfe && b1 == 0xff) from_ = "UTF-16BE";
  else return;
  in_begin_ = 2;  // the mark itself is not text
  unit_width_ = 2;
  cd_ = iconv_open("UTF-8", from_.c_str());
  if (cd_ == reinterpret_cast<iconv_t>(-1)) throw Error(ExitCode::software, "iconv cannot convert " + from_);
}

std::streamsize DecodingInput::xsgetn(char* out, std::streamsize count) {
  if (!started_) start();
  if (cd_ != reinterpret_cast<iconv_t>(-1)) return std::streambuf::xsgetn(out, count);
  // Passing through: the bytes read by start() first, then straight from the source.
  std::streamsize done = 0;
  if (in_begin_ < in_end_) {
    const auto n = std::min<std::size_t>(in_end_ - in_begin_, static_cast<std::size_t>(count));
    std::memcpy(out, in_.data() + in_begin_, n);
    in_begin_ += n;
    done = static_cast<std::streamsize>(n);
  }
  if (done < count) {
    std::streamsize got = source_.sgetn(out + done, count - done);
    if (got > 0) done += got;
  }
  return done;
}

std::streambuf::int_type DecodingInput::underflow() {
  if (!started_) start();
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (cd_ == reinterpret_cast<iconv_t>(-1)) {
    // What the source holds already, and at least one byte: a reader of lines gets each line
    // as soon as it has arrived through a pipe, without a call per byte.
    const std::streamsize ready = std::clamp<std::streamsize>(source_.in_avail(), 1, kBlock);
    out_.resize(kBlock);
    const std::streamsize got = xsgetn(out_.data(), ready);
    if (got <= 0) return traits_type::eof();
    setg(out_.data(), out_.data(), out_.data() + got);
    return traits_type::to_int_type(*gptr());
  }
  while (!convert_more()) {
    if (source_done_ && in_begin_ == in_end_) return traits_type::eof();
  }
  return traits_type::to_int_type(*gptr());
}

// Converts what is buffered, reading more first when little is. Returns true when it made
// some output (now the get area).
bool DecodingInput::convert_more() {
  if (in_begin_ > 0) {
    std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  if (!source_done_ && in_end_ < in_.size()) {
    std::streamsize got = source_.sgetn(in_.data() + in_end_, static_cast<std::streamsize>(in_.size() - in_end_));
    if (got <= 0) source_done_ = true;
    else in_end_ += static_cast<std::size_t>(got);
  }
  out_.resize(4 * kBlock + 16);
  char* in = in_.data();
  std::size_t in_left = in_end_;
  char* out = out_.data();
  std::size_t out_left = out_.size() - 8;
  while (in_left > 0) {
    if (iconv(cd_, &in, &in_left, &out, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) break;
    if (errno == EINVAL && !source_done_) break;  // a character cut by the block end: read on
    // An invalid or (at the end) incomplete code unit becomes one byte that is invalid UTF-8
    // wherever it stands, so that the reader makes its row an error naming line and column (a
    // replacement character would let two patients' ids become one, unseen): a single-byte
    // encoding's byte when it is a continuation byte (cp1252's 0x81: converted text never
    // ends inside a character, so it cannot join it), else 0xff.
    const std::size_t width = std::min(unit_width_, in_left);
    if (out_left < 1) break;
    const auto byte = static_cast<unsigned char>(*in);
    *out++ = width == 1 && byte >= 0x80 && byte < 0xc0 ? static_cast<char>(byte) : '\xff';
    --out_left;
    in += width;
    in_left -= width;
  }
  in_begin_ = static_cast<std::size_t>(in - in_.data());
  if (source_done_ && in_begin_ == in_end_ && out_left >= 8) {
    std::size_t flushed = iconv(cd_, nullptr, nullptr, &out, &out_left);
    (void)flushed;
  }
  setg(out_.data(), out_.data(), out);
  return out > out_.data();
}

}  // namespace backtriage
