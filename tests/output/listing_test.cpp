// rules list: the tables and the JSON listing.
#include <doctest/doctest.h>

#include <string>

#include "output/listing.h"
#include "rules/loader.h"

#include "test_support.h"

using namespace backtriage;

TEST_CASE("the questions table lists order, id, type, required, asked if and red flag") {
  std::string text = format_listing(test_rule_set("mini"));
  CHECK(text.find("Questions\n"
                  "  #  id             type          required  asked if  red flag\n"
                  "  1  duration_days  duration      yes       -         no\n"
                  "  2  numbness       yes/no        yes       -         no\n"
                  "  3  both_legs      yes/no        no        numbness  emergency\n"
                  "  4  fever          yes/no        no        -         yes\n"
                  "  5  age            number 0-120  no        -         no\n") != std::string::npos);
}

TEST_CASE("the rules table shows each rule's outcome and condition, then its title, source and place") {
  std::string text = format_listing(test_rule_set("mini"));
  CHECK(text.find("  id  duration_class  category   recommendation  urgency    when\n"
                  "  D1  acute           -          -               -          duration_days < 28\n"
                  "      Acute: test (") != std::string::npos);
  CHECK(text.find("  E1  -               -          see-specialist  emergency  both_legs\n") != std::string::npos);
  CHECK(text.find("5 questions, 10 rules, 3 invariants, 3 test cases\n") != std::string::npos);
}

TEST_CASE("collapse_blanks joins folded lines") {
  CHECK(collapse_blanks("  a\n  b\tc  ") == "a b c");
  CHECK(collapse_blanks("") == "");
}

TEST_CASE("the JSON listing carries questions, rules and invariants") {
  auto json = listing_json(test_rule_set("mini"));
  CHECK(json["ruleset"]["name"] == "mini");
  CHECK(json["questions"].size() == 5);
  CHECK(json["questions"][2]["asked_if"] == "numbness");
  CHECK(json["questions"][0]["asked_if"].is_null());
  CHECK(json["questions"][4]["min"] == 0);
  CHECK(json["questions"][4]["max"] == 120);
  CHECK_FALSE(json["questions"][1].contains("min"));
  CHECK(json["rules"][5]["id"] == "E1");
  CHECK(json["rules"][5]["outcome"]["urgency"] == "emergency");
  CHECK_FALSE(json["rules"][5]["outcome"].contains("category"));
  CHECK(json["invariants"].size() == 3);
  CHECK(json["tests"] == 3);
}
