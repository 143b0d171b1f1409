#include "site_extras.h"

#include "link_style.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "figure_markup.h"
#include "html_escape.h"
#include "site_views.h"
#include "status.h"
#include "structured_data.h"

namespace sourced {

using nlohmann::json;

namespace {

// Newest page date, as an RFC 3339 timestamp at midnight UTC; a fixed date
// when no page has one, so output stays deterministic.
std::string feed_updated(const std::vector<Page>& pages) {
    std::string newest;
    for (const Page& p : pages) newest = std::max(newest, p.meta.date);
    return (newest.empty() ? std::string("1970-01-01") : newest) + "T00:00:00Z";
}

std::string atom_feed(const LoadedContent& content) {
    const SiteConfig& c = content.config;
    std::vector<const Page*> dated;
    for (const Page& p : content.pages) dated.push_back(&p);
    std::stable_sort(dated.begin(), dated.end(), [](const Page* a, const Page* b) { return a->meta.date > b->meta.date; });
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    xml += "<title>" + escape_html(c.title) + "</title>\n";
    if (!c.description.empty()) xml += "<subtitle>" + escape_html(c.description) + "</subtitle>\n";
    xml += "<id>" + escape_html(c.base_url) + "</id>\n";
    xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + escape_html(c.base_url) + "\"/>\n";
    xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + escape_html(c.base_url + "feed.xml") + "\"/>\n";
    xml += "<updated>" + feed_updated(content.pages) + "</updated>\n";
    for (const std::string& a : c.authors) xml += "<author><name>" + escape_html(a) + "</name></author>\n";
    if (c.authors.empty()) xml += "<author><name>" + escape_html(c.title) + "</name></author>\n";
    xml += "<generator>sourced</generator>\n";
    for (const Page* p : dated) {
        std::string url = c.base_url + page_href(p->slug);
        std::string updated = (p->meta.date.empty() ? feed_updated(content.pages).substr(0, 10) : p->meta.date) + "T00:00:00Z";
        xml += "<entry>\n<title>" + escape_html(p->meta.title) + "</title>\n<id>" + escape_html(url) + "</id>\n";
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + escape_html(url) + "\"/>\n";
        xml += "<updated>" + updated + "</updated>\n";
        if (!p->meta.summary.empty()) xml += "<summary>" + escape_html(p->meta.summary) + "</summary>\n";
        xml += "</entry>\n";
    }
    return xml + "</feed>\n";
}

std::string sitemap(const std::string& base_url, const std::vector<std::string>& pages) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const std::string& href : pages)
        if (href != "404.html") xml += "<url><loc>" + escape_html(base_url + href) + "</loc></url>\n";
    return xml + "</urlset>\n";
}

}  // namespace

void add_crawler_files(const LoadedContent& content, const std::vector<std::string>& pages, OutputTree& tree) {
    const std::string& base = content.config.base_url;
    std::string robots = "User-agent: *\nAllow: /\n";
    if (!base.empty()) {
        robots += "Sitemap: " + base + "sitemap.xml\n";
        tree["sitemap.xml"] = sitemap(base, pages);
        tree["feed.xml"] = atom_feed(content);
    }
    tree["robots.txt"] = robots;
}

std::string search_entry(const Page& p) {
    return script_safe_json({{"kind", "page"}, {"title", p.meta.title}, {"text", p.meta.summary}, {"href", page_href(p.slug)}});
}


std::string search_entry(const Figure& f) {
    return script_safe_json({{"kind", "figure"},
                             {"title", f.display},
                             {"text", f.claim + " " + f.note + " " + f.id},
                             {"status", status_name(f.status)},
                             {"href", LinkStyle("").figure(f.id)}});
}

std::string search_entry(const Source& s) {
    std::string authors;
    for (const std::string& a : s.authors) authors += a + " ";
    return script_safe_json({{"kind", "source"},
                             {"title", s.title},
                             {"text", authors + s.container_title + " " + s.publisher + " " + s.issued},
                             {"href", LinkStyle("").source(s.id)}});
}

std::vector<std::string> search_entries(const LoadedContent& content) {
    std::vector<std::string> entries;
    entries.reserve(content.pages.size() + content.registry.figures.size() + content.registry.sources.size());
    for (const Page& p : content.pages) entries.push_back(search_entry(p));
    for (const Figure& f : content.registry.figures) entries.push_back(search_entry(f));
    for (const Source& s : content.registry.sources) entries.push_back(search_entry(s));
    return entries;
}

std::string search_index_js(const std::vector<std::string>& entries) {
    // The same text as script_safe_json of the whole list: compact JSON joins its items with ','.
    size_t size = 0;
    for (const std::string& entry : entries) size += entry.size() + 1;
    std::string js = "// Generated by sourced: the search index for assets/search.js.\nwindow.SOURCED_SEARCH = [";
    js.reserve(js.size() + size + 3);
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i) js += ',';
        js += entries[i];
    }
    return js + "];\n";
}

}  // namespace sourced
