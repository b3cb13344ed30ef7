#include "output/atomic_file.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "base/exit_code.h"

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
  return Error(ExitCode::cant_create, fmt::format("cannot write '{}': {}", target, std::strerror(error)));
}

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  auto slash = target_.find_last_of('/');
  std::string directory = slash == std::string::npos ? "" : target_.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? target_ : target_.substr(slash + 1);
  std::string pattern = directory + "." + name + ".tmp.XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw cannot_write(target_, errno);
  // mkstemp makes the file private; give it the mode a plain create would.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  close(fd);
  temporary_ = pattern;
  track(temporary_);
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    int error = errno;
    std::remove(temporary_.c_str());
    untrack(temporary_);
    throw cannot_write(target_, error);
  }
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::remove(temporary_.c_str());
  untrack(temporary_);
}

void AtomicFile::commit(bool replace) {
  out_.flush();
  out_.close();
  if (!out_) {
    int error = errno ? errno : EIO;
    throw cannot_write(target_, error);
  }
  if (!replace) {
    // link(2) fails with EEXIST rather than replace: no window between a check and the rename.
    if (::link(temporary_.c_str(), target_.c_str()) != 0) {
      if (errno == EEXIST)
        throw Error(ExitCode::cant_create, fmt::format("'{}' already exists: it was not replaced", target_));
      throw cannot_write(target_, errno);
    }
    std::remove(temporary_.c_str());
  } else if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw cannot_write(target_, errno);
  }
  committed_ = true;
  untrack(temporary_);
}

void AtomicFile::remove_all_temporaries_on_signal() {
  for (auto& slot : live_paths)
    if (slot[0] != '\0') unlink(slot);
}

}  // namespace backtriage
