// libFuzzer entry point for map_header, the intake header against the built-in questions.
// Run with a timeout (tests/fuzz/run.sh): a header of many thousand columns must map in
// linear time. Checks that a refused header is a data error and that a mapped one names each
// question and the id column at most once, with every index in range.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "base/exit_code.h"
#include "fuzz_support.h"
#include "intake/csv_reader.h"
#include "intake/intake.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace backtriage;
  using fuzz::require;
  if (size < 1) return 0;
  // Byte 0: --strict, and whether a `name` and a `clinic` column are kept.
  IntakeOptions options;
  options.strict = data[0] & 1;
  if (data[0] & 2) options.keep.push_back("name");
  if (data[0] & 4) options.keep.push_back("Clinic");
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  CsvReader reader(in, 4096);  // the default 1 MiB block would be most of the time per input
  CsvRecord header;
  if (!reader.next(header)) return 0;

  const RuleSet& rules = fuzz::builtin_rules();
  IntakeColumns columns;
  try {
    columns = map_header(rules, header, options);
  } catch (const Error& e) {
    require(e.code() == ExitCode::data_error, "a refused header is a data error");
    return 0;
  }
  require(header.error.empty(), "a malformed header is refused");
  const int fields = static_cast<int>(header.fields.size());
  require(columns.question_of_field.size() <= header.fields.size(), "at most one question per field");
  std::vector<bool> seen(rules.questions.size(), false);
  for (int q : columns.question_of_field) {
    if (q < 0) continue;
    require(q < static_cast<int>(seen.size()) && !seen[q], "each question has at most one column");
    seen[q] = true;
  }
  require(columns.id_field >= -1 && columns.id_field < fields, "the id field is a field");
  require(columns.kept_fields.size() == options.keep.size(), "each kept name has its field");
  for (int f : columns.kept_fields) require(f >= 0 && f < fields, "kept fields are fields");
  require(!options.strict || columns.warnings.empty(), "--strict turns every warning into a refusal");
  return 0;
}
