#include "rules/rule_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/digest.h"
#include "base/exit_code.h"

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
  for (const auto& name : names) {
    std::ifstream in(prefix + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw Error(ExitCode::no_input, fmt::format("cannot read rule file '{}{}'", prefix, name));
    sources.push_back({prefix + name, text.str()});
  }
  return sources;
}

}  // namespace backtriage
