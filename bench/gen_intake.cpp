// gen_intake: writes a synthetic intake CSV of any size to stdout, for benchmarking
// `backtriage score`.
//
//   gen_intake ROWS [--seed N] [--invalid-every K]
//
// The header is `id` and the 34 question ids of the default rule set (version 2027.1), in
// asking order. Answers use the spellings real intake files mix (yes/no/Y/n/TRUE/0/1,
// durations such as `5`, `3 weeks`, `2.5 wk`, `1 yr`); every row has an age. A question that
// is not asked of the patient (its asked_if is false: the two-leg question without leg
// symptoms, the pregnancy questions outside 12 to 50, the spondyloarthritis questions unless
// under 45 with pain for more than 3 months, ...) is mostly left blank, as a kiosk export
// leaves it; applicable optional questions are left blank now and then, warning signs rarely.
// Yes rates follow a primary-care population: most rows have no warning sign, about one in ten
// is an emergency. A few fields are quoted. Every K-th data row (default 1000, 0 for none)
// carries one invalid value: `maybe`, `three weeks`, a blank required answer, an age of 150, a
// negative duration, or a missing field.
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
    "duration_days",  "leg_pain",          "numbness",         "weakness",           "both_legs",
    "weakness_worsening", "difficulty_walking", "prior_injury", "recurrent",          "improving",
    "age",            "saddle_numbness",   "bladder_bowel",    "sexual_dysfunction", "fall_or_injury",
    "major_trauma",   "non_spinal_pain",   "known_aneurysm",   "sudden_severe",      "pregnant",
    "pregnancy_warning", "fever",          "infection_risk",   "cancer_history",     "weight_loss",
    "osteoporosis_steroids", "deformity",  "night_pain",       "thoracic_pain",      "loin_pain",
    "spa_night_waking", "spa_better_moving", "spa_nsaid_response", "spa_linked_condition"};
constexpr int kQuestionCount = sizeof kQuestions / sizeof kQuestions[0];
static_assert(kQuestionCount == 34, "the default rule set asks 34 questions");

// Question indices, in the order above.
enum Q {
  duration_days, leg_pain, numbness, weakness, both_legs, weakness_worsening, difficulty_walking,
  prior_injury, recurrent, improving, age, saddle_numbness, bladder_bowel, sexual_dysfunction,
  fall_or_injury, major_trauma, non_spinal_pain, known_aneurysm, sudden_severe, pregnant,
  pregnancy_warning, fever, infection_risk, cancer_history, weight_loss, osteoporosis_steroids,
  deformity, night_pain, thoracic_pain, loin_pain, spa_night_waking, spa_better_moving,
  spa_nsaid_response, spa_linked_condition
};

constexpr bool kRequired[kQuestionCount] = {
    true,  false, true,  true,  false, false, true,  true,  false, false,  // .. improving
    true,  false, false, false, false, false, false, false, false, false,  // age .. pregnant
    false, false, false, false, false, false, false, false, false, false,  // .. loin_pain
    false, false, false, false};

// Warning signs (red_flag in rules/10-questions.yaml): blank far less often than other answers.
constexpr bool kRedFlag[kQuestionCount] = {
    false, false, false, false, true,  true,  false, false, false, false,  // .. improving
    false, true,  true,  true,  false, true,  true,  true,  true,  false,  // age .. pregnant
    true,  true,  true,  true,  true,  true,  true,  true,  true,  true,   // .. loin_pain
    false, false, false, false};

// Per mille chance of a yes where the question is asked: most patients have no warning sign;
// emergency signs are rare.
constexpr int kYesPerMille[kQuestionCount] = {
    0,   350, 250, 100, 60,  80,  150, 250, 400, 450,  // duration .. improving
    0,   5,   5,   5,   80,  50,  8,   15,  20,  60,   // age .. pregnant
    30,  20,  40,  40,  25,  40,  30,  60,  50,  15,   // pregnancy_warning .. loin_pain
    150, 200, 150, 80};

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
// Returns its length in days (as backtriage counts: a month is 30 days, a year 365).
long append_duration(Rng& rng, std::string& out) {
  long n = 0;
  switch (rng.below(10)) {
    case 0: case 1: case 2: n = 1 + rng.below(27); append_int(out, n); return n;  // plain days
    case 3: n = 1 + rng.below(20); append_int(out, n); out += rng.chance(500) ? " days" : "d"; return n;
    case 4: n = 1 + rng.below(12); append_int(out, n); out += rng.chance(500) ? " weeks" : "w"; return n * 7;
    case 5: n = 1 + rng.below(9); append_int(out, n); out += ".5 wk"; return n * 7 + 3;
    case 6: n = 1 + rng.below(11); append_int(out, n); out += rng.chance(500) ? " months" : " mo"; return n * 30;
    case 7: n = 1 + rng.below(4); append_int(out, n); out += rng.chance(500) ? " yr" : " years"; return n * 365;
    case 8: n = 1 + rng.below(3); append_int(out, n); out += " Weeks"; return n * 7;
    default: n = 28 + rng.below(300); append_int(out, n); return n;
  }
}

