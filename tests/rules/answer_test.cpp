#include "rules/answer.h"

#include <doctest/doctest.h>

#include <string>

using namespace backtriage;

namespace {

// The value of a parse that must succeed; fails the test with the message otherwise.
AnswerValue ok_value(const ParsedAnswer& r) {
  CHECK_MESSAGE(r.ok(), r.error);
  return r.value;
}

}  // namespace

TEST_CASE("yes and no are read in all their spellings and any case") {
  for (const char* yes : {"yes", "YES", "Yes", "y", "Y", "true", "TRUE", "True", "1"}) {
    CAPTURE(yes);
    CHECK(ok_value(parse_yes_no(yes)) == 1);
  }
  for (const char* no : {"no", "NO", "No", "n", "N", "false", "FALSE", "False", "0"}) {
    CAPTURE(no);
    CHECK(ok_value(parse_yes_no(no)) == 0);
  }
}

TEST_CASE("surrounding spaces and tabs are ignored") {
  CHECK(ok_value(parse_yes_no("  yes\t")) == 1);
  CHECK(ok_value(parse_duration(" \t3 weeks  ")) == 21);
  CHECK(ok_value(parse_whole_number("\t 62 ", 0, 120)) == 62);
}

TEST_CASE("a blank answer is unknown, not an error, for every type") {
  for (const char* blank : {"", " ", "\t", " \t "}) {
    CAPTURE(blank);
    CHECK(ok_value(parse_yes_no(blank)) == kUnknown);
    CHECK(ok_value(parse_duration(blank)) == kUnknown);
    CHECK(ok_value(parse_whole_number(blank, 0, 120)) == kUnknown);
  }
}

TEST_CASE("a yes/no answer that is neither is an error quoting the value") {
  CHECK(parse_yes_no("maybe").error == "expected yes or no (y, n, true, false, 1, 0), got 'maybe'");
  CHECK(parse_yes_no(" ja ").error == "expected yes or no (y, n, true, false, 1, 0), got 'ja'");
  CHECK(parse_yes_no("yess").error == "expected yes or no (y, n, true, false, 1, 0), got 'yess'");
  CHECK(parse_yes_no("2").error == "expected yes or no (y, n, true, false, 1, 0), got '2'");
  CHECK(parse_yes_no("yes").error.empty());
  const ParsedAnswer bad = parse_yes_no("01");
  CHECK_FALSE(bad.ok());
  CHECK(bad.value == kUnknown);
}

TEST_CASE("a duration is a whole number of days or a number with a unit") {
  CHECK(ok_value(parse_duration("10")) == 10);
  CHECK(ok_value(parse_duration("0")) == 0);
  CHECK(ok_value(parse_duration("007")) == 7);
  CHECK(ok_value(parse_duration("3 weeks")) == 21);
  CHECK(ok_value(parse_duration("3weeks")) == 21);
  CHECK(ok_value(parse_duration("3 \t WEEKS")) == 21);
  CHECK(ok_value(parse_duration("4 d")) == 4);
  CHECK(ok_value(parse_duration("1 day")) == 1);
  CHECK(ok_value(parse_duration("5 Days")) == 5);
  CHECK(ok_value(parse_duration("2 w")) == 14);
  CHECK(ok_value(parse_duration("2 wk")) == 14);
  CHECK(ok_value(parse_duration("2 wks")) == 14);
  CHECK(ok_value(parse_duration("1 week")) == 7);
  CHECK(ok_value(parse_duration("2 mo")) == 60);
  CHECK(ok_value(parse_duration("2 mos")) == 60);
  CHECK(ok_value(parse_duration("1 month")) == 30);
  CHECK(ok_value(parse_duration("6 Months")) == 180);
  CHECK(ok_value(parse_duration("1 y")) == 365);
  CHECK(ok_value(parse_duration("1 yr")) == 365);
  CHECK(ok_value(parse_duration("2 yrs")) == 730);
  CHECK(ok_value(parse_duration("1 year")) == 365);
  CHECK(ok_value(parse_duration("100 years")) == 36500);
}

