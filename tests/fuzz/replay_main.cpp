// Runs a fuzz target's LLVMFuzzerTestOneInput on every file of a corpus directory, and of a
// directory of past crashes when there is one, so that every build (gcc too, without
// libFuzzer) checks the target's properties on them. A breach aborts, which fails the test.
//   usage: replay CORPUS_DIR [CRASH_DIR]   (a missing CRASH_DIR means no past crashes)
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

void run(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Print the name first: when the input aborts, the log says which one it was.
  std::fprintf(stderr, "%s\n", file.c_str());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [CRASH_DIR]\n", argv[0]);
    return 64;
  }
  std::vector<fs::path> files = files_in(argv[1]);
  if (files.empty()) {
    std::fprintf(stderr, "%s: no corpus files\n", argv[1]);
    return 1;
  }
  if (argc == 3 && fs::is_directory(argv[2])) {
    const std::vector<fs::path> crashes = files_in(argv[2]);
    files.insert(files.end(), crashes.begin(), crashes.end());
  }
  for (const fs::path& file : files) run(file);
  std::printf("replayed %zu inputs\n", files.size());
  return 0;
}
