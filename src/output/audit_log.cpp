#include "output/audit_log.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include "base/exit_code.h"

namespace backtriage {

AuditLog::AuditLog(std::string path) : path_(std::move(path)) {
  // Read access only serves the check for a cut line below: a file this user may append to but
  // not read (a shared, write-only audit file) is still written.
  fd_ = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0 && errno == EACCES) fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw Error(ExitCode::cant_create, fmt::format("cannot open the audit file '{}': {}", path_, std::strerror(errno)));
  // Whole lines are appended in one write each, so the file ends in a line break unless a
  // write was cut short (a full disk, a crash): then the first record starts on a line of its
  // own rather than being glued to the cut one and lost with it.
  struct stat info {};
  char last = '\n';
  if (::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
      ::pread(fd_, &last, 1, info.st_size - 1) == 1 && last != '\n')
    pending_ = "\n";
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AuditLog::append(std::string_view record) {
  std::string_view line = record;
  if (!pending_.empty()) line = (pending_ += record);
  ssize_t written;
  do written = ::write(fd_, line.data(), line.size());
  while (written < 0 && errno == EINTR);
  if (written < 0)
    throw Error(ExitCode::cant_create, fmt::format("cannot write to the audit file '{}': {}", path_, std::strerror(errno)));
  // A second write could interleave with another process's line, so a short one is not
  // completed: the line stays cut (audit summary reports it) and the run fails.
  if (static_cast<size_t>(written) != line.size())
    throw Error(ExitCode::cant_create,
                fmt::format("cannot write to the audit file '{}': only {} of {} bytes were written", path_, written,
                            line.size()));
  pending_.clear();
}

void AuditLog::sync() {
  if (::fdatasync(fd_) != 0 && errno != EINVAL)  // EINVAL: a pipe or device, nothing to sync
    throw Error(ExitCode::cant_create, fmt::format("cannot write to the audit file '{}': {}", path_, std::strerror(errno)));
}

}  // namespace backtriage