TEST_CASE("a decimal duration is rounded down to whole days") {
  CHECK(ok_value(parse_duration("2.5 weeks")) == 17);
  CHECK(ok_value(parse_duration("2.5 wk")) == 17);
  CHECK(ok_value(parse_duration("0.5 months")) == 15);
  CHECK(ok_value(parse_duration("1.5 days")) == 1);
  CHECK(ok_value(parse_duration("0.99 d")) == 0);
  CHECK(ok_value(parse_duration("1.0 year")) == 365);
  CHECK(ok_value(parse_duration("0.1 y")) == 36);
}

TEST_CASE("rounding down is exact even for long decimals") {
  // 1/7 week is exactly one day; a value a hair above it must give 1, a hair below 0.
  CHECK(ok_value(parse_duration("0.142857142857142857142858 weeks")) == 1);
  CHECK(ok_value(parse_duration("0.142857142857142857142857 weeks")) == 0);
  CHECK(ok_value(parse_duration("0.99999999999999999999999999 years")) == 364);
}

TEST_CASE("a duration with an unknown unit or no number is an error") {
  const std::string expected =
      "expected a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), got ";
  CHECK(parse_duration("3 fortnights").error == expected + "'3 fortnights'");
  CHECK(parse_duration("weeks").error == expected + "'weeks'");
  CHECK(parse_duration("three weeks").error == expected + "'three weeks'");
  CHECK(parse_duration("3 weeks ago").error == expected + "'3 weeks ago'");
  CHECK(parse_duration("3 weeks.").error == expected + "'3 weeks.'");
  CHECK(parse_duration("2. weeks").error == expected + "'2. weeks'");
  CHECK(parse_duration(".5 weeks").error == expected + "'.5 weeks'");
  CHECK(parse_duration("2,5 weeks").error == expected + "'2,5 weeks'");
  CHECK(parse_duration("+3").error == expected + "'+3'");
  CHECK(parse_duration("-").error == expected + "'-'");
  CHECK(parse_duration("1e3").error == expected + "'1e3'");
  CHECK(parse_duration("3 5").error == expected + "'3 5'");
}

TEST_CASE("a decimal without a unit is an error") {
  CHECK(parse_duration("2.5").error == "a decimal needs a unit (e.g. 2.5 weeks), got '2.5'");
  CHECK(parse_duration("10.0").error == "a decimal needs a unit (e.g. 2.5 weeks), got '10.0'");
}

TEST_CASE("a negative duration is an error, and minus zero is zero") {
  CHECK(parse_duration("-3").error == "a duration cannot be negative, got '-3'");
  CHECK(parse_duration("-2 weeks").error == "a duration cannot be negative, got '-2 weeks'");
  CHECK(parse_duration("-0.1 d").error == "a duration cannot be negative, got '-0.1 d'");
  CHECK(ok_value(parse_duration("-0")) == 0);
  CHECK(ok_value(parse_duration("-0.0 weeks")) == 0);
}

TEST_CASE("a duration over 36500 days is an error, without overflow for huge numbers") {
  CHECK(parse_duration("36501").error == "a duration must be at most 36500 days, got '36501'");
  CHECK(parse_duration("200 years").error ==
        "a duration must be at most 36500 days, got '200 years'");
  CHECK(parse_duration("100.01 years").error ==
        "a duration must be at most 36500 days, got '100.01 years'");
  CHECK(parse_duration("4294967297").error ==
        "a duration must be at most 36500 days, got '4294967297'");
  const std::string huge(400, '9');
  // The value in the message is cut at 40 characters.
  CHECK(parse_duration(huge).error == "a duration must be at most 36500 days, got '" + huge.substr(0, 40) + "...'");
  CHECK(parse_duration(huge + " years").error ==
        "a duration must be at most 36500 days, got '" + huge.substr(0, 40) + "...'");
  CHECK(ok_value(parse_duration("36500")) == 36500);
  CHECK(ok_value(parse_duration("0000000000000000000000000000010 days")) == 10);
}

