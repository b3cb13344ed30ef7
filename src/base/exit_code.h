#pragma once
// Exit codes of backtriage(1) (from sysexits.h), and the one error type that carries them out of
// the core to main(), which maps it to the process exit status.
#include <stdexcept>
#include <string>

namespace backtriage {

enum class ExitCode : int {
  ok = 0,
  failure = 1,        // `ask` ended early, `rules test` or `rules diff` found a difference
  usage = 64,         // the command line was wrong
  data_error = 65,    // some input was invalid
  no_input = 66,      // an input file could not be opened or read
  software = 70,      // an internal error
  cant_create = 73,   // the output file could not be created or written
  config = 78,        // the rule set is invalid
  interrupted = 130,  // Ctrl-C in `ask`
};

// A failure that ends the command with `code`; `what()` is the message for stderr.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace backtriage
