#include "intake/csv_reader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <ios>
#include <sstream>
#include <streambuf>
#include <string>

using namespace backtriage;

namespace {

// Every record of `input`, one a line: "LINE [field][field]" or "LINE ! error".
std::string read_all(const std::string& input,
                     std::size_t block_size = CsvReader::kDefaultBlockSize,
                     std::size_t max_record_size = CsvReader::kDefaultMaxRecordSize) {
  std::istringstream in(input);
  CsvReader reader(in, block_size, max_record_size);
  CsvRecord record;
  std::string out;
  while (reader.next(record)) {
    out += std::to_string(record.line);
    if (!record.error.empty()) {
      CHECK(record.fields.empty());
      out += " ! " + record.error;
    } else {
      out += ' ';
      for (std::string_view f : record.fields) out.append("[").append(f).append("]");
    }
    out += '\n';
  }
  CHECK_FALSE(reader.read_failed());
  return out;
}

// A stream buffer that yields `data` and then fails, as libstdc++'s filebuf does when
// read(2) fails.
class FailingBuf : public std::streambuf {
 public:
  explicit FailingBuf(std::string data) : data_(std::move(data)) {}

 protected:
  std::streamsize xsgetn(char* s, std::streamsize n) override {
    if (given_ == data_.size()) throw std::ios_base::failure("error reading the file");
    const std::size_t count = std::min(data_.size() - given_, static_cast<std::size_t>(n));
    data_.copy(s, count, given_);
    given_ += count;
    return static_cast<std::streamsize>(count);
  }

 private:
  std::string data_;
  std::size_t given_ = 0;
};

}  // namespace

TEST_CASE("records are split at commas and line feeds") {
  CHECK(read_all("id,age\n1,62\n2,45\n") == "1 [id][age]\n2 [1][62]\n3 [2][45]\n");
}

TEST_CASE("empty input and a lone byte-order mark give no records") {
  CHECK(read_all("") == "");
  CHECK(read_all("\xEF\xBB\xBF") == "");
  CHECK(read_all("\n\r\n\n") == "");
}

TEST_CASE("empty fields are kept, including a quoted empty field on its own") {
  CHECK(read_all(",,\n") == "1 [][][]\n");
  CHECK(read_all("a,\n") == "1 [a][]\n");
  CHECK(read_all("\"\"\n") == "1 []\n");
  CHECK(read_all("a,\"\",b\n") == "1 [a][][b]\n");
  CHECK(read_all("a,") == "1 [a][]\n");
}

TEST_CASE("quoted fields hold commas and doubled quotes") {
  CHECK(read_all("\"a,b\",c\n") == "1 [a,b][c]\n");
  CHECK(read_all("\"say \"\"hi\"\"\",x\n") == "1 [say \"hi\"][x]\n");
  CHECK(read_all("\"\"\"\"\n") == "1 [\"]\n");
  CHECK(read_all("\"a\"\"\",\"\"\"b\"\n") == "1 [a\"][\"b]\n");
}

TEST_CASE("quoted line breaks are kept verbatim and later records keep their physical lines") {
  CHECK(read_all("h1,h2\n\"two\nlines\",x\n\"three\r\nmore\nlines\",y\nlast,z\n") ==
        "1 [h1][h2]\n2 [two\nlines][x]\n4 [three\r\nmore\nlines][y]\n7 [last][z]\n");
}

TEST_CASE("CRLF line ends are accepted and not part of the last field") {
  CHECK(read_all("a,b\r\nc,\"d\"\r\n\"e\r\n\"\r\n") == "1 [a][b]\n2 [c][d]\n3 [e\r\n]\n");
}

