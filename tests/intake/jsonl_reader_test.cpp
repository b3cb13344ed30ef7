#include "intake/jsonl_reader.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace backtriage;

TEST_CASE("JSON Lines are read a line at a time, numbered, a line over the cap skipped to its end") {
  std::stringbuf in("one\n\n" + std::string(11, 'x') + "\ntwo\r\n" + std::string(10, 'y'));
  JsonlReader reader(in, 10);
  std::string line;
  REQUIRE(reader.next(line));
  CHECK((line == "one" && reader.line_number() == 1 && !reader.too_long()));
  REQUIRE(reader.next(line));
  CHECK((line.empty() && reader.line_number() == 2 && !reader.too_long()));
  REQUIRE(reader.next(line));
  CHECK((line.empty() && reader.line_number() == 3 && reader.too_long()));
  REQUIRE(reader.next(line));
  CHECK((line == "two\r" && reader.line_number() == 4 && !reader.too_long()));
  REQUIRE(reader.next(line));  // exactly the cap, without a final line break
  CHECK((line == std::string(10, 'y') && reader.line_number() == 5 && !reader.too_long()));
  CHECK_FALSE(reader.next(line));
  CHECK_FALSE(reader.read_failed());
}

TEST_CASE("a JSON Lines line of 64 MiB keeps no more than the cap in memory") {
  std::string huge(std::size_t{64} << 20, 'z');
  std::stringbuf in(huge + "\n{}\n");
  huge = std::string();
  JsonlReader reader(in, 1024);
  std::string line;
  REQUIRE(reader.next(line));
  CHECK(reader.too_long());
  CHECK(line.capacity() <= 1024);
  REQUIRE(reader.next(line));
  CHECK(line == "{}");
  CHECK(reader.line_number() == 2);
}
