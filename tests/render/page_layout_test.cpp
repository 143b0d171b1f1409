// The site's layout around a page's own HTML (render/page_layout.h).
#include <catch2/catch.hpp>

#include "content_loader.h"
#include "page_layout.h"

using namespace sourced;

namespace {

const char* const kLayout =
    "{{title}}|{{description}}|{{canonical}}|{{#nav}}[{{title}} {{href}}{{#current}} *{{/current}}]{{/nav}}|"
    "{{{content}}}|{{site.title}}";

TemplateEngine engine() {
    MemoryFileSystem files;
    files.add("t/layout.mustache", kLayout);
    files.add("t/article.mustache", "<article>{{title}}</article>");
    Diagnostics ignored;  // the other templates are missing
    TemplateEngine templates;
    templates.load(files, "t", ignored);
    return templates;
}

Page page(const std::string& slug, const std::string& title) {
    Page p;
    p.slug = slug;
    p.meta.title = title;
    return p;
}

}  // namespace

TEST_CASE("in_layout puts a page's HTML, as it is, in the layout with the site's navigation", "[page_layout]") {
    TemplateEngine templates = engine();
    SiteConfig config;
    config.title = "Chips & Co";
    config.description = "The site.";
    std::vector<Page> pages = {page("alpha", "Alpha"), page("beta", "Beta <2>")};
    SiteContext site{&config, &pages, "0.1.0"};
    // The content is spliced in: neither escaped nor read as a template.
    CHECK(in_layout(templates, site, "Beta <2>", "About beta.", "", "beta.html", "<p>x & {{title}}</p>") ==
          "Beta &lt;2&gt;|About beta.||[Alpha alpha.html][Beta &lt;2&gt; beta.html *]|<p>x & {{title}}</p>|Chips &amp; Co");
    // One level down; no description of its own: the site's; with a base URL: a canonical link.
    config.base_url = "https://e.org/";
    CHECK(in_layout(templates, site, "Ledger", "", "../", "figures/index.html", "L") ==
          "Ledger|The site.|https://e.org/figures/index.html|[Alpha ../alpha.html][Beta &lt;2&gt; ../beta.html]|L|Chips &amp; Co");
}

TEST_CASE("in_layout renders an inner template with its view into the layout", "[page_layout]") {
    TemplateEngine templates = engine();
    SiteConfig config;
    config.title = "S";
    std::vector<Page> pages;
    SiteContext site{&config, &pages, "0.1.0"};
    CHECK(in_layout(templates, site, "T", "D", "", "t.html", "article", {{"title", "H <1>"}}) ==
          "T|D|||<article>H &lt;1&gt;</article>|S");
}

TEST_CASE("the layout's navigation lists the first 30 pages, then a link to all of them", "[page_layout]") {
    TemplateEngine templates = engine();
    SiteConfig config;
    std::vector<Page> pages;
    for (int i = 1; i <= 31; ++i) pages.push_back(page("p" + std::to_string(i), "P" + std::to_string(i)));
    SiteContext site{&config, &pages, "0.1.0"};
    std::string nav;
    for (int i = 1; i <= 30; ++i) nav += "[P" + std::to_string(i) + " p" + std::to_string(i) + ".html]";
    nav += "[All 31 pages index.html]";
    CHECK(in_layout(templates, site, "T", "D", "", "x.html", "") == "T|D||" + nav + "||Untitled explainer");
    pages.pop_back();  // 30 pages: all listed, no link to the rest
    nav = nav.substr(0, nav.find("[All"));
    CHECK(in_layout(templates, site, "T", "D", "", "p30.html", "") ==
          "T|D||" + nav.substr(0, nav.size() - 1) + " *]||Untitled explainer");
}
