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
    for (const Heading& h : page.headings) c.link_keys.push_back("#" + h.id);
    for (const LocalLink& link : page.local_links)
        c.link_keys.push_back(std::string(link.image ? "!" : "") + link.written + " " + std::to_string(link.line) + ":" +
                              std::to_string(link.column));
    return c;
}

void keep_link_diagnostics(const Diagnostics& before, Diagnostics& after) {
    for (const Diagnostic& d : before.all())
        if (d.code.rfind("LINK", 0) == 0 || d.code.rfind("IMG", 0) == 0) after.add(d);
}

bool PageContribution::same_as(const PageContribution& other) const {
    return usage.figures == other.usage.figures && usage.sources == other.usage.sources && chart_ids == other.chart_ids &&
           link_keys == other.link_keys;
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
