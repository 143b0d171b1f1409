#include "site_views.h"

#include <algorithm>
#include <map>
#include <set>

#include "display_text.h"
#include "figure_markup.h"
#include "html_escape.h"

namespace sourced {

using nlohmann::json;

namespace {

// Back-link labels in the style of Wikipedia's reference lists: a, b, ... z, aa, ab ...
std::string backlink_label(size_t index) {
    std::string label;
    do {
        label.insert(label.begin(), static_cast<char>('a' + index % 26));
        index = index / 26;
    } while (index-- > 0);
    return label;
}

json backlinks(const std::vector<Use>& uses, const LinkStyle& links) {
    json list = json::array();
    for (size_t i = 0; i < uses.size(); ++i)
        list.push_back({{"href", links.page(uses[i].page_slug, uses[i].anchor)},
                        {"label", backlink_label(i)},
                        {"page", uses[i].page_title}});
    return list;
}

json status_counts(const Registry& registry) {
    std::map<Status, int> counts;
    for (const auto& f : registry.figures) counts[f.status]++;
    json list = json::array();
    for (Status s : all_statuses())
        list.push_back({{"status", status_name(s)}, {"symbol", status_symbol(s)}, {"count", counts[s]}});
    return list;
}

}  // namespace

std::string page_href(const std::string& slug) { return slug + ".html"; }

json layout_view(const SiteContext& site, const std::string& title, const std::string& description,
                 const std::string& root, const std::string& href, const std::string& content_html) {
    json nav = json::array();
    const std::vector<Page>& pages = *site.pages;
    size_t shown = std::min(pages.size(), kMaxNavPages);
    for (size_t i = 0; i < shown; ++i) {
        std::string target = page_href(pages[i].slug);
        nav.push_back({{"title", pages[i].meta.title}, {"href", root + target}, {"current", target == href}});
    }
    if (shown < pages.size())  // the front page lists them all; a nav of every page would make the site O(pages^2)
        nav.push_back({{"title", "All " + std::to_string(pages.size()) + " pages"},
                       {"href", root + "index.html"},
                       {"current", false}});
    const SiteConfig& config = *site.config;
    return {
        {"site", {{"title", config.title}, {"description", config.description}, {"language", config.language},
                  {"authors", config.authors}}},
        {"title", title},
        {"is_home", href == "index.html"},
        {"description", description.empty() ? config.description : description},
        {"root", root},
        {"nav", std::move(nav)},
        {"canonical", config.base_url.empty() ? "" : config.base_url + href},
        {"content", content_html},
        {"version", site.version},
        {"figures_current", href == "figures/index.html"},
        {"sources_current", href == "sources/index.html"},
        {"legend_current", href == "legend.html"},
    };
}

json article_view(const Page& page, const ResolvedPage& resolved, const std::string& body_html,
                  const Registry& registry, const LinkStyle& links) {
    json toc = json::array();
    for (const Heading& h : resolved.headings)
        if (h.level == 2 || h.level == 3) toc.push_back({{"text", h.text}, {"id", h.id}, {"sub", h.level == 3}});

    json sources = json::array();
    for (const PageSource& s : resolved.sources) {
        std::vector<Use> uses;
        for (const auto& anchor : s.anchors) uses.push_back({page.slug, page.meta.title, anchor});
        json back = backlinks(uses, links);
        sources.push_back({{"number", s.number},
                           {"id", s.source->id},
                           {"ref_id", reference_id(resolved, s.source->id)},
                           {"citation", source_citation_html(*s.source, registry, links)},
                           {"single", back.size() == 1},
                           {"backlinks", back}});
    }
    std::set<std::string> distinct;
    int flagged = 0;
    for (const FigureUse& use : resolved.figures)
        if (distinct.insert(use.figure->id).second && is_flagged(use.figure->status)) ++flagged;
    return {{"title", page.meta.title},
            {"id_prefix", resolved.id_prefix},
            {"summary", page.meta.summary},
            {"date", page.meta.date},
            {"date_human", human_date(page.meta.date)},
            {"toc", toc},
            {"has_toc", !toc.empty()},
            {"has_sources", !sources.empty()},
            {"body", body_html},
            {"sources", sources},
            {"figure_count", std::to_string(distinct.size())},
            {"flagged_count", std::to_string(flagged)},
            {"has_figures", !distinct.empty()}};
}

json ledger_view(const Registry& registry) {
    return {{"counts", status_counts(registry)}, {"total", std::to_string(registry.figures.size())}};
}

json ledger_entry_view(const Figure& f, const Registry& registry, const UsageIndex& usage, const LinkStyle& links) {
    json evidence = json::array();
    for (const Evidence& ev : f.evidence) {
        const Source* s = registry.source(ev.source_id);
        evidence.push_back({{"quote", ev.quote},
                            {"locator", ev.locator},
                            {"source_id", ev.source_id},
                            {"citation", s ? source_citation_html(*s, registry, links) : escape_html(ev.source_id)}});
    }
    auto used = usage.figures.find(f.id);
    json uses = used == usage.figures.end() ? json::array() : backlinks(used->second, links);
    return {{"id", f.id},
            {"display", f.display},
            {"value", grouped_number(f.value)},
            {"unit", f.unit},
            {"claim", f.claim},
            {"status", status_name(f.status)},
            {"symbol", status_symbol(f.status)},
            {"flagged", is_flagged(f.status)},
            {"note", f.note},
            {"as_of", human_date(f.as_of)},
            {"quantity", f.quantity},
            {"derived", f.derived},
            {"verified_on", f.verified ? human_date(f.verified->on) : ""},
            {"verified_method", f.verified ? f.verified->method : ""},
            {"evidence", evidence},
            {"uses", uses},
            {"has_uses", !uses.empty()}};
}

json sources_view(const Registry& registry) { return {{"total", std::to_string(registry.sources.size())}}; }

std::vector<json> sources_figure_lists(const Registry& registry, const LinkStyle& links) {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < registry.sources.size(); ++i) index.emplace(registry.sources[i].id, i);
    std::vector<json> lists(registry.sources.size(), json::array());
    for (const Figure& f : registry.figures)
        for (const Evidence& ev : f.evidence) {
            auto at = index.find(ev.source_id);
            if (at == index.end()) continue;
            json& list = lists[at->second];
            if (!list.empty() && list.back()["id"] == f.id) continue;
            list.push_back({{"id", f.id}, {"display", f.display}, {"claim", f.claim}, {"status", status_name(f.status)},
                            {"flag", status_flag_html(f.status)}, {"href", links.figure(f.id)}});
        }
    return lists;
}

