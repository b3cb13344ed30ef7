#include "base/spell.h"

#include <doctest/doctest.h>

using namespace backtriage;

TEST_CASE("did you mean: the closest name within a third of the word's length") {
  const std::vector<std::string> commands = {"ask", "eval", "score", "rules", "list", "check", "test", "diff"};
  CHECK(closest_match("scor", commands) == "score");
  CHECK(closest_match("SCORE", commands) == "score");  // case does not count
  CHECK(closest_match("evla", commands) == "eval");    // two letters swapped: one edit
  CHECK(closest_match("lsit", commands) == "list");
  CHECK(closest_match("chekc", commands) == "check");
  CHECK(closest_match("xyz", commands).empty());
  CHECK(closest_match("", commands).empty());
  CHECK(did_you_mean("tset", commands) == " (did you mean 'test'?)");
  CHECK(did_you_mean("zzzz", commands).empty());

  const std::vector<std::string> questions = {"saddle_numbness", "numbness", "weakness", "both_legs"};
  CHECK(closest_match("saddle_numbnes", questions) == "saddle_numbness");
  CHECK(closest_match("saddle_nubmness", questions) == "saddle_numbness");
  CHECK(closest_match("bothlegs", questions) == "both_legs");
  CHECK(closest_match("weekness", questions) == "weakness");
  // Too far to be a typo: more edits than a third of the word.
  CHECK(closest_match("numb", questions).empty());
}
