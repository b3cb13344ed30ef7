#pragma once
// An output file that appears whole or not at all: written to a temporary file in the same
// directory and renamed over the target on commit(). Destroyed without commit (an error, an
// exception), it removes the temporary file and leaves any existing target untouched.
#include <fstream>
#include <string>

namespace backtriage {

class AtomicFile {
 public:
  // Creates the temporary file. Throws Error(cant_create) when it cannot.
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }

  // Flushes, closes and renames onto the target. Throws Error(cant_create) on any failure,
  // after removing the temporary file. With `replace` false an existing target is never
  // replaced, even one created since the constructor ran: that is an Error(cant_create) too.
  void commit(bool replace = true);

  // Removes the temporary file of every live AtomicFile; async-signal-safe, for a SIGINT or
  // SIGTERM handler, so an interrupted run leaves nothing behind.
  static void remove_all_temporaries_on_signal();

 private:
  std::string target_;
  std::string temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace backtriage
