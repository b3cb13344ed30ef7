#include "output/atomic_file.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "base/text.h"

namespace backtriage {
namespace {

// Fixed storage a signal handler can read without allocating.
constexpr int kMaxLive = 4;
std::array<char[4096], kMaxLive> live_paths{};

void track(const std::string& path) {
  for (auto& slot : live_paths)
    if (slot[0] == '\0' && path.size() < sizeof slot) {
      std::memcpy(slot, path.c_str(), path.size() + 1);
      return;
    }
}

void untrack(const std::string& path) {
  for (auto& slot : live_paths)
    if (path == slot) slot[0] = '\0';
}

Error cannot_write(const std::string& target, int error) {
  return Error(ExitCode::cant_create, fmt::format("cannot write '{}': {}", escape_controls(target), std::strerror(error)));
}

// An existing target that must not be replaced.
Error already_exists(const std::string& given) {
  return Error(ExitCode::cant_create, fmt::format("'{}' already exists: it was not replaced", given));
}

// `path` with every symbolic link along its last component followed (relative links are
// relative to the link's directory); a dangling link gives the path it points to.
std::string follow_links(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat info {};
    if (lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return path;
    std::vector<char> link(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 4095) + 1);
    ssize_t n = readlink(path.c_str(), link.data(), link.size());
    if (n < 0 || static_cast<std::size_t>(n) >= link.size()) return path;
    std::string to(link.data(), static_cast<std::size_t>(n));
    auto slash = path.find_last_of('/');
    if (to.empty() || to[0] == '/' || slash == std::string::npos) path = to;
    else path = path.substr(0, slash + 1) + to;
  }
  throw Error(ExitCode::cant_create, fmt::format("cannot write '{}': {}", escape_controls(path), std::strerror(ELOOP)));
}

// STDOUT_FILENO or STDERR_FILENO when `path` is that stream's own file (/dev/stdout,
// /proc/self/fd/1, or the file it is redirected to), else -1. Such a target is written
// through the stream: renaming over it would drop what the shell's `>>` or `{ ...; } >log`
// put there, and a pipe behind /dev/stdout has no name to rename over.
int standard_stream_named(const std::string& path) {
  struct stat named {};
  if (stat(path.c_str(), &named) != 0) return -1;
  for (int stream : {STDOUT_FILENO, STDERR_FILENO}) {
    struct stat open {};
    if (fstat(stream, &open) == 0 && open.st_dev == named.st_dev && open.st_ino == named.st_ino) return stream;
  }
  return -1;
}

// Every signal blocked for the lifetime of the guard.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &saved_);
  }
  ~SignalsBlocked() { sigprocmask(SIG_SETMASK, &saved_, nullptr); }

 private:
  sigset_t saved_;
};

std::string random_suffix() {
  static std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 8; ++i) out += kChars[generator() % 36];
  return out;
}

}  // namespace

