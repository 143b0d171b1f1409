#include "diagnostic_changes.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sourced {

namespace {

using Key = std::tuple<const std::string&, Severity, const std::string&, const std::string&>;

Key key_of(const Diagnostic& d) { return Key(d.path, d.severity, d.code, d.message); }

struct KeyLess {
    bool operator()(const Diagnostic* a, const Diagnostic* b) const { return key_of(*a) < key_of(*b); }
};

// How many diagnostics of `items` have each key.
std::map<const Diagnostic*, int, KeyLess> count_keys(const std::vector<Diagnostic>& items) {
    std::map<const Diagnostic*, int, KeyLess> counts;
    for (const Diagnostic& d : items) ++counts[&d];
    return counts;
}

}  // namespace

DiagnosticChanges diagnostic_changes(const std::vector<Diagnostic>& before, const std::vector<Diagnostic>& after) {
    DiagnosticChanges changes;
    changes.added.assign(after.size(), false);
    auto unmatched_before = count_keys(before);
    for (std::size_t i = 0; i < after.size(); ++i) {
        auto found = unmatched_before.find(&after[i]);
        if (found != unmatched_before.end() && found->second > 0) {
            --found->second;
        } else {
            changes.added[i] = true;
            ++changes.added_count;
        }
    }
    auto unmatched_after = count_keys(after);
    for (const Diagnostic& d : before) {
        auto found = unmatched_after.find(&d);
        if (found != unmatched_after.end() && found->second > 0) --found->second;
        else changes.fixed.push_back(d);
    }
    std::stable_sort(changes.fixed.begin(), changes.fixed.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
    });
    return changes;
}

}  // namespace sourced
