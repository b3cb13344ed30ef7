#pragma once
// An output file that appears whole or not at all, as `score -o` and `ask --save` need it.
//
// A regular file (or a name not yet taken) is written to an anonymous temporary file in the
// target's directory (O_TMPFILE), which is given a name and renamed over the target only on
// commit(), with signals blocked for those two calls: no signal can leave a temporary file
// behind, and a failed or interrupted run leaves any existing target untouched. Where the file
// system lacks O_TMPFILE, a named temporary file is used instead and removed on exit, on an
// exception and by remove_all_temporaries_on_signal().
//
// A symbolic link is followed: its target is replaced and the link stays. A replaced file keeps
// its permission bits (and, when run as root, its owner and group); a new one gets 0666 less
// the umask. A target that exists and is not a regular file (a device such as /dev/null, a
// FIFO, a terminal) is written directly and never renamed over; so is "-", standard output,
// and a name of standard output or error itself (/dev/stdout, or the file it is redirected to).
#include <sys/stat.h>

#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace backtriage {

// A stream buffer writing to a file descriptor with write(2), remembering the first error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd = -1) : fd_(fd), buffer_(1 << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  void reset(int fd) { fd_ = fd; }
  int error() const { return error_; }  // errno of the first failed write, or 0

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool write_all(const char* data, std::size_t size);
  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

class AtomicFile {
 public:
  // Prepares the output. Throws Error(cant_create) when it cannot (naming the target and the
  // reason): a missing or unwritable directory, a directory as target, too many links.
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  bool writes_in_place() const { return direct_; }  // not through a temporary file and a rename

  // Flushes and puts the file in place. Throws Error(cant_create) on any failure (a full disk,
  // a write error), leaving the target untouched when it was to be replaced. With `replace`
  // false an existing target is never replaced, even one created since the constructor ran:
  // that is an Error(cant_create) too.
  void commit(bool replace = true);

  // Removes the named temporary file of every live AtomicFile (only the fallback without
  // O_TMPFILE has one); async-signal-safe, for a handler of terminating signals.
  static void remove_all_temporaries_on_signal();

 private:
  void open_temporary(const struct stat* existing);
  void link_in_place(bool replace);

  std::string given_;      // as named on the command line, for messages
  std::string target_;     // symbolic links followed
  std::string directory_;  // of target_, with a trailing '/', or ""
  int fd_ = -1;
  bool direct_ = false;     // written in place: a device, FIFO or standard output
  bool anonymous_ = false;  // an O_TMPFILE file: nameless until commit
  std::string temporary_;   // the named temporary file of the fallback
  bool committed_ = false;
  FdBuffer buffer_;
  std::ostream out_;
};

}  // namespace backtriage
