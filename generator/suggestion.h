// "Did you mean ...?": the closest known name to a misspelt one.
#pragma once

#include <string>
#include <vector>

namespace sourced {

// Levenshtein distance, in bytes.
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `name` if it is close enough to be a likely typo
// (or contains / is contained in `name`), else empty.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace sourced
