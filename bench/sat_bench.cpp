// Proofs of invariants by SAT (CaDiCaL) against the Prover (BuDDy), on one rule directory
// (bench/README.md, "Proofs by SAT"): every invariant is proved by both, the verdicts must
// agree and every SAT counterexample must break its invariant when evaluated, else exit 1.
//
//   sat_bench RULE_DIR [--runs N]
//
// Each engine runs in a process of its own (this program again, with the internal option
// `--engine NAME`), so that its peak RSS is its own; the figures are the medians of N runs
// (default 5). Loading the rule set is outside every time, inside every peak RSS (the
// baseline process loads it and stops).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "check/input_space.h"
#include "check/rule_check.h"
#include "check/search.h"
#include "rules/loader.h"
#include "rules/rule_files.h"
#include "sat_rules.h"

namespace backtriage {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What one engine reports from its child: up to four timed phases in ms, the CNF's size, a
// verdict per invariant ('h' holds, 'c' counterexample), and whether every counterexample
// broke its invariant when evaluated.
struct Figures {
  double phase[4] = {0, 0, 0, 0};
  long long variables = 0, clauses = 0;
  std::string verdicts;
  bool confirmed = true;
  std::vector<std::string> counterexamples;  // per broken invariant, minimised: its eval arguments
  double peak_mb = 0;  // from the parent's wait4
};

std::string encode(const Figures& f) {
  std::string text = fmt::format("{} {} {} {} {} {} v{} {}\n", f.phase[0], f.phase[1], f.phase[2], f.phase[3],
                                 f.variables, f.clauses, f.verdicts, f.confirmed ? 1 : 0);
  for (const std::string& c : f.counterexamples) text += c + "\n";
  return text;
}

bool decode(const std::string& text, Figures& f) {
  std::istringstream in(text);
  int confirmed = 0;
  if (!(in >> f.phase[0] >> f.phase[1] >> f.phase[2] >> f.phase[3] >> f.variables >> f.clauses >> f.verdicts >> confirmed))
    return false;
  f.verdicts.erase(0, 1);
  f.confirmed = confirmed == 1;
  in.ignore(1);
  for (std::string line; std::getline(in, line);) f.counterexamples.push_back(line);
  return true;
}

bool breaks(const RuleSet& rules, int invariant, const std::vector<AnswerValue>& intake) {
  Decision decision;
  return goal_holds(rules, {SearchGoal::Kind::breaks_invariant, invariant}, intake, decision);
}

// Phases: construction, proofs (counterexamples minimised, as `rules check` shows them), then
// (outside the total) the warnings of `rules check`.
Figures run_prover(const RuleSet& rules) {
  Figures f;
  auto start = Clock::now();
  Prover prover(rules);
  f.phase[0] = ms_since(start);
  std::vector<InvariantResult> results;
  start = Clock::now();
  for (size_t i = 0; i < rules.invariants.size(); ++i) results.push_back(prover.prove(static_cast<int>(i)));
  f.phase[1] = ms_since(start);
  start = Clock::now();
  prover.warnings();
  f.phase[3] = ms_since(start);
  for (const InvariantResult& r : results) {
    f.verdicts += r.holds ? 'h' : 'c';
    if (r.holds) continue;
    if (!breaks(rules, r.invariant, r.counterexample)) f.confirmed = false;
    f.counterexamples.push_back(eval_arguments(rules, r.counterexample));
  }
  return f;
}

enum class SatMode {
  lazy,   // one solver for all invariants, incremental; gates only for what they read
  eager,  // the same, but every rule and output level encoded first, as the Prover compiles them
  fresh,  // a new solver for each invariant, with only that invariant's gates
};

// Phases: input space, encoding, solving, then (outside the total) minimising the
// counterexamples with the Prover's own simplify_intake.
Figures run_sat(const RuleSet& rules, SatMode mode) {
  bool fresh = mode == SatMode::fresh;
  Figures f;
  auto start = Clock::now();
  InputSpace space = make_input_space(rules);
  f.phase[0] = ms_since(start);

  std::vector<std::vector<AnswerValue>> counterexamples(rules.invariants.size());
  std::unique_ptr<SatRules> sat;
  for (size_t i = 0; i < rules.invariants.size(); ++i) {
    start = Clock::now();
    if (!sat || fresh) {
      if (sat) {
        f.variables += sat->variables();
        f.clauses += sat->clauses();
      }
      sat = std::make_unique<SatRules>(rules, space);
      if (mode == SatMode::eager) sat->encode_all_rules();
    }
    int query = sat->broken(static_cast<int>(i));
    f.phase[1] += ms_since(start);
    start = Clock::now();
    bool found = sat->satisfiable(query, counterexamples[i]);
    f.phase[2] += ms_since(start);
    f.verdicts += found ? 'c' : 'h';
  }
  if (sat) {
    f.variables += sat->variables();
    f.clauses += sat->clauses();
  }
  for (size_t i = 0; i < counterexamples.size(); ++i)
    if (f.verdicts[i] == 'c' && !breaks(rules, static_cast<int>(i), counterexamples[i])) f.confirmed = false;
  start = Clock::now();
  for (size_t i = 0; i < counterexamples.size(); ++i)
    if (f.verdicts[i] == 'c') simplify_intake(rules, {SearchGoal::Kind::breaks_invariant, static_cast<int>(i)}, counterexamples[i]);
  f.phase[3] = ms_since(start);
  for (size_t i = 0; i < counterexamples.size(); ++i)
    if (f.verdicts[i] == 'c') f.counterexamples.push_back(eval_arguments(rules, counterexamples[i]));
  return f;
}

const char* const kEngines[] = {"baseline", "prover", "sat", "sat-eager", "sat-fresh"};
constexpr int kEngineCount = 5;

std::optional<RuleSet> load(const std::string& directory) {
  LoadResult loaded = load_rules(read_rule_directory(directory));
  if (!loaded.rules) std::fputs(format_diagnostics(loaded).c_str(), stderr);
  return std::move(loaded.rules);
}

// The child's side: loads the rule set (not timed) and prints the figures of `engine`.
int run_engine(const std::string& engine, const std::string& directory) {
  std::optional<RuleSet> rules = load(directory);
  if (!rules) return 65;
  Figures f;
  if (engine == "prover") f = run_prover(*rules);
  else if (engine == "sat") f = run_sat(*rules, SatMode::lazy);
  else if (engine == "sat-eager") f = run_sat(*rules, SatMode::eager);
  else if (engine == "sat-fresh") f = run_sat(*rules, SatMode::fresh);
  else if (engine != "baseline") return 64;
  std::fputs(encode(f).c_str(), stdout);
  return 0;
}

// Runs `engine` in a new process of this program (a fork alone would time the copying of
// the parent's pages on write, not the engine); its figures, with the process's peak RSS.
Figures in_child(const char* self, const char* engine, const std::string& directory) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(self, self, "--engine", engine, directory.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(fmt::format("the {} process failed", engine));
  Figures f;
  if (!decode(text, f)) throw std::runtime_error(fmt::format("unreadable figures from the {} process: {}", engine, text));
  f.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  return f;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];  // the lower middle of an even count
}

