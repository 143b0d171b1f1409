#include "usage_index.h"

namespace sourced {

void UsageIndex::add_page(const std::string& slug, const std::string& title, const ResolvedPage& page) {
    for (const auto& use : page.figures) figures[use.figure->id].push_back({slug, title, use.anchor});
    for (const auto& chart : page.charts)
        for (const auto& use : chart.uses) figures[use.figure->id].push_back({slug, title, use.anchor});
    for (const auto& source : page.sources)
        for (const auto& anchor : source.anchors) sources[source.source->id].push_back({slug, title, anchor});
}

}  // namespace sourced
