#include "site_state.h"

#include <filesystem>
#include <tuple>

namespace sourced {

PageContribution page_contribution(const std::string& slug, const std::string& title, const ResolvedPage& page,
                                   std::vector<BareFigure> bare) {
    PageContribution c;
    c.usage.add_page(slug, title, page);
    for (const auto& chart : page.charts) c.chart_ids.push_back(chart.card_id);
    c.bare = std::move(bare);
    return c;
}

bool PageContribution::same_as(const PageContribution& other) const {
    return usage.figures == other.usage.figures && usage.sources == other.usage.sources && chart_ids == other.chart_ids;
}

Diagnostics SiteState::diagnostics(const std::map<size_t, const Diagnostics*>& replaced) const {
    Diagnostics all = before_pages;
    all.append(registry_load);
    all.append(registry_checks);
    for (size_t i = 0; i < pages.size(); ++i) {
        auto other = replaced.find(i);
        all.append(other == replaced.end() ? pages[i].diagnostics : *other->second);
    }
    all.append(chart_ids);
    all.append(site_checks);
    return all;
}

void SiteState::gather_bare() {
    report.bare.clear();
    for (const PageState& page : pages)
        report.bare.insert(report.bare.end(), page.contribution.bare.begin(), page.contribution.bare.end());
}

std::string normal_path(const std::string& path) {
    return std::filesystem::path(path).lexically_normal().string();
}

}  // namespace sourced
