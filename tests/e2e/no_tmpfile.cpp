// Fault injection for e2e.score_output_atomic_fallback, loaded with LD_PRELOAD: open(2) refuses
// O_TMPFILE with EOPNOTSUPP, as file systems without it do (vfat, older NFS), so that -o takes
// its named-temporary way. Everything else goes to the C library's open.
#include <dlfcn.h>
#include <fcntl.h>

#include <cerrno>
#include <cstdarg>

namespace {

using OpenFunction = int (*)(const char*, int, ...);

int open_without_tmpfile(const char* name, const char* path, int flags, va_list args) {
  const mode_t mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(args, mode_t) : 0;
  if ((flags & O_TMPFILE) == O_TMPFILE) {
    errno = EOPNOTSUPP;
    return -1;
  }
  auto real = reinterpret_cast<OpenFunction>(dlsym(RTLD_NEXT, name));
  return real(path, flags, mode);
}

}  // namespace

extern "C" int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  int fd = open_without_tmpfile("open", path, flags, args);
  va_end(args);
  return fd;
}

extern "C" int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  int fd = open_without_tmpfile("open64", path, flags, args);
  va_end(args);
  return fd;
}