TEST_CASE("a carriage return not followed by a line feed ends a line, as in old Mac files") {
  CHECK(read_all("a\rb,c\r\n") == "1 [a]\n2 [b][c]\n");
  CHECK(read_all("a\r\r\n") == "1 [a]\n");
  CHECK(read_all("h1,h2\r1,\"x\"\r2,3\r") == "1 [h1][h2]\n2 [1][x]\n3 [2][3]\n");
  // A quoted lone CR is a line break too: the record after it starts on line 4, whatever the
  // block boundaries (a CR last in a block waits to see whether a LF follows).
  for (std::size_t block = 1; block <= 12; ++block) {
    CAPTURE(block);
    CHECK(read_all("h1,h2\r\"a\rb\",c\rd,e", block) == "1 [h1][h2]\n2 [a\rb][c]\n4 [d][e]\n");
    CHECK(read_all("h1,h2\r\"a\r\nb\r\",c\rd,e", block) == "1 [h1][h2]\n2 [a\r\nb\r][c]\n5 [d][e]\n");
  }
  for (std::size_t block = 1; block <= 8; ++block) {
    CAPTURE(block);
    CHECK(read_all("a,b\rc\"d\re,f\r\ng,h", block) ==
          "1 [a][b]\n2 ! unexpected '\"' in an unquoted field (quote the whole field and double its quotes)\n3 [e][f]\n"
          "4 [g][h]\n");
  }
}

TEST_CASE("the delimiter is detected once from the first line: comma, semicolon or tab") {
  CHECK(detect_delimiter("id,age;x\n") == ',');
  CHECK(detect_delimiter("id;age;x\n") == ';');
  CHECK(detect_delimiter("id\tage\tx\n") == '\t');
  CHECK(detect_delimiter("\"a;b;c\",d\n") == ',');
  CHECK(detect_delimiter("id\n1;2;3\n") == ',');
  CHECK(detect_delimiter("") == ',');
  std::istringstream in("a;b\n\"x;y\";2,5\n");
  CsvReader reader(in);
  reader.set_delimiter('\0');
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(reader.delimiter() == ';');
  REQUIRE(reader.next(record));
  CHECK(record.fields == std::vector<std::string_view>{"x;y", "2,5"});
  std::istringstream tabs("a\tb\n1\t2\n");
  CsvReader tab_reader(tabs, 1);
  tab_reader.set_delimiter('\0');
  REQUIRE(tab_reader.next(record));
  REQUIRE(tab_reader.next(record));
  CHECK(record.fields == std::vector<std::string_view>{"1", "2"});
  CHECK(tab_reader.delimiter() == '\t');
  // An empty line does not lose the delimiter.
  std::istringstream gaps("a;b\n\n\r\n1;2\n");
  CsvReader gap_reader(gaps);
  gap_reader.set_delimiter('\0');
  REQUIRE(gap_reader.next(record));
  REQUIRE(gap_reader.next(record));
  CHECK(record.fields == std::vector<std::string_view>{"1", "2"});
  CHECK(record.line == 4);
}

TEST_CASE("a record with a byte of 0x80 or above is marked for a UTF-8 check") {
  std::istringstream in("a,b\nZo\xc3\xab,1\nplain ascii text of some length,2\n\"quoted \xc3\xab\",1\n"
                        "a long unquoted field \xc3\xab\n");
  CsvReader reader(in);
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK_FALSE(record.non_ascii);
  REQUIRE(reader.next(record));
  CHECK(record.non_ascii);
  REQUIRE(reader.next(record));
  CHECK_FALSE(record.non_ascii);
  REQUIRE(reader.next(record));
  CHECK(record.non_ascii);
  REQUIRE(reader.next(record));
  CHECK(record.non_ascii);
}

TEST_CASE("a byte-order mark is ignored at the very start only") {
  CHECK(read_all("\xEF\xBB\xBFid,age\n1,2\n") == "1 [id][age]\n2 [1][2]\n");
  CHECK(read_all("id\n\xEF\xBB\xBFx\n") == "1 [id]\n2 [\xEF\xBB\xBFx]\n");
  CHECK(read_all("\xEF\xBB") == "1 [\xEF\xBB]\n");
}

