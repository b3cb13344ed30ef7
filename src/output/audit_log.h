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
  // appending; "-" is standard output. Throws Error(cant_create) naming the file when it
  // cannot be opened.
  explicit AuditLog(std::string path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends `record` (one line, ending in "\n") with a single write, under an exclusive
  // flock(2); after a line left cut short, with a line break first. Throws Error(cant_create)
  // when the write fails or is short (a full disk): the case must then not be shown as triaged.
  void append(std::string_view record);

  // Asks the kernel to put what was appended on disk. Throws Error(cant_create) on failure.
  void sync();

  const std::string& path() const { return path_; }

 private:
  bool ends_cut() const;  // the file's last line lacks its line break

  std::string path_;
  int fd_ = -1;
};

}  // namespace backtriage
