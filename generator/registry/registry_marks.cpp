#include "registry_marks.h"

namespace sourced {

const std::string& FigureMarks::snapshot(size_t index) const {
    static const std::string none;
    return index < snapshots.size() ? snapshots[index] : none;
}

const FigureMarks& RegistryMarks::of(const std::string& id) const {
    static const FigureMarks none;
    auto it = figures_.find(id);
    return it == figures_.end() ? none : it->second;
}

}  // namespace sourced
