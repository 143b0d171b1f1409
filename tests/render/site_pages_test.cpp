// The site-wide pages made from the whole site (render/site_pages.h): which
// there are, where they go, and what each is rendered from.
#include <catch2/catch.hpp>

#include "site_pages.h"

using namespace sourced;

namespace {

TemplateEngine engine() {
    MemoryFileSystem files;
    files.add("t/layout.mustache", "{{title}}|{{root}}|{{{content}}}|end");
    files.add("t/home.mustache", "HOME");
    files.add("t/legend.mustache", "LEGEND");
    files.add("t/search.mustache", "SEARCH");
    files.add("t/not_found.mustache", "404 at {{root}}");
    Diagnostics ignored;  // the other templates are missing
    TemplateEngine templates;
    templates.load(files, "t", ignored);
    return templates;
}

std::vector<std::string> paths(const std::vector<SitePage>& pages) {
    std::vector<std::string> list;
    for (const SitePage& p : pages) list.push_back(p.path);
    return list;
}

}  // namespace

TEST_CASE("the site-wide pages are the front page unless the content has one, the report, legend, search and 404",
          "[site_pages]") {
    LoadedContent content;
    content.config.title = "My site";
    SiteContext site{&content.config, &content.pages, "0.1.0"};
    CheckReport report;
    CHECK(paths(site_pages(content, site, report, false)) ==
          std::vector<std::string>{"index.html", "figures/report.html", "legend.html", "search.html", "404.html"});
    CHECK(paths(site_pages(content, site, report, true)) ==
          std::vector<std::string>{"figures/report.html", "legend.html", "search.html", "404.html"});
}

TEST_CASE("each site-wide page is its template in the layout, at its depth", "[site_pages]") {
    TemplateEngine templates = engine();
    LoadedContent content;
    content.config.title = "My site";
    SiteContext site{&content.config, &content.pages, "0.1.0"};
    CheckReport report;
    std::map<std::string, std::string> html;
    for (const SitePage& page : site_pages(content, site, report, false)) html[page.path] = page.render(templates);
    CHECK(html.at("index.html") == "My site||HOME|end");
    CHECK(html.at("legend.html") == "How figures are rated||LEGEND|end");
    CHECK(html.at("search.html") == "Search||SEARCH|end");
    CHECK(html.at("404.html") == "Page not found||404 at |end");
    CHECK(html.at("figures/report.html").rfind("Build report|../|<article class=\"report\">", 0) == 0);
    // A 404 page is served at any depth: with a base URL its links are absolute.
    content.config.base_url = "https://e.org/x/";
    for (const SitePage& page : site_pages(content, site, report, true))
        if (page.path == "404.html")
            CHECK(page.render(templates) == "Page not found|https://e.org/x/|404 at https://e.org/x/|end");
}

TEST_CASE("the sources page and the ledger get the layout split where their lists go", "[site_pages]") {
    TemplateEngine templates = engine();
    SiteConfig config;
    std::vector<Page> pages;
    SiteContext site{&config, &pages, "0.1.0"};
    TemplateEngine::Around sources = sources_layout(templates, site);
    CHECK(sources.found);
    CHECK(sources.before == "Sources|../|");
    CHECK(sources.after == "|end");
    TemplateEngine::Around ledger = ledger_layout(templates, site);
    CHECK(ledger.found);
    CHECK(ledger.before == "Figure ledger|../|");
    CHECK(ledger.after == "|end");
    CHECK(std::string(kLedgerPath) == "figures/index.html");
    CHECK(std::string(kSourcesPath) == "sources/index.html");
}
