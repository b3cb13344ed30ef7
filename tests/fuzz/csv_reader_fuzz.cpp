// libFuzzer entry point for CsvReader; build and run as tests/fuzz/README.md says.
// Besides memory errors it checks three properties, aborting on a breach:
//  - the block size never changes the records (a small one against the default);
//  - line numbers start at 1 and only grow;
//  - the fields of every clean record, written by append_csv_row, read back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "intake/csv_reader.h"
#include "output/csv_writer.h"

namespace {

struct Record {
  std::vector<std::string> fields;
  std::size_t line;
  std::string error;
  bool operator==(const Record& o) const {
    return fields == o.fields && line == o.line && error == o.error;
  }
};

std::vector<Record> read_all(const std::string& text, std::size_t block, std::size_t cap) {
  std::istringstream in(text);
  backtriage::CsvReader reader(in, block, cap);
  backtriage::CsvRecord r;
  std::vector<Record> out;
  while (reader.next(r)) {
    if (!r.error.empty() && !r.fields.empty()) std::abort();
    out.push_back({std::vector<std::string>(r.fields.begin(), r.fields.end()), r.line, r.error});
  }
  if (reader.read_failed()) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes choose a block size (1..64) and a record cap (16..4096, or default).
  const std::size_t block = data[0] % 64 + 1;
  const std::size_t cap = data[1] == 0 ? backtriage::CsvReader::kDefaultMaxRecordSize
                                       : std::size_t{data[1]} * 16;
  const std::string text(reinterpret_cast<const char*>(data) + 2, size - 2);

  const std::vector<Record> small = read_all(text, block, cap);
  // Larger than any input run with -max_len=4096, so read in one block; the 1 MiB default
  // would spend most of the run clearing buffers.
  const std::vector<Record> large = read_all(text, 8192, cap);
  if (!(small == large)) std::abort();

  std::size_t last_line = 0;
  std::string written;
  std::vector<const Record*> clean;
  for (const Record& r : small) {
    if (r.line <= last_line) std::abort();
    last_line = r.line;
    if (!r.error.empty()) continue;
    clean.push_back(&r);
    const std::vector<std::string_view> views(r.fields.begin(), r.fields.end());
    backtriage::append_csv_row(written, views);
  }
  const std::vector<Record> again =
      read_all(written, block, backtriage::CsvReader::kDefaultMaxRecordSize);
  if (again.size() != clean.size()) std::abort();
  for (std::size_t i = 0; i < clean.size(); ++i) {
    if (!again[i].error.empty() || again[i].fields != clean[i]->fields) std::abort();
  }
  return 0;
}