// The median over runs of one figure.
template <typename Get>
double median_of(const std::vector<Figures>& runs, Get get) {
  std::vector<double> values;
  for (const Figures& f : runs) values.push_back(get(f));
  return median(values);
}

int run(const char* self, const std::string& directory, int runs) {
  std::optional<RuleSet> loaded = load(directory);
  if (!loaded) return 65;
  const RuleSet& rules = *loaded;
  std::vector<Figures> figures[kEngineCount];
  for (int r = 0; r < runs; ++r)
    for (int e = 0; e < kEngineCount; ++e) figures[e].push_back(in_child(self, kEngines[e], directory));

  int disagreements = 0, unconfirmed = 0;
  const std::string& expected = figures[1][0].verdicts;
  for (int e = 1; e < kEngineCount; ++e)
    for (const Figures& f : figures[e]) {
      disagreements += f.verdicts != expected;
      unconfirmed += !f.confirmed;
    }
  long broken = std::count(expected.begin(), expected.end(), 'c');

  fmt::print("rule set {}: {} questions, {} rules, {} invariants ({} hold, {} broken)\n", directory,
             rules.questions.size(), rules.rules.size(), rules.invariants.size(), rules.invariants.size() - broken, broken);
  fmt::print("CaDiCaL {}; medians of {} runs, each engine in a process of its own (each figure's own median: the "
             "phases need not add up to the total)\n",
             CaDiCaL::Solver::version(), runs);
  auto phase = [&](int e, int p) { return median_of(figures[e], [p](const Figures& f) { return f.phase[p]; }); };
  auto total = [&](int e, int phases) {
    return median_of(figures[e], [phases](const Figures& f) {
      double sum = 0;
      for (int p = 0; p < phases; ++p) sum += f.phase[p];
      return sum;
    });
  };
  auto peak = [&](int e) { return median_of(figures[e], [](const Figures& f) { return f.peak_mb; }); };
  fmt::print("  {:<28} {:8.2f} ms = construction {:.2f} + proofs {:.2f} (counterexamples minimised); peak RSS "
             "{:.1f} MB; not in the total: the warnings of rules check {:.2f} ms\n",
             "Prover (BuDDy)", total(1, 2), phase(1, 0), phase(1, 1), peak(1), phase(1, 3));
  const char* sat_names[] = {"SAT, one solver, lazy", "SAT, one solver, eager", "SAT, a solver per invariant"};
  for (int e = 2; e < kEngineCount; ++e)
    fmt::print("  {:<28} {:8.2f} ms = input space {:.2f} + encoding {:.2f} + solving {:.2f}; peak RSS {:.1f} MB; "
               "{} variables, {} clauses; not in the total: minimising the counterexamples {:.2f} ms\n",
               sat_names[e - 2], total(e, 3), phase(e, 0), phase(e, 1), phase(e, 2), peak(e), figures[e][0].variables,
               figures[e][0].clauses, phase(e, 3));
  if (broken > 0)
    for (int e = 2; e < kEngineCount; ++e) {
      size_t same = 0;
      for (size_t i = 0; i < figures[e][0].counterexamples.size(); ++i)
        same += i < figures[1][0].counterexamples.size() && figures[e][0].counterexamples[i] == figures[1][0].counterexamples[i];
      fmt::print("  {}: {} of {} counterexamples, once minimised, the same as the Prover's\n", sat_names[e - 2], same, broken);
    }
  for (size_t i = 0; i < figures[1][0].counterexamples.size() && i < 3; ++i)
    fmt::print("    Prover: {}\n    SAT:    {}\n", figures[1][0].counterexamples[i],
               i < figures[2][0].counterexamples.size() ? figures[2][0].counterexamples[i] : "");
  fmt::print("  baseline (a process that loads the rule set and stops): peak RSS {:.1f} MB\n", peak(0));
  if (disagreements + unconfirmed > 0) {
    fmt::print("  FAILED: {} runs disagree with the Prover's verdicts, {} runs have a counterexample that does not "
               "break its invariant (verdicts by invariant, c: counterexample, h: holds; Prover {})\n",
               disagreements, unconfirmed, expected);
    for (int e = 2; e < kEngineCount; ++e) fmt::print("  {}: {}\n", kEngines[e], figures[e][0].verdicts);
    return 1;
  }
  fmt::print("  verdicts: SAT and Prover agree on every invariant in every run; every counterexample breaks its "
             "invariant when evaluated\n");
  return 0;
}

}  // namespace
}  // namespace backtriage

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--engine") try {
      return backtriage::run_engine(argv[2], argv[3]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sat_bench: %s\n", e.what());
      return 70;
    }
  std::string directory;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (arg.rfind("-", 0) == 0 || !directory.empty()) {
      directory.clear();
      break;
    } else {
      directory = arg;
    }
  }
  if (directory.empty() || runs < 1) {
    std::fputs("usage: sat_bench RULE_DIR [--runs N]\n", stderr);
    return 64;
  }
  try {
    return backtriage::run("/proc/self/exe", directory, runs);
  } catch (const backtriage::Error& e) {
    std::fprintf(stderr, "sat_bench: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sat_bench: %s\n", e.what());
    return 70;
  }
}
