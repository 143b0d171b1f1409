// The view models templates see: plain JSON built from the stages' results.
//
// Owns what each kind of generated page shows (an article, the figure
// ledger, the sources page, the status legend, a generated front page) and
// the shared layout around them. HTML fields in a view ("body", "citation",
// "flag") were built and escaped by the generator; every other string is
// escaped by the template engine.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "link_style.h"
#include "reference_resolver.h"
#include "registry.h"
#include "usage_index.h"

namespace sourced {

// Everything the layout needs that does not change from page to page.
struct SiteContext {
    const SiteConfig* config = nullptr;
    const std::vector<Page>* pages = nullptr;  // navigation order
    std::string version;
};

std::string page_href(const std::string& slug);

// The layout's navigation lists at most this many pages (the first in
// navigation order), then a link to the front page; so each page's size does
// not grow with the site.
constexpr size_t kMaxNavPages = 30;  // "index.html", "ascend.html"

nlohmann::json layout_view(const SiteContext& site, const std::string& title, const std::string& description,
                           const std::string& root, const std::string& href, const std::string& content_html);

nlohmann::json article_view(const Page& page, const ResolvedPage& resolved, const std::string& body_html,
                            const Registry& registry, const LinkStyle& links);

// The figure ledger: the page's own fields (counts by status, total), and one
// entry per figure, rendered on its own (ledger_page.h puts them together).
nlohmann::json ledger_view(const Registry& registry);
nlohmann::json ledger_entry_view(const Figure& figure, const Registry& registry, const UsageIndex& usage,
                                 const LinkStyle& links);
// The sources page: the page's own fields (total), and one entry per source
// with `figures`, its list from sources_figure_lists, rendered on its own
// (sources_page.h puts them together).
nlohmann::json sources_view(const Registry& registry);
// For each source, in registry order, the figures whose evidence names it.
std::vector<nlohmann::json> sources_figure_lists(const Registry& registry, const LinkStyle& links);
nlohmann::json source_entry_view(const Source& source, nlohmann::json figures, const Registry& registry,
                                 const UsageIndex& usage, const LinkStyle& links);
nlohmann::json legend_view(const Registry& registry);
nlohmann::json home_view(const SiteContext& site, const Registry& registry);

}  // namespace sourced
