#include "suggestion.h"

#include <algorithm>
#include <string_view>

namespace sourced {

size_t edit_distance(const std::string& a, const std::string& b) {
    // Three rows: the one before the previous is what a swap of two
    // neighbouring characters ("ei" for "ie") is measured from.
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

namespace {

bool is_separator(char c) { return c == '-' || c == '_' || c == '.' || c == ':'; }

std::vector<std::string_view> segments(std::string_view id) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= id.size(); ++i)
        if (i == id.size() || is_separator(id[i])) {
            if (i > start) parts.push_back(id.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

constexpr size_t kNoMatch = std::string::npos;

// How far a segment of the name is from a segment of a candidate, if close
// enough to be its typo: one edit in a word of four letters or more, two from
// eight. A segment with a digit (910c, 2024, v3) names a version or a year and
// must match exactly.
size_t segment_distance(std::string_view name, std::string_view candidate) {
    if (name == candidate) return 0;
    bool digits = name.find_first_of("0123456789") != std::string_view::npos ||
                  candidate.find_first_of("0123456789") != std::string_view::npos;
    size_t limit = digits ? 0 : name.size() >= 8 ? 2 : name.size() >= 4 ? 1 : 0;
    size_t gap = name.size() > candidate.size() ? name.size() - candidate.size() : candidate.size() - name.size();
    if (limit == 0 || gap > limit) return kNoMatch;
    size_t d = edit_distance(std::string(name), std::string(candidate));
    return d <= limit ? d : kNoMatch;
}

// The cost of reading `name`'s segments, in order, as some of the
// candidate's: the edits in matched segments plus one per candidate segment
// left out ("ascend-910c-yeild" is "ascend-910c-packaging-yield" with one
// edit and one segment left out: 2). kNoMatch if a segment of the name matches
// none, or the edits are more than two.
size_t segment_cost(const std::vector<std::string_view>& name, const std::vector<std::string_view>& candidate) {
    const size_t n = name.size(), m = candidate.size();
    if (m < n) return kNoMatch;
    // cost[i][j]: the first i name segments read in the first j candidate segments (edits, skips)
    std::vector<std::vector<std::pair<size_t, size_t>>> cost(n + 1, std::vector<std::pair<size_t, size_t>>(m + 1, {kNoMatch, 0}));
    for (size_t j = 0; j <= m; ++j) cost[0][j] = {0, j};
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = i; j <= m; ++j) {
            auto best = cost[i][j - 1];
            if (best.first != kNoMatch) best.second += 1;  // candidate segment j left out
            if (cost[i - 1][j - 1].first != kNoMatch)
                if (size_t d = segment_distance(name[i - 1], candidate[j - 1]); d != kNoMatch) {
                    std::pair<size_t, size_t> matched{cost[i - 1][j - 1].first + d, cost[i - 1][j - 1].second};
                    if (best.first == kNoMatch || matched.first + matched.second < best.first + best.second) best = matched;
                }
            cost[i][j] = best;
        }
    auto [edits, skipped] = cost[n][m];
    return edits == kNoMatch || edits > 2 ? kNoMatch : edits + skipped;
}

// The candidate whose segments the name's segments are, with a typo or
// two and some segments left out; the lowest cost wins, a tie the first in
// order. Only for a name of two segments or more: one word alone would match
// every id that has it.
std::string closest_by_segments(const std::string& name, const std::vector<std::string>& candidates) {
    std::vector<std::string_view> parts = segments(name);
    if (parts.size() < 2) return {};
    std::string best;
    size_t best_cost = kNoMatch;
    for (const auto& candidate : candidates) {
        size_t c = segment_cost(parts, segments(candidate));
        if (c != kNoMatch && (best_cost == kNoMatch || c < best_cost || (c == best_cost && candidate < best))) {
            best = candidate;
            best_cost = c;
        }
    }
    return best;
}

std::string closest_whole(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::string::npos;
    for (const auto& candidate : candidates) {
        // The edit distance is at least the difference in length, which is
        // the distance given to a candidate that contains the name or is in it.
        size_t length_gap = candidate.size() > name.size() ? candidate.size() - name.size() : name.size() - candidate.size();
        bool contains = std::min(name.size(), candidate.size()) >= 3 &&
                        (candidate.find(name) != std::string::npos || name.find(candidate) != std::string::npos);
        if (!contains && best_distance != std::string::npos && length_gap > best_distance) continue;  // cannot win
        size_t d = contains ? length_gap : edit_distance(name, candidate);
        if (d < best_distance || (d == best_distance && candidate < best)) {
            best = candidate;
            best_distance = d;
        }
    }
    size_t limit = std::max<size_t>(2, name.size() / 3);
    bool contained = std::min(name.size(), best.size()) >= 3 &&
                     (best.find(name) != std::string::npos || name.find(best) != std::string::npos);
    return best_distance <= limit || contained ? best : std::string();
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    std::string whole = closest_whole(name, candidates);
    return whole.empty() ? closest_by_segments(name, candidates) : whole;
}

std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best = closest_name(name, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

std::string Suggester::did_you_mean(const std::string& name) {
    if (auto it = searched_.find(name); it != searched_.end()) return it->second;
    if (searched_.size() >= kMaxSearches) return {};
    if (!made_) {
        candidates_ = make_();
        made_ = true;
    }
    return searched_[name] = sourced::did_you_mean(name, candidates_);
}

}  // namespace sourced
