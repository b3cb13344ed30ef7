#include "rules/rule_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "base/diagnostic.h"
#include "base/digest.h"
#include "base/exit_code.h"
#include "base/text.h"

namespace backtriage {

std::string rule_set_hash(const std::vector<RuleSource>& sources) {
  Sha256 sha;
  // Each field is preceded by its length, so no two different lists of files hash the same
  // bytes (a name ending where a text begins cannot be confused with another split).
  auto mix = [&](std::string_view bytes) {
    sha.update(fmt::format("{}:", bytes.size()));
    sha.update(bytes);
  };
  for (const auto& source : sources) {
    auto slash = source.path.find_last_of('/');
    std::string_view path = source.path;
    mix(slash == std::string::npos ? path : path.substr(slash + 1));
    mix(source.text);
  }
  return sha.hex(kRuleSetHashLength);
}

std::string region_of_file(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);  // npos + 1 == 0
  const std::string prefix = "terms-", suffix = ".yaml";
  if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  return name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
}

namespace {

// What a file that is not a regular one is, for messages.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

}  // namespace

ReadFile read_regular_file(const std::string& path, size_t cap) {
  ReadFile file;
  struct stat link {}, info {};
  const bool is_link = lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
  const std::string through = is_link ? "a symbolic link to " : "";
  if (stat(path.c_str(), &info) != 0) {
    file.unreadable = std::strerror(errno) + (is_link ? std::string(" (a symbolic link to nothing)") : "");
    return file;
  }
  auto refuse_kind = [&](mode_t mode) {
    file.refused =
        fmt::format("not a regular file but {}{} (rule files must be regular files)", through, kind_of(mode));
  };
  auto refuse_size = [&](const std::string& size) {
    file.refused = fmt::format("holds {} bytes: a rule file may hold at most {}", size, byte_size(cap));
  };
  if (!S_ISREG(info.st_mode)) {
    refuse_kind(info.st_mode);
    return file;
  }
  if (static_cast<std::uint64_t>(info.st_size) > cap) {
    refuse_size(grouped(static_cast<std::uint64_t>(info.st_size)));
    return file;
  }
  // O_NONBLOCK: should the file be swapped for a FIFO since stat, opening it does not wait.
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    file.unreadable = std::strerror(errno);
    return file;
  }
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    refuse_kind(info.st_mode);
    close(fd);
    return file;
  }
  // Room for the size stat gave and one byte more, to see the end; grown only if it grew.
  file.text.resize(std::min(static_cast<size_t>(info.st_size), cap) + 1);
  size_t got = 0;
  while (got <= cap) {
    if (got == file.text.size()) file.text.resize(std::min(cap + 1, 2 * got));
    ssize_t n = read(fd, file.text.data() + got, file.text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) file.unreadable = std::strerror(errno);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  file.text.resize(got);
  if (got > cap) refuse_size("more than " + grouped(cap));
  return file;
}

std::vector<RuleSource> read_rule_directory(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A rule set that cannot be found is as unusable as one that does not load: exit 78.
  if (!fs::is_directory(directory, ec))
    throw Error(ExitCode::config, fmt::format("cannot read rule directory '{}': not a directory", directory));
  std::vector<std::string> names;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->path().extension() == ".yaml" && name[0] != '.') names.push_back(name);
  }
  if (ec) throw Error(ExitCode::no_input, fmt::format("cannot read rule directory '{}': {}", directory, ec.message()));
  if (names.empty())
    throw Error(ExitCode::config, fmt::format("rule directory '{}' holds no rule files (*.yaml)", directory));
  std::sort(names.begin(), names.end());
  std::vector<RuleSource> sources;
  std::string prefix = directory;
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::string refused, unreadable;
  size_t total = 0;
  for (const auto& name : names) {
    const std::string path = prefix + name;
    ReadFile file = read_regular_file(path, kMaxRuleFileBytes);
    if (!file.refused.empty()) {
      refused += format_diagnostic({Severity::error, path, 0, 0, file.refused, {}});
      continue;
    }
    if (!file.unreadable.empty()) {
      if (unreadable.empty()) unreadable = fmt::format("cannot read rule file '{}': {}", path, file.unreadable);
      continue;
    }
    total += file.text.size();
    if (total > kMaxRuleDirectoryBytes) {
      refused += format_diagnostic({Severity::error, path, 0, 0,
                                    fmt::format("the rule files up to this one hold {} bytes: a rule directory may hold "
                                                "at most {}",
                                                grouped(total), byte_size(kMaxRuleDirectoryBytes)),
                                    {}});
      break;
    }
    sources.push_back({path, std::move(file.text)});
  }
  if (!refused.empty()) throw Error(ExitCode::config, refused + fmt::format("rule directory '{}' is invalid", directory));
  if (!unreadable.empty()) throw Error(ExitCode::no_input, unreadable);
  return sources;
}

}  // namespace backtriage
