#include "content_checks.h"

#include <set>

namespace sourced {

void check_site(const LoadedContent& content, const UsageIndex& usage, Diagnostics& out) {
    const Registry& registry = content.registry;
    const std::string& path = content.registry_path;
    for (const Figure& f : registry.figures)
        if (!usage.figures.count(f.id))
            out.warning(path, f.where.line, f.where.column, "CHK001", "figure '" + f.id + "' is not used on any page");

    // A source is used if a page cites it, a figure rests on it, or another source is read via it.
    std::set<std::string> used;
    for (const auto& [id, uses] : usage.sources) used.insert(id);
    for (const Figure& f : registry.figures)
        for (const Evidence& ev : f.evidence) used.insert(ev.source_id);
    for (const Source& s : registry.sources)
        if (!s.via.empty()) used.insert(s.via);
    for (const Source& s : registry.sources)
        if (!used.count(s.id))
            out.warning(s.where.path.empty() ? path : s.where.path, s.where.line, s.where.column, "CHK002",
                        "source '" + s.id + "' is not used by any figure or page");
}

}  // namespace sourced
