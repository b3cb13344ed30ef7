#include "rules/ruleset_codec.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "base/digest.h"
#include "check/rule_tests.h"
#include "output/decision_json.h"
#include "output/listing.h"
#include "test_support.h"

using namespace backtriage;

namespace {

// The encoding's header: "backtriage-rules", the format (4 bytes), the payload's SHA-256.
constexpr size_t kPayloadStart = 16 + 4 + 64;

// `bytes` with its checksum made right again, as a damaged file could (rarely) have it.
std::string with_checksum(std::string bytes) {
  bytes.replace(20, 64, sha256_hex(std::string_view(bytes).substr(kPayloadStart)));
  return bytes;
}

}  // namespace

TEST_CASE("a decoded rule set triages, explains and lists exactly as the one encoded") {
  const RuleSet& original = builtin();
  std::string bytes = encode_rule_set(original);
  std::optional<RuleSet> decoded = decode_rule_set(bytes);
  REQUIRE(decoded);
  CHECK(encode_rule_set(*decoded) == bytes);
  CHECK(decoded->tests.empty());
  CHECK(decoded->sources.empty());
  CHECK(decoded->hash == original.hash);

  // With the stored cases put back, it lists the same, and every case passes with the same report.
  decoded->tests = original.tests;
  CHECK(listing_json(*decoded) == listing_json(original));
  TestRun run = run_rule_tests(*decoded);
  CHECK_MESSAGE(run.failed == 0, format_test_run(*decoded, run));
  CHECK(run.passed == static_cast<int>(original.tests.size()));
  for (const TestCase& test : original.tests) {
    std::vector<AnswerValue> answers(original.questions.size(), kUnknown);
    for (const auto& [question, text] : test.answers)
      read_answer(original.questions[question].type, original.questions[question].min,
                  original.questions[question].max, text, answers[question]);
    CHECK_MESSAGE(decision_json(*decoded, decide(*decoded, answers)) == decision_json(original, decide(original, answers)),
                  test.name);
  }
}

TEST_CASE("the encoding is pinned: a change of layout must change the format number") {
  // When this fails after a change to rules/ruleset_codec.cpp or to RuleSet, increase kFormat
  // there (so that caches written by the old layout are not misread) and update the digest.
  std::vector<RuleSource> sources = read_rule_directory(std::string(BACKTRIAGE_TEST_DATA) + "/rulesets/mini");
  for (RuleSource& source : sources) source.path = "mini" + source.path.substr(source.path.rfind('/'));
  CHECK(sha256_hex(encode_rule_set(load_or_fail(sources))) ==
        "d2a106f38ef7acd0505d588c0b6c87e7b30bd9051c35e3cc76096cde04e796ec");
}

TEST_CASE("damaged, truncated or foreign bytes decode to nothing") {
  std::string bytes = encode_rule_set(builtin());
  CHECK_FALSE(decode_rule_set(""));
  CHECK_FALSE(decode_rule_set("not a rule set"));
  for (size_t length = 0; length < bytes.size(); length += 997)
    CHECK_FALSE(decode_rule_set(std::string_view(bytes).substr(0, length)));
  for (size_t at = 0; at < bytes.size(); at += 1009) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    CHECK_FALSE(decode_rule_set(damaged));
  }
  std::string other_format = bytes;
  other_format[16] = static_cast<char>(other_format[16] + 1);
  CHECK_FALSE(decode_rule_set(with_checksum(other_format)));
}

TEST_CASE("damage behind a valid checksum never yields a rule set that reads out of bounds") {
  const RuleSet& original = builtin();
  std::string bytes = encode_rule_set(original);
  std::mt19937 random(12345);
  std::uniform_int_distribution<size_t> position(kPayloadStart, bytes.size() - 1);
  std::uniform_int_distribution<int> value(0, 255);
  int decoded = 0;
  for (int trial = 0; trial < 500; ++trial) {
    std::string damaged = bytes;
    for (int n = 0; n < 1 + trial % 3; ++n) damaged[position(random)] = static_cast<char>(value(random));
    std::optional<RuleSet> set = decode_rule_set(with_checksum(damaged));
    if (!set) continue;
    ++decoded;
    // What decodes must evaluate without reading out of bounds (the sanitizer build checks).
    std::vector<AnswerValue> answers(set->questions.size(), kUnknown);
    for (size_t q = 0; q < answers.size(); ++q) answers[q] = set->questions[q].type == AnswerType::yes_no ? 1 : 30;
    Decision d = decide(*set, answers);
    CHECK(d.outcome[0] < set->scales[0].values.size());
    decision_json(*set, d);
  }
  MESSAGE(decoded << " of 500 damaged encodings still decoded (texts and numbers changed)");
}
