// The sources page's entries (render/sources_page.h): one per source, in
// registry order, with the figures resting on it and the pages citing it.
#include <catch2/catch.hpp>

#include "sources_page.h"

using namespace sourced;

namespace {

TemplateEngine engine() {
    MemoryFileSystem files;
    files.add("t/sources.mustache", "{{total}} sources:{{{entries}}}");
    files.add("t/source-entry.mustache",
              "[{{id}} {{title}}{{#figures}} fig={{id}}@{{href}}{{/figures}}{{#pages}} page={{title}}@{{href}}{{/pages}}"
              "{{#missing_url}} no-url{{/missing_url}}]");
    Diagnostics ignored;  // the other templates are missing
    TemplateEngine templates;
    templates.load(files, "t", ignored);
    return templates;
}

}  // namespace

TEST_CASE("the sources page lists each source's figures once and the pages citing it once", "[sources_page]") {
    TemplateEngine templates = engine();
    Registry r;
    Source one;
    one.id = "s1";
    one.title = "One & only";
    one.url = "https://a.org/";
    Source two;
    two.id = "s2";
    two.title = "Two";
    r.sources = {one, two};
    Figure a;
    a.id = "a";
    a.evidence = {{"s1", "q1", ""}, {"s1", "q2", ""}};  // two quotes from one source: listed once
    Figure b;
    b.id = "b";
    b.evidence = {{"s2", "", ""}, {"s1", "", ""}};
    r.figures = {a, b};
    r.index();
    UsageIndex u;
    u.sources["s1"] = {{"p1", "P1", "cite-1"}, {"p1", "P1", "cite-2"}, {"p2", "P2", "x"}};

    const std::string s1 = "[s1 One &amp; only fig=a@../figures/index.html#fig-a fig=b@../figures/index.html#fig-b"
                           " page=P1@../p1.html page=P2@../p2.html]";
    const std::string s2 = "[s2 Two fig=b@../figures/index.html#fig-b no-url]";
    CHECK(render_sources({templates, templates}, r, u, "../") == "2 sources:" + s1 + s2);

    SourcesRender entries(r, u, LinkStyle::one_file());
    CHECK(entries.chunks() == 1);
    CHECK(entries.entry(1, templates) == "[s2 Two fig=b@#fig-b no-url]");
}
