#include "structured_data.h"

#include <set>

namespace sourced {

using nlohmann::json;

namespace {

json creative_work(const Source& s) {
    json work = {{"@type", "CreativeWork"}, {"name", s.title}};
    if (!s.url.empty()) work["url"] = s.url;
    if (!s.issued.empty()) work["datePublished"] = s.issued;
    if (!s.container_title.empty()) work["isPartOf"] = s.container_title;
    if (!s.publisher.empty()) work["publisher"] = {{"@type", "Organization"}, {"name", s.publisher}};
    if (!s.authors.empty()) {
        json authors = json::array();
        for (const std::string& a : s.authors) authors.push_back({{"@type", "Person"}, {"name", a}});
        work["author"] = authors;
    }
    return work;
}

}  // namespace

json article_json_ld(const Page& page, const ResolvedPage& resolved, const Registry& registry, const SiteConfig& config,
                     const std::string& href) {
    json article = {{"@context", "https://schema.org"}, {"@type", "Article"}, {"headline", page.meta.title},
                    {"inLanguage", config.language}};
    if (!page.meta.summary.empty()) article["description"] = page.meta.summary;
    if (!page.meta.date.empty()) article["datePublished"] = page.meta.date;
    if (!config.base_url.empty()) article["url"] = config.base_url + href;
    if (!config.authors.empty()) {
        json authors = json::array();
        for (const std::string& a : config.authors) authors.push_back({{"@type", "Organization"}, {"name", a}});
        article["author"] = authors;
    }
    std::set<std::string> seen;
    json citations = json::array();
    auto cite = [&](const Source* s) {
        if (s && seen.insert(s->id).second) citations.push_back(creative_work(*s));
    };
    for (const PageSource& s : resolved.sources) cite(s.source);
    for (const FigureUse& use : resolved.figures)
        for (const Evidence& ev : use.figure->evidence) cite(registry.source(ev.source_id));
    if (!citations.empty()) article["citation"] = citations;
    return article;
}

std::string script_safe_json(const json& data) {
    std::string text = data.dump(-1, ' ', true);
    std::string safe;
    safe.reserve(text.size());
    for (char c : text) {
        if (c == '<') safe += "\\u003c";
        else if (c == '>') safe += "\\u003e";
        else if (c == '&') safe += "\\u0026";
        else safe += c;
    }
    return safe;
}

std::string json_ld_script(const json& data) {
    return "<script type=\"application/ld+json\">" + script_safe_json(data) + "</script>\n";
}

std::string with_head_html(std::string html, const std::string& extra) {
    auto at = html.find("</head>");
    if (at != std::string::npos) html.insert(at, extra);
    return html;
}

}  // namespace sourced
