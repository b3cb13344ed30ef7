#include "intake/decode.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "base/exit_code.h"

using namespace backtriage;

namespace {

// Everything `decoder` yields, read `chunk` bytes at a time as the CSV reader does.
std::string read_all(DecodingInput& decoder, std::streamsize chunk) {
  std::string out;
  std::string block(static_cast<std::size_t>(chunk), '\0');
  for (;;) {
    std::streamsize got = decoder.sgetn(block.data(), chunk);
    if (got <= 0) break;
    out.append(block.data(), static_cast<std::size_t>(got));
  }
  return out;
}

std::string utf16le(const std::string& ascii) {
  std::string out = "\xff\xfe";
  for (char c : ascii) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST_CASE("UTF-8 passes through untouched, byte-order mark and invalid bytes included") {
  for (std::streamsize chunk : {1, 3, 4096}) {
    CAPTURE(chunk);
    std::stringbuf source("\xEF\xBB\xBFid,name\n1,Zo\xC3\xAB\n2,\xE9\n");
    DecodingInput decoder(source, "");
    CHECK(read_all(decoder, chunk) == "\xEF\xBB\xBFid,name\n1,Zo\xC3\xAB\n2,\xE9\n");
    CHECK(decoder.converting_from().empty());
  }
}

TEST_CASE("UTF-16 is recognised by its byte-order mark and converted, whatever the read size") {
  for (std::streamsize chunk : {1, 2, 7, 4096}) {
    CAPTURE(chunk);
    std::stringbuf little(utf16le("id,age\r\n1,40\r\n") + std::string("Z\0\xeb\0", 4));
    DecodingInput decoder(little, "");
    CHECK(read_all(decoder, chunk) == "id,age\r\n1,40\r\nZ\xC3\xAB");
    CHECK(decoder.converting_from() == "UTF-16LE");
  }
  std::stringbuf big(std::string("\xfe\xff\0a\0,\0b", 8));
  DecodingInput decoder(big, "");
  CHECK(read_all(decoder, 5) == "a,b");
  CHECK(decoder.converting_from() == "UTF-16BE");
}

TEST_CASE("a named encoding is converted; a unit invalid in it becomes one byte that is invalid UTF-8") {
  std::stringbuf source("Zo\xEB M\xFCller \x80\n");
  DecodingInput decoder(source, "cp1252");
  CHECK(read_all(decoder, 3) == "Zo\xC3\xAB M\xC3\xBCller \xE2\x82\xAC\n");
  // 0x81 has no character in Windows-1252: it stays, for the reader to report (not U+FFFD,
  // which would make "a\x81" and "a\x8d" the same id).
  std::stringbuf undefined("a\x81" "b\x8d");
  DecodingInput strict(undefined, "CP1252");
  CHECK(read_all(strict, 64) == "a\x81" "b\x8d");
  std::stringbuf cut(std::string("\xff\xfe" "a\0b", 5));  // a last UTF-16 unit cut in half
  DecodingInput half(cut, "UTF-16");
  CHECK(read_all(half, 64) == "a\xff");
  std::stringbuf not_utf8("a\xC3\xA9");  // UTF-8 read as ASCII: no byte may join another
  DecodingInput ascii(not_utf8, "ascii");
  CHECK(read_all(ascii, 64) == "a\xff\xA9");
}

TEST_CASE("a lone UTF-16 surrogate is one bad unit: the text after it stays aligned") {
  for (std::streamsize chunk : {1, 3, 4096}) {
    CAPTURE(chunk);
    // "P", a lone high surrogate (D800), ",5\n", then a whole row: LE and BE.
    std::stringbuf little(std::string("\xff\xfeP\0\0\xd8,\0" "5\0\n\0Q\0,\0" "6\0\n\0", 20));
    DecodingInput le(little, "");
    CHECK(read_all(le, chunk) == "P\xff,5\nQ,6\n");
    std::stringbuf big(std::string("\xfe\xff\0P\xdc\0\0,\0" "5\0\n\0Q", 14));
    DecodingInput be(big, "");
    CHECK(read_all(be, chunk) == "P\xff,5\nQ");
  }
}

TEST_CASE("an encoding iconv does not know is a usage error naming it") {
  std::stringbuf source("x");
  CHECK_THROWS_WITH_AS(DecodingInput(source, "klingon"),
                       "unknown encoding 'klingon' (`iconv -l` lists the names, e.g. cp1252, ISO-8859-1, UTF-16)",
                       Error);
}
