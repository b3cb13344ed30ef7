#include "output/audit_log.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include "base/exit_code.h"

namespace backtriage {

AuditLog::AuditLog(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    path_ = "standard output";
    fd_ = ::dup(STDOUT_FILENO);
    if (fd_ < 0) throw Error(ExitCode::cant_create, fmt::format("cannot write to standard output: {}", std::strerror(errno)));
    return;
  }
  // Read access only serves the check for a cut line in append(): a file this user may append
  // to but not read (a shared, write-only audit file) is still written.
  fd_ = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0 && errno == EACCES) fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw Error(ExitCode::cant_create, fmt::format("cannot open the audit file '{}': {}", path_, std::strerror(errno)));
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

bool AuditLog::ends_cut() const {
  struct stat info {};
  char last = '\n';
  return ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
         ::pread(fd_, &last, 1, info.st_size - 1) == 1 && last != '\n';
}

void AuditLog::append(std::string_view record) {
  // The lock is not what keeps lines whole (O_APPEND and one write do): it keeps other writers
  // still while the file's last byte is read, since a write in progress may already show in
  // its size. Without it every last byte would be a guess; a file system without locks is
  // written to all the same.
  int locked;
  do locked = ::flock(fd_, LOCK_EX);
  while (locked != 0 && errno == EINTR);
  // A line left cut short (a full disk, a crash) is ended first, so that this record is not
  // glued to it and lost with it.
  std::string line;
  if (ends_cut()) line = "\n";
  line += record;
  ssize_t written;
  do written = ::write(fd_, line.data(), line.size());
  while (written < 0 && errno == EINTR);
  int error = errno;
  if (locked == 0) ::flock(fd_, LOCK_UN);
  if (written < 0)
    throw Error(ExitCode::cant_create, fmt::format("cannot write to the audit file '{}': {}", path_, std::strerror(error)));
  // A second write could interleave with another process's line, so a short one is not
  // completed: the line stays cut (audit summary reports it) and the run fails.
  if (static_cast<size_t>(written) != line.size())
    throw Error(ExitCode::cant_create,
                fmt::format("cannot write to the audit file '{}': only {} of {} bytes were written", path_, written,
                            line.size()));
}

void AuditLog::sync() {
  if (::fdatasync(fd_) != 0 && errno != EINVAL)  // EINVAL: a pipe or device, nothing to sync
    throw Error(ExitCode::cant_create, fmt::format("cannot write to the audit file '{}': {}", path_, std::strerror(errno)));
}

}  // namespace backtriage
