#pragma once
// The audit file: records appended one line at a time, never rewritten. Each append is one
// write(2) on a descriptor opened with O_APPEND, so lines from processes writing the same file
// at once never interleave (on a local file system; NFS does not promise this).
#include <string>
#include <string_view>

namespace backtriage {

class AuditLog {
 public:
  // Opens (creating, mode 0600 before the umask: the answers are health data) `path` for
  // appending. When the file ends in a line cut short, the first record begins with a line
  // break. Throws Error(cant_create) naming the file when it cannot be opened.
  explicit AuditLog(std::string path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `record` (one line, ending in "\n") with a single write. Throws Error(cant_create)
  // when the write fails or is short (a full disk): the case must then not be shown as triaged.
  void append(std::string_view record);

  // Asks the kernel to put what was appended on disk. Throws Error(cant_create) on failure.
  void sync();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string pending_;  // "\n" to end a line left cut short, written with the first record
};

}  // namespace backtriage
