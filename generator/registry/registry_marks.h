// What the registry checks found about each figure, kept beside the Registry
// as a value of its own: whether the figure is stale, its `derived`
// expression as tokens, and which of its quotes were found in a snapshot.
//
// Owns only the record. The check stage makes it (checks/check_stage.h, in
// CheckReport::marks) from a Registry it does not change; the renderers
// (the figure card in prose, charts, the report page) and the incremental
// plan read it. A registry is never annotated in place.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sourced {

struct FigureMarks {
    bool stale = false;                                    // review_by has passed
    std::vector<std::pair<std::string, bool>> arithmetic;  // `derived` as tokens; true: a figure id
    std::vector<std::string> snapshots;  // per evidence: "checked", "unchecked" (no snapshot) or "" (no quote)

    // The snapshot mark of evidence `index`: "" when the checks said nothing.
    const std::string& snapshot(size_t index) const;
};

class RegistryMarks {
public:
    // The marks of figure `id`; empty marks for a figure the checks marked nothing on.
    const FigureMarks& of(const std::string& id) const;
    // The marks of figure `id`, made if absent (the check stage).
    FigureMarks& mark(const std::string& id) { return figures_[id]; }

private:
    std::unordered_map<std::string, FigureMarks> figures_;
};

}  // namespace sourced
