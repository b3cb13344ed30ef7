#pragma once
// A progress line on stderr for long runs of `rules check` and `rules diff`: nothing for the
// first second (most runs end before), then "LABEL... 3s" redrawn in place while the work
// goes on. Only on a terminal; scripts and logs never see it.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace backtriage {

class ProgressLine {
 public:
  // Shown only when `enabled` (stderr is a terminal).
  explicit ProgressLine(bool enabled);
  ~ProgressLine();  // erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // What the run is doing now, e.g. "proving invariant I3 (3 of 20)".
  void set(std::string label);
  // Erases the line now, before printing something else on stderr; it stays away until the
  // next set(), so a redraw never lands in the middle of what is printed.
  void clear();

 private:
  void run();

  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string label_;
  bool shown_ = false;
  bool paused_ = false;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace backtriage
