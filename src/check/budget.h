#pragma once
// The memory budget of the symbolic prover and rule diff (check/bdd.h), without BuDDy itself,
// for the code that sets the budget and reports when it runs out.
#include <stdexcept>

namespace backtriage {

// The memory the decision diagrams of one check or diff may use unless told otherwise: room
// on a 2 GB machine.
inline constexpr int kDefaultMemoryMegabytes = 1024;

// The budget ran out: the rule sets need more memory than allowed to finish.
class BddBudgetExceeded : public std::runtime_error {
 public:
  BddBudgetExceeded() : std::runtime_error("the decision diagrams need more memory than allowed") {}
};

}  // namespace backtriage
