#include "rules/rule_files.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "base/exit_code.h"
#include "rules/loader.h"

using namespace backtriage;
namespace fs = std::filesystem;

namespace {

// A fresh directory holding one valid rule file, removed at the end of the test.
struct RuleDir {
  fs::path path = fs::temp_directory_path() / ("backtriage_rule_files_test_" + std::to_string(::getpid()));
  RuleDir() {
    fs::remove_all(path);
    fs::create_directories(path);
    write("00-outputs.yaml", "outputs: {}\n");
  }
  ~RuleDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// The error read_rule_directory() throws for `dir`, or a failed check when it throws none.
Error refusal(const RuleDir& dir) {
  try {
    read_rule_directory(dir.path.string());
  } catch (const Error& e) {
    return e;
  }
  FAIL("the rule directory was read");
  return Error(ExitCode::ok, "");
}

}  // namespace

TEST_CASE("a directory, FIFO or device named *.yaml is refused by name, never read") {
  RuleDir dir;
  fs::create_directories(dir.path / "sub.yaml");
  REQUIRE(mkfifo(dir.file("pipe.yaml").c_str(), 0600) == 0);
  fs::create_symlink("/dev/zero", dir.path / "zero.yaml");
  Error e = refusal(dir);  // a FIFO or /dev/zero read would hang or grow without end
  CHECK(e.code() == ExitCode::config);
  CHECK(std::string(e.what()) ==
        dir.file("pipe.yaml") + ": error: not a regular file but a FIFO (rule files must be regular files)\n" +
            dir.file("sub.yaml") + ": error: not a regular file but a directory (rule files must be regular files)\n" +
            dir.file("zero.yaml") +
            ": error: not a regular file but a symbolic link to a character device (rule files must be regular "
            "files)\n"
            "rule directory '" + dir.path.string() + "' is invalid");
}

TEST_CASE("a symbolic link to a regular file is read; one to nothing cannot be read (66)") {
  RuleDir dir;
  dir.write("target.txt", "questions: []\n");
  fs::create_symlink(dir.path / "target.txt", dir.path / "10-linked.yaml");
  auto sources = read_rule_directory(dir.path.string());
  REQUIRE(sources.size() == 2);
  CHECK(sources[1].path == dir.file("10-linked.yaml"));
  CHECK(sources[1].text == "questions: []\n");

  fs::create_symlink(dir.path / "missing", dir.path / "20-dangling.yaml");
  Error e = refusal(dir);
  CHECK(e.code() == ExitCode::no_input);
  CHECK(std::string(e.what()) ==
        "cannot read rule file '" + dir.file("20-dangling.yaml") + "': No such file or directory (a symbolic link to nothing)");
}

TEST_CASE("a rule file holds at most 1 MiB, a rule directory at most 16 MiB") {
  CHECK(kMaxRuleFileBytes == 1048576);
  CHECK(kMaxRuleDirectoryBytes == 16 * kMaxRuleFileBytes);
  RuleDir dir;
  const std::string comment = "#" + std::string(kMaxRuleFileBytes - 2, 'x') + "\n";  // exactly the cap
  dir.write("10-full.yaml", comment);
  CHECK(read_rule_directory(dir.path.string()).size() == 2);

  dir.write("20-over.yaml", comment + " ");
  Error e = refusal(dir);
  CHECK(e.code() == ExitCode::config);
  CHECK(std::string(e.what()) == dir.file("20-over.yaml") +
                                     ": error: holds 1,048,577 bytes: a rule file may hold at most 1 MiB (1,048,576 "
                                     "bytes)\nrule directory '" + dir.path.string() + "' is invalid");

  fs::remove(dir.path / "20-over.yaml");
  // 16 files of 1 MiB and the 12 bytes of 00-outputs.yaml: the 16th passes the cap.
  for (int i = 11; i < 27; ++i) dir.write(std::to_string(i) + "-full.yaml", comment);
  e = refusal(dir);
  CHECK(e.code() == ExitCode::config);
  CHECK(std::string(e.what()) == dir.file("25-full.yaml") +
                                     ": error: the rule files up to this one hold 16,777,228 bytes: a rule directory "
                                     "may hold at most 16 MiB (16,777,216 bytes)\nrule directory '" +
                                     dir.path.string() + "' is invalid");
}
