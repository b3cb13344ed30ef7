#include "cli/progress.h"

#include <cstdio>

namespace backtriage {

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled) {
  if (enabled_) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
  clear();
}

void ProgressLine::set(std::string label) {
  std::lock_guard<std::mutex> lock(mutex_);
  label_ = std::move(label);
  paused_ = false;
}

void ProgressLine::clear() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (shown_) std::fputs("\r\033[K", stderr);
  shown_ = false;
  paused_ = true;
}

void ProgressLine::run() {
  using namespace std::chrono_literals;
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_for(lock, 1s, [this] { return done_; })) return;
  while (!done_) {
    if (!paused_) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_).count();
      std::fprintf(stderr, "\r\033[K%s... %llds", label_.c_str(), static_cast<long long>(seconds));
      std::fflush(stderr);
      shown_ = true;
    }
    wake_.wait_for(lock, 250ms, [this] { return done_; });
  }
}

}  // namespace backtriage
