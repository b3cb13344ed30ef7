#pragma once
// Showing a long text page by page on the terminal, as man and git do.
#include <string>

namespace backtriage {

// The pager to use: $PAGER, else "less -R"; "" when $PAGER is "cat" (as git reads it: no pager).
std::string chosen_pager();

// Pipes `text` into `pager` (a shell command) and waits for it to end. Returns whether it ran
// and read everything; false leaves the text unshown, for the caller to print. Ctrl-C is the
// pager's while it runs. Never throws.
bool page(const std::string& pager, const std::string& text);

}  // namespace backtriage
