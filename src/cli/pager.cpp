#include "cli/pager.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <sys/wait.h>

namespace backtriage {

std::string chosen_pager() {
  const char* pager = std::getenv("PAGER");
  if (!pager || !*pager) return "less -R";
  if (std::string_view(pager) == "cat") return "";
  return pager;
}

bool page(const std::string& pager, const std::string& text) {
  // The pager reads Ctrl-C (less uses it to stop a search); the report must not die with it,
  // and a pager that quits early must not kill the writer with SIGPIPE.
  struct sigaction ignore {}, old_int {}, old_pipe {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGPIPE, &ignore, &old_pipe);
  bool ok = false;
  if (FILE* pipe = ::popen(pager.c_str(), "w")) {
    bool written = std::fwrite(text.data(), 1, text.size(), pipe) == text.size();
    int status = ::pclose(pipe);
    // A pager quit before the end (q in less) is fine; one that could not run (127) is not.
    ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) != 127 && WEXITSTATUS(status) != 126 &&
         (written || WEXITSTATUS(status) == 0);
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGPIPE, &old_pipe, nullptr);
  return ok;
}

}  // namespace backtriage
