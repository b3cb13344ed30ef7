// gen_intake: writes a synthetic intake CSV of any size to stdout, for benchmarking
// `backtriage score`.
//
//   gen_intake ROWS [--seed N] [--invalid-every K]
//
// The header is `id` and the 21 question ids of the default rule set, in asking order. Answers
// use the spellings real intake files mix (yes/no/Y/n/TRUE/0/1, durations such as `5`,
// `3 weeks`, `2.5 wk`, `1 yr`), leave optional questions blank now and then, and quote a few
// fields. Every K-th data row (default 1000, 0 for none) carries one invalid value: `maybe`,
// `three weeks`, a blank required answer, an age of 150, a negative duration, or a missing field.
//
// The output is a pure function of ROWS, the seed and K: the generator uses its own PRNG
// (splitmix64) and integer arithmetic only, so every platform and standard library writes the
// same bytes.
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr const char* kQuestions[] = {
    "duration_days", "leg_pain",   "numbness",        "weakness",     "both_legs",      "weakness_worsening",
    "difficulty_walking", "prior_injury", "recurrent", "improving",   "age",            "saddle_numbness",
    "bladder_bowel", "major_trauma", "non_spinal_pain", "fever",      "infection_risk", "cancer_history",
    "weight_loss",   "osteoporosis_steroids", "night_pain"};
constexpr int kQuestionCount = sizeof kQuestions / sizeof kQuestions[0];

// Question indices, in the order above.
enum Q {
  duration_days, leg_pain, numbness, weakness, both_legs, weakness_worsening, difficulty_walking,
  prior_injury, recurrent, improving, age, saddle_numbness, bladder_bowel, major_trauma,
  non_spinal_pain, fever, infection_risk, cancer_history, weight_loss, osteoporosis_steroids, night_pain
};

constexpr bool kRequired[kQuestionCount] = {true,  false, true,  true,  false, false, true,
                                            true,  false, false, false, false, false, false,
                                            false, false, false, false, false, false, false};

// Per mille chance of a yes, per yes/no question: most patients have few red flags.
constexpr int kYesPerMille[kQuestionCount] = {0,   350, 250, 120, 60, 80, 150, 250, 400, 450, 0,
                                              8,   8,   10,  10,  40, 300, 40,  30,  40,  60};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for n far below 2^32.
  int below(int n) { return static_cast<int>((next() >> 32) % static_cast<std::uint64_t>(n)); }
  bool chance(int per_mille) { return below(1000) < per_mille; }

 private:
  std::uint64_t state_;
};

constexpr const char* kYes[] = {"yes", "Yes", "YES", "y", "Y", "true", "TRUE", "1", " yes "};
constexpr const char* kNo[] = {"no", "No", "NO", "n", "N", "false", "False", "0", "no "};

template <std::size_t N>
const char* pick(Rng& rng, const char* const (&words)[N]) {
  // The plain word (index 0) and the letter (index 3) come up most, as in hand-typed files.
  const int n = static_cast<int>(N);
  const int i = rng.below(n + 4);
  return words[i < n ? i : (i - n) % 2 * 3];
}

void append_int(std::string& out, long v) {
  char digits[24];
  int n = std::snprintf(digits, sizeof digits, "%ld", v);
  out.append(digits, static_cast<std::size_t>(n));
}

// A duration spelled as in intake files; acute, subacute and chronic episodes all occur.
void append_duration(Rng& rng, std::string& out) {
  switch (rng.below(10)) {
    case 0: case 1: case 2: append_int(out, 1 + rng.below(27)); break;  // plain days
    case 3: append_int(out, 1 + rng.below(20)); out += rng.chance(500) ? " days" : "d"; break;
    case 4: append_int(out, 1 + rng.below(12)); out += rng.chance(500) ? " weeks" : "w"; break;
    case 5: append_int(out, 1 + rng.below(9)); out += '.'; append_int(out, 5); out += " wk"; break;
    case 6: append_int(out, 1 + rng.below(11)); out += rng.chance(500) ? " months" : " mo"; break;
    case 7: append_int(out, 1 + rng.below(4)); out += rng.chance(500) ? " yr" : " years"; break;
    case 8: append_int(out, 1 + rng.below(3)); out += " Weeks"; break;
    default: append_int(out, 28 + rng.below(300)); break;
  }
}