TEST_CASE("empty lines and lines holding only a carriage return are skipped but counted") {
  CHECK(read_all("\na\n\n\r\n\rb\n\n") == "2 [a]\n6 [b]\n");
  CHECK(read_all("a\n\r\n\r\nb\r\n\r") == "1 [a]\n4 [b]\n");
  CHECK(read_all("a\n\r") == "1 [a]\n");
}

TEST_CASE("a last record without a line break is accepted") {
  CHECK(read_all("a,b\nc,d") == "1 [a][b]\n2 [c][d]\n");
  CHECK(read_all("a,\"b\"") == "1 [a][b]\n");
  CHECK(read_all("a,b\r") == "1 [a][b]\n");
  CHECK(read_all("a,\"b\"\r") == "1 [a][b]\n");
}

TEST_CASE("a quote in an unquoted field is an error and reading resumes on the next line") {
  CHECK(read_all("a,b\"c,d\nnext,row\n") ==
        "1 ! unexpected '\"' in an unquoted field (quote the whole field and double its quotes)\n"
        "2 [next][row]\n");
  CHECK(read_all(" \"a\",b\nc\n") ==
        "1 ! unexpected '\"' in an unquoted field (quote the whole field and double its quotes)\n"
        "2 [c]\n");
}

TEST_CASE("text after a closing quote is an error and reading resumes on the next line") {
  CHECK(read_all("\"ab\"c,d\ne\n") ==
        "1 ! expected ',' or a line break after a closing quote, got 'c'\n2 [e]\n");
  CHECK(read_all("\"ab\" ,d\ne\n") ==
        "1 ! expected ',' or a line break after a closing quote, got ' '\n2 [e]\n");
  CHECK(read_all("\"ab\"\rx\ne\n") == "1 [ab]\n2 [x]\n3 [e]\n");
  CHECK(read_all("\"ab\"\x01\ne\n") ==
        "1 ! expected ',' or a line break after a closing quote, got byte 0x01\n2 [e]\n");
}

TEST_CASE("an error on a later line of a multi-line record names that line") {
  CHECK(read_all("h\n\"a\nb\nc\"x,y\nz\n") ==
        "1 [h]\n"
        "2 ! expected ',' or a line break after a closing quote on line 4, got 'x'\n"
        "5 [z]\n");
  CHECK(read_all("\"a\nb\",c\"d\nz\n") ==
        "1 ! unexpected '\"' in an unquoted field on line 2 (quote the whole field and double "
        "its quotes)\n"
        "3 [z]\n");
}

TEST_CASE("a quote left open at the end of input is an error naming where it opened") {
  CHECK(read_all("a,b\nc,\"d\ne,f\n") ==
        "1 [a][b]\n"
        "2 ! expected a closing quote for the field opened on line 2, got end of input\n");
  CHECK(read_all("\"") ==
        "1 ! expected a closing quote for the field opened on line 1, got end of input\n");
}

TEST_CASE("the record object is reused: an error does not stick to the next record") {
  std::istringstream in("a\"\nb,c\n");
  CsvReader reader(in);
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK_FALSE(record.error.empty());
  REQUIRE(reader.next(record));
  CHECK(record.error.empty());
  CHECK(record.line == 2);
  REQUIRE(record.fields.size() == 2);
  CHECK(record.fields[1] == "c");
  CHECK_FALSE(reader.next(record));
  CHECK(record.fields.empty());
  CHECK_FALSE(reader.next(record));
}

TEST_CASE("records crossing the buffer's block boundary are read whole") {
  const std::string input = "id,name\n1,\"Smith, \"\"Jo\"\"\nline two\"\n22,plain\n";
  const std::string expected = "1 [id][name]\n2 [1][Smith, \"Jo\"\nline two]\n4 [22][plain]\n";
  CHECK(read_all(input, 3) == expected);
  CHECK(read_all(input, 7) == expected);
}

