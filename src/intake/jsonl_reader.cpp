#include "intake/jsonl_reader.h"

#include <ios>

namespace backtriage {

JsonlReader::JsonlReader(std::streambuf& in, std::size_t max_line_bytes) : in_(in), max_(max_line_bytes) {}

bool JsonlReader::next(std::string& line) {
  line.clear();
  too_long_ = false;
  if (read_failed_) return false;
  try {
    int c = in_.sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    ++number_;
    for (; c != std::char_traits<char>::eof() && c != '\n'; c = in_.sbumpc()) {
      if (too_long_) continue;
      if (line.size() == max_) {
        too_long_ = true;
        std::string().swap(line);  // the memory goes back now, not at the next long line
        continue;
      }
      line.push_back(static_cast<char>(c));
    }
  } catch (const std::ios_base::failure&) {
    read_failed_ = true;
    return false;
  }
  return true;
}

}  // namespace backtriage
