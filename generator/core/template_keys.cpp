#include "template_keys.h"

#include <map>

namespace sourced {

namespace {

// Keep in step with the view builders named in the header, and with
// docs/templates.md. A key a view has only sometimes (image_png without
// --no-card-images) is listed: a template tests it with a section.
const std::map<std::string, std::set<std::string>>& all_keys() {
    static const std::map<std::string, std::set<std::string>> keys = {
        {"layout",  // layout_view
         {"site.title", "site.description", "site.language", "site.authors[]", "title", "is_home", "description",
          "root", "nav[].title", "nav[].href", "nav[].current", "canonical", "content", "version", "figures_current",
          "sources_current", "legend_current"}},
        {"article",  // article_view
         {"title", "id_prefix", "summary", "date", "date_human", "toc[].text", "toc[].id", "toc[].sub", "has_toc",
          "has_sources", "body", "sources[].number", "sources[].id", "sources[].ref_id", "sources[].citation",
          "sources[].single", "sources[].backlinks[].href", "sources[].backlinks[].label", "sources[].backlinks[].page",
          "figure_count", "flagged_count", "has_figures"}},
        {"home",  // home_view
         {"title", "description", "pages[].title", "pages[].summary", "pages[].href", "counts[].status",
          "counts[].symbol", "counts[].count"}},
        {"figures",  // ledger_view + LedgerRender::list_view
         {"counts[].status", "counts[].symbol", "counts[].count", "total", "has_cards", "entries"}},
        {"ledger-entry",  // ledger_entry_view + add_card_fields
         {"id", "display", "value", "unit", "claim", "status", "symbol", "flagged", "note", "as_of", "quantity",
          "derived", "verified_on", "verified_method", "evidence[].quote", "evidence[].locator", "evidence[].source_id",
          "evidence[].citation", "uses[].href", "uses[].label", "uses[].page", "has_uses", "card_href", "revision",
          "changed", "iframe_snippet", "html_snippet", "absolute_urls", "image_png", "image_svg", "cite_txt",
          "cite_bib", "cite_csl"}},
        {"sources",  // sources_view + EntryList
         {"total", "entries"}},
        {"source-entry",  // source_entry_view + sources_figure_lists
         {"id", "title", "citation", "kind", "type", "missing_url", "missing_date", "archive_url", "figures[].id",
          "figures[].display", "figures[].claim", "figures[].status", "figures[].flag", "figures[].href", "has_figures",
          "pages[].title", "pages[].href", "has_pages"}},
        {"legend",  // legend_view
         {"statuses[].name", "statuses[].symbol", "statuses[].flag", "statuses[].flagged", "statuses[].summary",
          "statuses[].when", "statuses[].count"}},
        {"search", {}},  // an empty view
        {"not_found", {"root"}},
        {"card",  // card_view
         {"id", "embed", "page", "language", "site_title", "display", "claim", "status", "status_label", "symbol",
          "flagged", "status_summary", "note", "as_of", "revision", "changed", "changed_iso", "evidence[].quote",
          "evidence[].locator", "evidence[].title", "evidence[].byline", "evidence[].url", "ledger_href", "canonical",
          "card_href", "oembed_href", "width", "height", "absolute", "image_png", "image_svg", "image_width",
          "image_height", "card_url", "citation_text", "cite_txt", "cite_bib", "cite_csl", "iframe_snippet",
          "html_snippet"}},
        {"card-svg",  // card_image_view
         {"width", "height", "label", "colour", "flag", "flag_width", "as_of", "display", "value_size", "value_y",
          "claim_lines[].y", "claim_lines[].text", "source_lines[].y", "source_lines[].text", "site_line", "revision"}},
        {"chart-card",  // chart_card_view
         {"id", "embed", "page", "language", "site_title", "title", "unit", "type", "dot", "svg", "rows[].label",
          "rows[].cells[].display", "rows[].cells[].href", "rows[].cells[].card_href", "rows[].cells[].status",
          "rows[].cells[].symbol", "rows[].cells[].flagged", "page_href", "page_title", "absolute", "canonical",
          "svg_href", "width", "height", "iframe_snippet", "html_snippet"}},
        {"report",  // report_view
         {"title", "description", "language", "css", "toc[].title", "toc[].id", "toc[].sections[].text",
          "toc[].sections[].id", "toc[].has_sections", "pages[].id", "pages[].article", "figures_total",
          "figures_verified", "sources_total", "counts[].status", "counts[].symbol", "counts[].count", "ledger",
          "sources", "legend", "content_dir", "date", "version"}},
    };
    return keys;
}

bool has_key_under(const std::set<std::string>& keys, const std::string& prefix) {
    auto it = keys.lower_bound(prefix);  // the first path that starts with `prefix`, if one does
    return it != keys.end() && it->compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

const std::set<std::string>& template_keys(const std::string& name) {
    static const std::set<std::string> none;
    auto it = all_keys().find(name);
    return it == all_keys().end() ? none : it->second;
}

bool has_key(const std::set<std::string>& keys, const std::string& path) {
    return keys.count(path) || has_key_under(keys, path + ".") || has_key_under(keys, path + "[]");
}

std::string key_path(const std::string& scope, const std::string& name) {
    return scope.empty() ? name : scope + "." + name;
}

std::vector<std::string> names_in_scope(const std::set<std::string>& keys, const std::string& scope) {
    const std::string prefix = scope.empty() ? "" : scope + ".";
    std::vector<std::string> names;
    for (auto it = keys.lower_bound(prefix); it != keys.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
        std::string name = it->substr(prefix.size(), it->find_first_of(".[", prefix.size()) - prefix.size());
        if (!name.empty() && (names.empty() || names.back() != name)) names.push_back(name);
    }
    return names;
}

std::optional<std::string> section_scope(const std::set<std::string>& keys, const std::string& path) {
    if (has_key_under(keys, path + "[]")) return path + "[]";
    if (has_key_under(keys, path + ".")) return path;
    return std::nullopt;
}

}  // namespace sourced
