#include "site_pages.h"

#include "page_layout.h"
#include "report_page.h"

namespace sourced {

std::vector<SitePage> site_pages(const LoadedContent& content, const SiteContext& site, const CheckReport& report,
                                 bool has_home) {
    std::vector<SitePage> pages;
    if (!has_home)
        pages.push_back({"index.html", [&](const TemplateEngine& t) {
                             return in_layout(t, site, content.config.title, content.config.description, "", "index.html",
                                              "home", home_view(site, content.registry));
                         }});
    pages.push_back({"figures/report.html",
                     [&](const TemplateEngine& t) { return report_page(t, site, content.registry, report); }});
    pages.push_back({"legend.html", [&](const TemplateEngine& t) {
                         return in_layout(t, site, "How figures are rated", "What each figure status means.", "",
                                          "legend.html", "legend", legend_view(content.registry));
                     }});
    pages.push_back({"search.html", [&](const TemplateEngine& t) {
                         return in_layout(t, site, "Search", "Search the pages, figures and sources.", "", "search.html",
                                          "search", nlohmann::json::object());
                     }});
    pages.push_back({"404.html", [&](const TemplateEngine& t) {
                         const std::string& root = content.config.base_url;  // a 404 page is served at any depth
                         return in_layout(t, site, "Page not found", "", root, "404.html", "not_found", {{"root", root}});
                     }});
    return pages;
}

TemplateEngine::Around sources_layout(const TemplateEngine& templates, const SiteContext& site) {
    return templates.render_split("layout",
                                  layout_view(site, "Sources", "Every source this site cites and the figures that rest on it.",
                                              "../", kSourcesPath, ""),
                                  "content");
}

TemplateEngine::Around ledger_layout(const TemplateEngine& templates, const SiteContext& site) {
    return templates.render_split(
        "layout",
        layout_view(site, "Figure ledger", "Every figure on this site, its status and its evidence.", "../", kLedgerPath, ""),
        "content");
}

}  // namespace sourced