json source_entry_view(const Source& s, json figures, const Registry& registry, const UsageIndex& usage,
                       const LinkStyle& links) {
    std::set<std::string> seen_pages;
    json pages = json::array();
    if (auto used = usage.sources.find(s.id); used != usage.sources.end())
        for (const Use& use : used->second)
            if (seen_pages.insert(use.page_slug).second)
                pages.push_back({{"title", use.page_title}, {"href", links.page(use.page_slug)}});
    bool has_figures = !figures.empty();
    return {{"id", s.id},
            {"title", s.title},
            {"citation", source_citation_html(s, registry, links)},
            {"kind", s.kind},
            {"type", s.type},
            {"missing_url", s.url.empty()},
            {"missing_date", s.issued.empty()},
            {"archive_url", safe_url(s.archive_url)},
            {"figures", std::move(figures)},
            {"has_figures", has_figures},
            {"pages", pages},
            {"has_pages", !pages.empty()}};
}

json legend_view(const Registry& registry) {
    std::map<Status, int> counts;
    for (const auto& f : registry.figures) counts[f.status]++;
    json statuses = json::array();
    for (Status s : all_statuses())
        statuses.push_back({{"name", status_name(s)},
                            {"symbol", status_symbol(s)},
                            {"flag", status_flag_html(s)},
                            {"flagged", is_flagged(s)},
                            {"summary", status_summary(s)},
                            {"when", status_when_to_use(s)},
                            {"count", std::to_string(counts[s])}});
    return {{"statuses", statuses}};
}

json home_view(const SiteContext& site, const Registry& registry) {
    json pages = json::array();
    for (const Page& p : *site.pages)
        pages.push_back({{"title", p.meta.title}, {"summary", p.meta.summary}, {"href", page_href(p.slug)}});
    return {{"title", site.config->title},
            {"description", site.config->description},
            {"pages", pages},
            {"counts", status_counts(registry)}};
}

}  // namespace sourced
