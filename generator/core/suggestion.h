// "Did you mean ...?": the closest known name to a misspelt one.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sourced {

// Edit distance in bytes (optimal string alignment): an insertion, a
// deletion, a substitution or a swap of two neighbouring bytes ("yeild") is one.
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `name` if it is close enough to be a likely typo
// (or contains / is contained in `name`), else empty. When no whole name is
// close, an id is compared by its segments (split at - _ . :):
// "ascend-910c-yeild" finds "ascend-910c-packaging-yield", each of its
// segments one of the candidate's in order, with at most two typos, none in a
// segment with a digit. Any list of names will do: figure and source ids,
// statuses, field and front matter keys, a bare `@word` against source keys.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates);

// did_you_mean for many misspelt names against one list of candidates (a
// page's unknown ids against every id in the registry). The list is made on
// the first search; each distinct name is searched once; after kMaxSearches
// distinct names the rest get no suggestion, since each search reads every
// candidate: a page of N unknown ids against a registry of M costs at most
// kMaxSearches * M comparisons, not N * M.
class Suggester {
public:
    static constexpr size_t kMaxSearches = 100;
    explicit Suggester(std::function<std::vector<std::string>()> candidates) : make_(std::move(candidates)) {}
    std::string did_you_mean(const std::string& name);

private:
    std::function<std::vector<std::string>()> make_;
    std::vector<std::string> candidates_;
    bool made_ = false;
    std::map<std::string, std::string> searched_;  // name -> suggestion text
};

}  // namespace sourced