bool FdBuffer::write_all(const char* data, std::size_t size) {
  while (size > 0 && error_ == 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      break;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return error_ == 0;
}

std::streambuf::int_type FdBuffer::overflow(int_type c) {
  if (sync() != 0) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdBuffer::xsputn(const char* s, std::streamsize n) {
  if (static_cast<std::size_t>(epptr() - pptr()) >= static_cast<std::size_t>(n)) {
    std::memcpy(pptr(), s, static_cast<std::size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  // A large block (the score writer's) goes out as it is, after what is buffered.
  if (sync() != 0 || !write_all(s, static_cast<std::size_t>(n))) return 0;
  return n;
}

int FdBuffer::sync() {
  const std::size_t pending = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  if (pending > 0 && !write_all(buffer_.data(), pending)) return -1;
  return error_ == 0 ? 0 : -1;
}

AtomicFile::AtomicFile(std::string target) : given_(std::move(target)), out_(&buffer_) {
  const int stream = given_ == "-" ? STDOUT_FILENO : standard_stream_named(given_);
  if (stream >= 0) {
    fd_ = dup(stream);
    if (fd_ < 0) throw cannot_write(stream == STDOUT_FILENO ? "standard output" : given_, errno);
    direct_ = true;
    buffer_.reset(fd_);
    return;
  }
  target_ = follow_links(given_);
  auto slash = target_.find_last_of('/');
  directory_ = slash == std::string::npos ? "" : target_.substr(0, slash + 1);
  struct stat existing {};
  const bool exists = stat(target_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) throw cannot_write(given_, EISDIR);
  if (exists && !S_ISREG(existing.st_mode)) {
    // A device or FIFO is the destination itself: renaming a file over it would replace
    // /dev/null for everyone.
    fd_ = open(target_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) throw cannot_write(given_, errno);
    direct_ = true;
    buffer_.reset(fd_);
    return;
  }
  open_temporary(exists ? &existing : nullptr);
  buffer_.reset(fd_);
}

void AtomicFile::open_temporary(const struct stat* existing) {
  const std::string directory = directory_.empty() ? "." : directory_;
  fd_ = open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  anonymous_ = fd_ >= 0;
  if (!anonymous_) {
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) throw cannot_write(given_, errno);
    std::string name = target_.substr(directory_.size());
    std::string pattern = directory_ + "." + name + ".tmp.XXXXXX";
    {
      SignalsBlocked blocked;  // no handler may run between creating the file and tracking it
      fd_ = mkostemp(pattern.data(), O_CLOEXEC);
      if (fd_ < 0) throw cannot_write(given_, errno);
      temporary_ = pattern;
      track(temporary_);
    }
    // mkstemp makes the file private; give it the mode a plain create would.
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd_, 0666 & ~mask);
  }
  if (existing) {
    // Results are patient data: a file made private stays private.
    if (geteuid() == 0 && fchown(fd_, existing->st_uid, existing->st_gid) != 0) {
      // Not fatal: the mode below still keeps the data from others.
    }
    fchmod(fd_, existing->st_mode & 07777);
  }
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!committed_ && !temporary_.empty()) {
    std::remove(temporary_.c_str());
    untrack(temporary_);
  }
}

// Gives the anonymous file a temporary name and renames it over the target, with every
// signal held until both are done.
void AtomicFile::link_in_place(bool replace) {
  SignalsBlocked blocked;
  const std::string name = target_.substr(directory_.size());
  const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
  if (!replace) {
    // Linked straight to its name: linkat(2) fails with EEXIST rather than replace, so there
    // is no window between a check and the rename.
    int linked = linkat(fd_, "", AT_FDCWD, target_.c_str(), AT_EMPTY_PATH);
    if (linked != 0 && errno != EEXIST) linked = linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, target_.c_str(), AT_SYMLINK_FOLLOW);
    if (linked != 0) throw errno == EEXIST ? already_exists(given_) : cannot_write(given_, errno);
    return;
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temporary = directory_ + "." + name + ".tmp." + random_suffix();
    int linked = linkat(fd_, "", AT_FDCWD, temporary.c_str(), AT_EMPTY_PATH);
    if (linked != 0 && errno != EEXIST) linked = linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, temporary.c_str(), AT_SYMLINK_FOLLOW);
    if (linked != 0) {
      if (errno == EEXIST) continue;
      throw cannot_write(given_, errno);
    }
    if (std::rename(temporary.c_str(), target_.c_str()) != 0) {
      int error = errno;
      unlink(temporary.c_str());
      throw cannot_write(given_, error);
    }
    return;
  }
  throw cannot_write(given_, EEXIST);
}

void AtomicFile::commit(bool replace) {
  out_.flush();
  if (!out_ || buffer_.error() != 0) throw cannot_write(direct_ && given_ == "-" ? "standard output" : given_,
                                                         buffer_.error() ? buffer_.error() : EIO);
  if (direct_) {
    committed_ = true;
    return;
  }
  if (anonymous_) {
    link_in_place(replace);
  } else if (!replace) {
    if (::link(temporary_.c_str(), target_.c_str()) != 0)
      throw errno == EEXIST ? already_exists(given_) : cannot_write(given_, errno);
    unlink(temporary_.c_str());
    untrack(temporary_);
    temporary_.clear();
  } else {
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) throw cannot_write(given_, errno);
    untrack(temporary_);
    temporary_.clear();
  }
  committed_ = true;
}

void AtomicFile::remove_all_temporaries_on_signal() {
  for (auto& slot : live_paths)
    if (slot[0] != '\0') unlink(slot);
}

}  // namespace backtriage