TEST_CASE("a number must be whole and within its range") {
  CHECK(ok_value(parse_whole_number("62", 0, 120)) == 62);
  CHECK(ok_value(parse_whole_number("0", 0, 120)) == 0);
  CHECK(ok_value(parse_whole_number("120", 0, 120)) == 120);
  CHECK(ok_value(parse_whole_number("-5", -10, 10)) == -5);
  CHECK(parse_whole_number("130", 0, 120).error ==
        "expected a whole number from 0 to 120, got '130'");
  CHECK(parse_whole_number("-1", 0, 120).error ==
        "expected a whole number from 0 to 120, got '-1'");
  CHECK(parse_whole_number("62.5", 0, 120).error ==
        "expected a whole number from 0 to 120, got '62.5'");
  CHECK(parse_whole_number("sixty", 0, 120).error ==
        "expected a whole number from 0 to 120, got 'sixty'");
  CHECK(parse_whole_number("+62", 0, 120).error ==
        "expected a whole number from 0 to 120, got '+62'");
  CHECK(parse_whole_number("6 2", 0, 120).error ==
        "expected a whole number from 0 to 120, got '6 2'");
  CHECK(parse_whole_number("99999999999999999999999", 0, 120).error ==
        "expected a whole number from 0 to 120, got '99999999999999999999999'");
}

TEST_CASE("parse_answer dispatches on the answer type") {
  CHECK(ok_value(parse_answer(AnswerType::yes_no, 0, 0, "y")) == 1);
  CHECK(ok_value(parse_answer(AnswerType::duration, 0, 0, "2 weeks")) == 14);
  CHECK(ok_value(parse_answer(AnswerType::number, 0, 120, "45")) == 45);
  CHECK(parse_answer(AnswerType::number, 18, 65, "70").error ==
        "expected a whole number from 18 to 65, got '70'");
}

TEST_CASE("units are matched whole and in any case") {
  CHECK(days_per_unit("d") == 1);
  CHECK(days_per_unit("DAYS") == 1);
  CHECK(days_per_unit("W") == 7);
  CHECK(days_per_unit("Wks") == 7);
  CHECK(days_per_unit("mo") == 30);
  CHECK(days_per_unit("MONTHS") == 30);
  CHECK(days_per_unit("yr") == 365);
  CHECK(days_per_unit("Years") == 365);
  CHECK(days_per_unit("m") == std::nullopt);
  CHECK(days_per_unit("") == std::nullopt);
  CHECK(days_per_unit("weekss") == std::nullopt);
  CHECK(days_per_unit(" week") == std::nullopt);
  CHECK(days_per_unit("fortnight") == std::nullopt);
}

TEST_CASE("the accepted forms are described for each type") {
  CHECK(describe_accepted(AnswerType::yes_no, 0, 0) ==
        "yes or no (y, n, true, false, 1, 0), or blank if unknown");
  CHECK(describe_accepted(AnswerType::duration, 0, 0) ==
        "a number of days or a number with a unit (e.g. 10, 3 weeks, 2 months), "
        "or blank if unknown");
  CHECK(describe_accepted(AnswerType::number, 0, 120) ==
        "a whole number from 0 to 120, or blank if unknown");
}

TEST_CASE("answers format to canonical text that parses back to the same value") {
  CHECK(format_answer(AnswerType::yes_no, 1) == "yes");
  CHECK(format_answer(AnswerType::yes_no, 0) == "no");
  CHECK(format_answer(AnswerType::yes_no, kUnknown) == "");
  CHECK(format_answer(AnswerType::duration, 17) == "17");
  CHECK(format_answer(AnswerType::duration, kUnknown) == "");
  CHECK(format_answer(AnswerType::number, 62) == "62");
  CHECK(format_answer(AnswerType::number, -4) == "-4");
  CHECK(format_answer(AnswerType::number, kUnknown) == "");

  for (AnswerValue v : {0, 1}) CHECK(parse_yes_no(format_answer(AnswerType::yes_no, v)).value == v);
  for (AnswerValue v : {0, 17, 36500}) {
    CHECK(parse_duration(format_answer(AnswerType::duration, v)).value == v);
  }
  CHECK(parse_duration(format_answer(AnswerType::duration, kUnknown)).value == kUnknown);
  CHECK(parse_whole_number(format_answer(AnswerType::number, 62), 0, 120).value == 62);
}