TEST_CASE("a record longer than the cap is an error and reading resumes after it") {
  CHECK(read_all("abcdefghij,klmnopqrst\nok\n", 4, 16) ==
        "1 ! record is longer than 16 bytes\n2 [ok]\n");
  // The cap counts the line break: 15 bytes and "\n" fit in 16.
  CHECK(read_all("abcdefghijklmno\nabcdefghijklmnop\nok", 4, 16) ==
        "1 [abcdefghijklmno]\n2 ! record is longer than 16 bytes\n3 [ok]\n");
  // Resynchronised at a line break outside quotes, so the rest of a long quoted field is not
  // mistaken for records.
  CHECK(read_all("x,\"long\nquoted\nfield, more than sixteen\"\nok\n", 4, 16) ==
        "1 ! record is longer than 16 bytes\n4 [ok]\n");
  // A CRLF split by a block boundary after the over-long part was dropped still ends it.
  for (std::size_t block : {1, 2, 3}) {
    CAPTURE(block);
    CHECK(read_all("abcdefghijklmnopqrstu\r\nok\n", block, 16) ==
          "1 ! record is longer than 16 bytes\n2 [ok]\n");
    CHECK(read_all("\"abcdefghijklmnopqrstu\"\r\nok\n", block, 16) ==
          "1 ! record is longer than 16 bytes\n2 [ok]\n");
  }
  CHECK(read_all("x,\"never closed and too long", 4, 16) ==
        "1 ! record is longer than 16 bytes\n");
}

TEST_CASE("a huge record with a small cap is skipped without holding it") {
  const std::string input = "a," + std::string(5'000'000, 'x') + "\nb\n";
  CHECK(read_all(input, 4096, 1024) == "1 ! record is longer than 1024 bytes\n2 [b]\n");
}

TEST_CASE("every block size from 1 to 64 gives the same records on a tricky input") {
  const std::string input =
      "\xEF\xBB\xBF"
      "id,note,age\r\n"
      "\r\n"
      "1,\"multi\r\nline, with \"\"quotes\"\"\",62\r\n"
      "\n"
      "2,bad\"quote,45\n"
      "3,\"closed\"junk,\n"
      "4,\"\",\r\n"
      "\r"
      "\n"
      "5,\"a\n\n\nb\",\"\"\"\"\n"
      "6,this record is much too long for the cap of forty bytes,1\n"
      "7,\"long quoted\nfield past the cap of forty bytes\",2\n"
      "8,a\rb,\"end\"\r\n"
      "9,\"unterminated\n,x\n";
  const std::string expected =
      "1 [id][note][age]\n"
      "3 [1][multi\r\nline, with \"quotes\"][62]\n"
      "6 ! unexpected '\"' in an unquoted field (quote the whole field and double its quotes)\n"
      "7 ! expected ',' or a line break after a closing quote, got 'j'\n"
      "8 [4][][]\n"
      "10 [5][a\n\n\nb][\"]\n"
      "14 ! record is longer than 40 bytes\n"
      "15 ! record is longer than 40 bytes\n"
      "17 [8][a]\n"
      "18 [b][end]\n"
      "19 ! expected a closing quote for the field opened on line 19, got end of input\n";
  CHECK(read_all(input, CsvReader::kDefaultBlockSize, 40) == expected);
  for (std::size_t block = 1; block <= 64; ++block) {
    CAPTURE(block);
    CHECK(read_all(input, block, 40) == expected);
  }
}

TEST_CASE("a read error ends reading and is reported apart from end of input") {
  FailingBuf buf("a,b\nc,d\ne,");
  std::istream in(&buf);
  CsvReader reader(in, 4);
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(record.fields.size() == 2);
  REQUIRE(reader.next(record));
  CHECK(record.line == 2);
  CHECK_FALSE(reader.next(record));  // "e," was cut short by the failure: it is dropped
  CHECK(reader.read_failed());
  CHECK_FALSE(reader.next(record));
}

TEST_CASE("end of input is not a read error") {
  std::istringstream in("a\n");
  CsvReader reader(in);
  CsvRecord record;
  CHECK(reader.next(record));
  CHECK_FALSE(reader.next(record));
  CHECK_FALSE(reader.read_failed());
}