// One answer cell, valid, possibly blank when the question is optional.
void append_answer(Rng& rng, int q, std::string& out) {
  if (!kRequired[q] && rng.chance(q >= saddle_numbness ? 60 : 120)) return;  // left blank
  if (q == duration_days) {
    append_duration(rng, out);
  } else if (q == age) {
    append_int(out, rng.chance(30) ? 10 + rng.below(6) : 16 + rng.below(75));
  } else {
    const bool yes = rng.chance(kYesPerMille[q]);
    const char* word = yes ? pick(rng, kYes) : pick(rng, kNo);
    if (rng.chance(5)) {  // a few quoted cells
      out += '"';
      out += word;
      out += '"';
    } else {
      out += word;
    }
  }
}

// One invalid answer of kind `kind` (0-4), for the column append_row chose for it.
void append_invalid(int kind, std::string& out) {
  switch (kind) {
    case 0: out += "maybe"; break;
    case 1: out += "three weeks"; break;
    case 2: break;  // a blank required answer
    case 3: out += "150"; break;
    case 4: out += "-3 days"; break;
  }
}

void append_id(Rng& rng, long row, std::string& out) {
  if (rng.chance(10)) {  // a quoted id holding a comma and a quote
    out += "\"P";
    append_int(out, row);
    out += ", \"\"ward 3\"\"\"";
    return;
  }
  out += 'P';
  char digits[24];
  std::snprintf(digits, sizeof digits, "%07ld", row);
  out += digits;
}

// Writes data row `row`; `invalid_kind` (0-5) spoils it, -1 leaves it valid.
void append_row(Rng& rng, long row, int invalid_kind, std::string& out) {
  append_id(rng, row, out);
  // Kind 5 drops the last field; the other kinds put a bad value in a fitting column.
  const int kind = invalid_kind;
  int bad_question = -1;
  if (kind == 0) bad_question = rng.chance(500) ? numbness : fever;
  if (kind == 1 || kind == 4) bad_question = duration_days;
  if (kind == 2) bad_question = rng.chance(500) ? weakness : prior_injury;
  if (kind == 3) bad_question = age;
  const int fields = kind == 5 ? kQuestionCount - 1 : kQuestionCount;
  for (int q = 0; q < fields; ++q) {
    out += ',';
    if (q == bad_question) append_invalid(kind, out);
    else append_answer(rng, q, out);
  }
  out += '\n';
}

[[noreturn]] void usage(const char* message) {
  std::fprintf(stderr, "gen_intake: %s\nusage: gen_intake ROWS [--seed N] [--invalid-every K]\n", message);
  std::exit(64);
}

long parse_count(const char* text, const char* what) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < 0) usage((std::string("bad ") + what).c_str());
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  long rows = -1;
  std::uint64_t seed = 1;
  long invalid_every = 1000;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--seed" && i + 1 < argc) seed = static_cast<std::uint64_t>(parse_count(argv[++i], "seed"));
    else if (arg == "--invalid-every" && i + 1 < argc) invalid_every = parse_count(argv[++i], "--invalid-every");
    else if (rows < 0 && !arg.empty() && arg[0] != '-') rows = parse_count(argv[i], "ROWS");
    else usage(("unexpected argument '" + std::string(arg) + "'").c_str());
  }
  if (rows < 0) usage("missing ROWS");

  Rng rng(seed);
  std::string out;
  out.reserve(1 << 20);
  out += "id";
  for (const char* q : kQuestions) {
    out += ',';
    out += q;
  }
  out += '\n';
  for (long row = 1; row <= rows; ++row) {
    const bool invalid = invalid_every > 0 && row % invalid_every == 0;
    append_row(rng, row, invalid ? static_cast<int>(row / invalid_every % 6) : -1, out);
    if (out.size() >= (1 << 20) - 512) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 74;
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) return 74;
  return 0;
}
