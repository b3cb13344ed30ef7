#include "output/csv_writer.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "intake/csv_reader.h"

using namespace backtriage;

namespace {

std::string field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

}  // namespace

TEST_CASE("a plain field is written as it is") {
  CHECK(field("abc") == "abc");
  CHECK(field("") == "");
  CHECK(field("a b") == "a b");
  CHECK(field("red;flags") == "red;flags");
  CHECK(field("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("a field with a comma, quote, line break or outer blank is quoted, quotes doubled") {
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("\"") == "\"\"\"\"");
  CHECK(field("two\nlines") == "\"two\nlines\"");
  CHECK(field("cr\rhere") == "\"cr\rhere\"");
  CHECK(field(" lead") == "\" lead\"");
  CHECK(field("trail\t") == "\"trail\t\"");
  CHECK(field("\xEF\xBB\xBFid") == "\"\xEF\xBB\xBFid\"");
}

TEST_CASE("a row ends with a line feed and keeps a lone empty field visible") {
  std::string out;
  append_csv_row(out, {"1", "ok", "a,b", ""});
  CHECK(out == "1,ok,\"a,b\",\n");
  out.clear();
  append_csv_row(out, {""});
  CHECK(out == "\"\"\n");
  out.clear();
  append_csv_row(out, {});
  CHECK(out == "\n");
  out.clear();
  append_csv_row(out, {"", ""});
  CHECK(out == ",\n");
}

TEST_CASE("rows written and read back give the same fields") {
  const std::vector<std::vector<std::string_view>> rows = {
      {"\xEF\xBB\xBFid", "note", "age"},
      {"1", "multi\nline", "62"},
      {"2", "say \"hi\", then\r\nleave", ""},
      {""},
      {" padded ", "\"", ","},
      {"\r"},
      {"last"},
  };
  std::string text;
  for (const auto& row : rows) append_csv_row(text, row);

  for (std::size_t block : {std::size_t{1}, std::size_t{5}, CsvReader::kDefaultBlockSize}) {
    CAPTURE(block);
    std::istringstream in(text);
    CsvReader reader(in, block);
    CsvRecord record;
    for (const auto& row : rows) {
      REQUIRE(reader.next(record));
      CHECK(record.error == "");
      CHECK(record.fields == row);
    }
    CHECK_FALSE(reader.next(record));
  }
}