// The answers given so far in a row: what the asked_if conditions read.
struct RowState {
  long days = 0;
  long age = 40;
  signed char answer[kQuestionCount] = {};  // 1 yes, 0 no, -1 blank
  bool yes(int q) const { return answer[q] == 1; }
  bool no(int q) const { return answer[q] == 0; }
};

// Whether question q is asked of this patient: the asked_if conditions of rules/10-questions.yaml.
bool asked(int q, const RowState& row) {
  switch (q) {
    case both_legs: return row.yes(leg_pain) || row.yes(numbness) || row.yes(weakness);
    case weakness_worsening: return row.yes(weakness);
    case major_trauma: return !row.no(fall_or_injury);
    case known_aneurysm: return row.age >= 60;
    case sudden_severe: return row.age >= 60 && row.days < 28;
    case pregnant: return row.age >= 12 && row.age <= 50;
    case pregnancy_warning: return !row.no(pregnant) && row.age >= 12 && row.age <= 50;
    case deformity: return row.age >= 50;
    case spa_night_waking: case spa_better_moving: case spa_nsaid_response: case spa_linked_condition:
      return row.age < 45 && row.days > 90;
    default: return true;
  }
}

void append_yes_no(Rng& rng, bool yes, std::string& out) {
  const char* word = yes ? pick(rng, kYes) : pick(rng, kNo);
  if (rng.chance(5)) {  // a few quoted cells
    out += '"';
    out += word;
    out += '"';
  } else {
    out += word;
  }
}

// One answer cell, valid: blank when the question is not asked (mostly) or, now and then, when
// it is optional. Records the answer in `row`.
void append_answer(Rng& rng, int q, RowState& row, std::string& out) {
  row.answer[q] = -1;
  if (q == duration_days) {
    row.days = append_duration(rng, out);
    return;
  }
  if (q == age) {
    row.age = rng.chance(30) ? 10 + rng.below(6) : 16 + rng.below(75);
    append_int(out, row.age);
    return;
  }
  if (!asked(q, row)) {
    if (rng.chance(850)) return;  // skipped, as the questionnaire skips it
    append_yes_no(rng, false, out);  // or answered no anyway
    row.answer[q] = 0;
    return;
  }
  if (!kRequired[q] && rng.chance(kRedFlag[q] ? 4 : q == improving ? 80 : 40)) return;  // left blank
  const bool yes = rng.chance(kYesPerMille[q]);
  append_yes_no(rng, yes, out);
  row.answer[q] = yes ? 1 : 0;
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

// Writes data row `row_number`; `invalid_kind` (0-5) spoils it, -1 leaves it valid.
void append_row(Rng& rng, long row_number, int invalid_kind, std::string& out) {
  append_id(rng, row_number, out);
  // Kind 5 drops the last field; the other kinds put a bad value in a fitting column.
  const int kind = invalid_kind;
  int bad_question = -1;
  if (kind == 0) bad_question = rng.chance(500) ? numbness : fever;
  if (kind == 1 || kind == 4) bad_question = duration_days;
  if (kind == 2) bad_question = rng.chance(500) ? weakness : prior_injury;
  if (kind == 3) bad_question = age;
  const int fields = kind == 5 ? kQuestionCount - 1 : kQuestionCount;
  RowState row;
  row.days = 21;  // what the later questions read when the duration itself is invalid
  for (int q = 0; q < fields; ++q) {
    out += ',';
    if (q == bad_question) {
      append_invalid(kind, out);
      row.answer[q] = -1;
    } else {
      append_answer(rng, q, row, out);
    }
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
