#pragma once
// "Did you mean" suggestions for misspelt names.
#include <string>
#include <string_view>
#include <vector>

namespace backtriage {

// The candidate closest to `word` by edit distance (case-insensitive), if it is close
// enough to be a plausible typo (distance at most a third of the word, at least 1);
// otherwise empty. Never throws beyond std::bad_alloc.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'X'?)" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace backtriage
