#pragma once
// Binary decision diagrams for the prover and the rule diff, on BuDDy (libbdd-dev). BuDDy keeps
// one global node table, so one BddSession is open at a time; every Bdd handle must die before
// its session (declare the session first). A session has a node budget: when an operation
// needs more, it throws BddBudgetExceeded instead of exhausting the machine, and the session
// can only be closed afterwards.
//
// Answers are encoded per question as a small unsigned code on a block of variables (bits):
// code 0 is "unknown" (blank or not asked), codes 1..n the question's known values in order
// (check/input_space.h), so every condition of the rule language is a Bdd over those bits.
#include <bdd.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/big_count.h"
#include "check/budget.h"
#include "rules/answer.h"

namespace backtriage {

// A set of answer assignments: a node of the open session, held through BuDDy's own C++
// handle (which keeps the node's reference count). False when default-constructed.
class Bdd {
 public:
  Bdd() = default;

  static Bdd truth() { return Bdd(bdd_true()); }
  static Bdd falsity() { return Bdd(); }
  static Bdd variable(int var) { return Bdd(bdd_ithvar(var)); }
  static Bdd not_variable(int var) { return Bdd(bdd_nithvar(var)); }
  // The conjunction of the variables `vars`, for exists().
  static Bdd cube(std::vector<int> vars) { return Bdd(bdd_makeset(vars.data(), static_cast<int>(vars.size()))); }

  bool is_false() const { return node_.id() == 0; }
  bool is_true() const { return node_.id() == 1; }
  BDD root() const { return node_.id(); }

  friend Bdd operator&(const Bdd& a, const Bdd& b) { return Bdd(a.node_ & b.node_); }
  friend Bdd operator|(const Bdd& a, const Bdd& b) { return Bdd(a.node_ | b.node_); }
  friend Bdd operator^(const Bdd& a, const Bdd& b) { return Bdd(a.node_ ^ b.node_); }
  friend Bdd operator~(const Bdd& a) { return Bdd(!a.node_); }
  Bdd& operator&=(const Bdd& b) { return *this = *this & b; }
  Bdd& operator|=(const Bdd& b) { return *this = *this | b; }
  // Whether the two sets share an assignment.
  bool intersects(const Bdd& b) const { return !(*this & b).is_false(); }
  // This set with the variables of `cube` quantified away.
  Bdd exists(const Bdd& cube) const { return Bdd(bdd_exist(node_, cube.node_)); }

 private:
  explicit Bdd(bdd node) : node_(node) {}
  bdd node_;
};

// The one open BuDDy session. `max_nodes` bounds the node table (about 20 bytes a node plus
// the operation caches); 0 means BuDDy's own limit.
class BddSession {
 public:
  explicit BddSession(int max_nodes);
  ~BddSession();
  BddSession(const BddSession&) = delete;
  BddSession& operator=(const BddSession&) = delete;
};

// The node budget that fits `megabytes` of memory.
int nodes_for_megabytes(int megabytes);

// The answer variables of a set of questions: code 0 unknown, 1..n the known values.
class AnswerVariables {
 public:
  // `known[k]`: the known values of question k, ascending. `order` lists the questions in
  // the variable order to start from (each question's bits stay together; BuDDy may reorder
  // the blocks by sifting when the diagrams grow). `weights[k]`, when given, is how many
  // answers each known value of question k stands for (value_weights in input_space.h; the
  // unknown code stands for one); count() weighs by it. Allocates the variables of the session.
  AnswerVariables(std::vector<std::vector<AnswerValue>> known, const std::vector<int>& order,
                  std::vector<std::vector<std::uint32_t>> weights = {});

  int questions() const { return static_cast<int>(known_.size()); }
  int codes(int k) const { return static_cast<int>(known_[k].size()) + 1; }
  AnswerValue value(int k, int code) const { return code == 0 ? kUnknown : known_[k][code - 1]; }
  // The code of a known value of question k, or -1 when it is not one of its values.
  int code_of(int k, AnswerValue value) const;

  // Question k's code is `code`; is within [lo, hi].
  Bdd code_is(int k, int code) const;
  Bdd code_between(int k, int lo, int hi) const;
  // Every code the question can take (0..codes-1): the bits encode nothing else.
  Bdd in_domain(int k) const { return code_between(k, 0, codes(k) - 1); }

  // The first assignment of `set` (not false) in search order: question by question in
  // order, the lowest code that still leaves part of `set`. Codes by question.
  std::vector<int> first_codes(const Bdd& set) const;
  // The answer of each question for `codes` (one code per question): kUnknown for code 0.
  std::vector<AnswerValue> answers(const std::vector<int>& codes) const;
  // The codes of question k that some assignment of `set` gives it, ascending.
  std::vector<int> codes_in(const Bdd& set, int k) const;

  // How many intakes `set` holds, each code counted by its weight: `set` must lie within a
  // space that fixes every question's bits to one of its codes.
  BigCount count(const Bdd& set) const;

 private:
  Bdd bits_at_most(int k, int value) const;
  Bdd bits_at_least(int k, int value) const;

  std::uint32_t weight(int k, int code) const { return code == 0 || weights_.empty() ? 1 : weights_[k][code - 1]; }

  std::vector<std::vector<AnswerValue>> known_;
  std::vector<std::vector<std::uint32_t>> weights_;  // per question, per known value; empty: all 1
  std::vector<int> first_var_;  // per question: its bits are first_var_ .. first_var_ + bits_ - 1, MSB first
  std::vector<int> bits_;
  std::vector<Bdd> others_;     // per question: the cube of every other question's variables
  int total_vars_ = 0;
};

}  // namespace backtriage
