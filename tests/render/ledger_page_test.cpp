// The figure ledger's entries (render/ledger_page.h): one per figure, in
// registry order, with its uses and, on a site, its card links.
#include <catch2/catch.hpp>

#include "ledger_page.h"

using namespace sourced;

namespace {

TemplateEngine engine() {
    MemoryFileSystem files;
    files.add("t/figures.mustache", "{{total}} figures{{#has_cards}} +cards{{/has_cards}}:{{{entries}}}");
    files.add("t/ledger-entry.mustache",
              "[{{id}} {{value}} {{status}}{{#uses}} {{label}}={{href}}{{/uses}}{{#card_href}} card={{card_href}}{{/card_href}}"
              "{{#image_png}} png={{image_png}}{{/image_png}}]");
    Diagnostics ignored;  // the other templates are missing
    TemplateEngine templates;
    templates.load(files, "t", ignored);
    return templates;
}

Registry registry() {
    Registry r;
    Source s;
    s.id = "s1";
    s.title = "S";
    r.sources.push_back(s);
    Figure a;
    a.id = "a";
    a.value = 2664000;
    a.display = "2.66M";
    a.status = Status::verified;
    a.evidence = {{"s1", "q", ""}};
    Figure b;
    b.id = "b";
    b.value = 0.5;
    b.display = "0.5";
    b.status = Status::disputed;
    b.evidence = {{"s1", "", ""}};
    r.figures = {a, b};
    r.index();
    return r;
}

UsageIndex usage() {
    UsageIndex u;
    u.figures["a"] = {{"p1", "P1", "figref-a"}, {"p2", "P2", "figref-a-2"}};
    return u;
}

}  // namespace

TEST_CASE("the ledger lists every figure in registry order with its uses", "[ledger_page]") {
    TemplateEngine templates = engine();
    Registry r = registry();
    UsageIndex u = usage();
    CHECK(render_ledger({templates}, r, u, "../", {}) ==
          "2 figures:[a 2,664,000 verified a=../p1.html#figref-a b=../p2.html#figref-a-2][b 0.5 disputed]");
    // In a single file the uses are in-file anchors.
    CHECK(render_ledger({templates, templates}, r, u, LinkStyle::one_file(), {}) ==
          "2 figures:[a 2,664,000 verified a=#figref-a b=#figref-a-2][b 0.5 disputed]");
}

TEST_CASE("on a site the ledger's entries link their cards, and the PNG only with card images", "[ledger_page]") {
    TemplateEngine templates = engine();
    Registry r = registry();
    UsageIndex u = usage();
    SiteConfig config;
    LedgerRender with_images(r, u, "../", {&config, true});
    with_images.render_all({templates});
    CHECK(with_images.page(templates) ==
          "2 figures +cards:"
          "[a 2,664,000 verified a=../p1.html#figref-a b=../p2.html#figref-a-2 card=../cards/a.html png=../cards/a.png]"
          "[b 0.5 disputed card=../cards/b.html png=../cards/b.png]");
    LedgerRender without_images(r, u, "../", {&config, false});
    CHECK(without_images.entry(1, templates) == "[b 0.5 disputed card=../cards/b.html]");
}
