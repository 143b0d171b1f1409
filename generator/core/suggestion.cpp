#include "suggestion.h"

#include <algorithm>

namespace sourced {

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::string::npos;
    for (const auto& candidate : candidates) {
        // The edit distance is at least the difference in length, which is
        // the distance given to a candidate that contains the name or is in it.
        size_t length_gap = candidate.size() > name.size() ? candidate.size() - name.size() : name.size() - candidate.size();
        bool contains = name.size() >= 3 && (candidate.find(name) != std::string::npos || name.find(candidate) != std::string::npos);
        if (!contains && best_distance != std::string::npos && length_gap > best_distance) continue;  // cannot win
        size_t d = contains ? length_gap : edit_distance(name, candidate);
        if (d < best_distance || (d == best_distance && candidate < best)) {
            best = candidate;
            best_distance = d;
        }
    }
    size_t limit = std::max<size_t>(2, name.size() / 3);
    bool contained = !best.empty() && name.size() >= 3 &&
                     (best.find(name) != std::string::npos || name.find(best) != std::string::npos);
    return best_distance <= limit || contained ? best : std::string();
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
