// The dependency model of incremental builds (build/incremental_plan.h):
// what each unit's key depends on, and reusing a unit's previous bytes only
// when its key is unchanged and the bytes are intact. The rules end to end:
// tests/build/incremental_test.cpp.
#include <catch2/catch.hpp>

#include "incremental_plan.h"
#include "test_support.h"

using namespace sourced;

namespace {

const RegistryMarks no_marks;  // no registry checks ran

Registry registry_of(const std::string& text) {
    Diagnostics d;
    Registry registry = load_registry("content/registry.json", text, d);
    REQUIRE_FALSE(d.has_errors());
    return registry;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

Page page(const std::string& slug, const std::string& title) {
    Page p;
    p.path = "content/" + slug + ".md";
    p.slug = slug;
    p.meta.title = title;
    return p;
}

// A site of two pages over the sample registry, with a one-line template of each name.
struct Site {
    LoadedContent content;
    std::map<std::string, std::string> texts;
    MemoryFileSystem files;
    Site() {
        content.registry = registry_of(test::sample_registry());
        content.pages = {page("a", "A"), page("b", "B")};
        texts = {{"content/a.md", "---\ntitle: A\n---\nText a.\n"}, {"content/b.md", "---\ntitle: B\n---\nText b.\n"}};
        for (const char* const* name = TemplateEngine::kTemplateNames; *name; ++name)
            files.add(std::string("templates/") + *name + ".mustache", std::string(*name) + " template");
    }
};

const std::vector<std::string> kSitePages = {"index.html", "figures/index.html", "sources/index.html", "legend.html",
                                             "search.html", "404.html"};

// Every site-wide page's key, and each figure's card key.
std::map<std::string, std::string> keys(const Site& site, bool card_images = false) {
    BuildCache cache = BuildCache::in_memory();
    RenderPlan plan(cache, site.content, no_marks, site.texts, site.files, "templates", card_images);
    UsageIndex usage;
    std::map<std::string, std::string> keys;
    for (const std::string& path : kSitePages) keys[path] = plan.site_page_key(path, usage);
    for (const Figure& f : site.content.registry.figures) keys["cards/" + f.id] = plan.card_key(f);
    return keys;
}

// The units whose keys differ.
std::set<std::string> differing(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    std::set<std::string> units;
    for (const auto& [unit, key] : a)
        if (b.at(unit) != key) units.insert(unit);
    return units;
}

}  // namespace

TEST_CASE("a figure's print follows its entry, its sources and the figures its arithmetic names", "[incremental_plan]") {
    const std::string text = test::sample_registry();
    RegistryPrints base = registry_prints(registry_of(text), RegistryMarks());
    REQUIRE(base.figures.size() == 2);
    REQUIRE(base.sources.size() == 2);
    // The same entries at other lines of the file: the same prints.
    RegistryPrints moved = registry_prints(registry_of("\n\n\n" + text), RegistryMarks());
    CHECK(moved.figures == base.figures);
    CHECK(moved.sources == base.sources);
    // A figure's value: that figure's print only.
    RegistryPrints value = registry_prints(registry_of(replaced(text, "\"value\": 75,", "\"value\": 76,")), RegistryMarks());
    CHECK(value.figures.at("packaging-yield") != base.figures.at("packaging-yield"));
    CHECK(value.figures.at("v3-pretrain-gpu-hours") == base.figures.at("v3-pretrain-gpu-hours"));
    CHECK(value.sources == base.sources);
    // A source's title: that source's print and the prints of the figures resting on it.
    RegistryPrints source = registry_prints(registry_of(replaced(text, "CSIS analysis", "CSIS analysis, revised")), RegistryMarks());
    CHECK(source.sources.at("csis") != base.sources.at("csis"));
    CHECK(source.sources.at("v3-report") == base.sources.at("v3-report"));
    CHECK(source.figures.at("packaging-yield") != base.figures.at("packaging-yield"));
    CHECK(source.figures.at("v3-pretrain-gpu-hours") == base.figures.at("v3-pretrain-gpu-hours"));

    // What the checks left on a figure counts; so do the figures its arithmetic names.
    Registry registry = registry_of(text);
    RegistryMarks marks;
    marks.mark("packaging-yield").arithmetic = {{"v3-pretrain-gpu-hours", true}, {"/", false}, {"2", false}};
    RegistryPrints with_arithmetic = registry_prints(registry, marks);
    CHECK(with_arithmetic.figures.at("packaging-yield") != base.figures.at("packaging-yield"));
    registry.figures[0].value = 1;
    RegistryPrints input_changed = registry_prints(registry, marks);
    CHECK(input_changed.figures.at("packaging-yield") != with_arithmetic.figures.at("packaging-yield"));
    marks.mark("packaging-yield").stale = true;
    CHECK(registry_prints(registry, marks).figures.at("packaging-yield") != input_changed.figures.at("packaging-yield"));
}

TEST_CASE("each site-wide page's key changes with exactly what the page shows", "[incremental_plan]") {
    Site site;
    const auto base = keys(site);
    for (const auto& [unit, key] : base) CHECK_FALSE(key.empty());
    CHECK(keys(site) == base);  // deterministic

    BuildCache cache = BuildCache::in_memory();
    RenderPlan plan(cache, site.content, no_marks, site.texts, site.files, "templates", false);
    CHECK(plan.site_page_key("robots.txt", UsageIndex{}).empty());  // made every build
    CHECK(plan.site_page_key("assets/search-index.js", UsageIndex{}).empty());
    CHECK(plan.site_page_key("figures/report.html", UsageIndex{}).empty());

    Site value;  // a figure's value
    value.content.registry.figures[1].value = 76;
    CHECK(differing(base, keys(value)) ==
          std::set<std::string>{"figures/index.html", "sources/index.html", "cards/packaging-yield"});

    Site status;  // a figure's status: also the counts on the legend and the front page
    status.content.registry.figures[1].status = Status::disputed;
    CHECK(differing(base, keys(status)) == std::set<std::string>{"index.html", "figures/index.html", "sources/index.html",
                                                                 "legend.html", "cards/packaging-yield"});

    Site title;  // a page title: the navigation of every page; not the cards
    title.content.pages[1].meta.title = "B2";
    CHECK(differing(base, keys(title)) == std::set<std::string>(kSitePages.begin(), kSitePages.end()));

    Site summary;  // a page summary: the front page lists it
    summary.content.pages[0].meta.summary = "New summary";
    CHECK(differing(base, keys(summary)) == std::set<std::string>{"index.html"});

    Site not_found;  // a template: the units rendered through it
    not_found.files.add("templates/not_found.mustache", "changed");
    CHECK(differing(base, keys(not_found)) == std::set<std::string>{"404.html"});
    Site card;
    card.files.add("templates/card.mustache", "changed");
    CHECK(differing(base, keys(card)) == std::set<std::string>{"cards/packaging-yield", "cards/v3-pretrain-gpu-hours"});
    Site layout;
    layout.files.add("templates/layout.mustache", "changed");
    CHECK(differing(base, keys(layout)) == std::set<std::string>(kSitePages.begin(), kSitePages.end()));

    // Site settings and card images: every unit.
    Site settings;
    settings.content.config.base_url = "https://e.org/";
    CHECK(differing(base, keys(settings)).size() == base.size());
    CHECK(differing(base, keys(site, true)).size() == base.size());
}

TEST_CASE("an article's key follows its file, the navigation, its templates and the figures it uses", "[incremental_plan]") {
    Site site;
    auto key = [&](const Site& s) {
        BuildCache cache = BuildCache::in_memory();
        RenderPlan plan(cache, s.content, no_marks, s.texts, s.files, "templates", false);
        ResolvedPage uses;
        FigureUse use;
        use.figure = s.content.registry.figure("v3-pretrain-gpu-hours");
        uses.figures.push_back(use);
        return plan.article_key(s.content.pages[0], uses);
    };
    const std::string base = key(site);
    CHECK(key(site) == base);
    Site text;
    text.texts["content/a.md"] += "More.\n";
    CHECK(key(text) != base);
    Site other_page;  // another page's text: not this page
    other_page.texts["content/b.md"] += "More.\n";
    CHECK(key(other_page) == base);
    Site nav;  // another page's title: the navigation
    nav.content.pages[1].meta.title = "B2";
    CHECK(key(nav) != base);
    Site used;  // the figure it uses
    used.content.registry.figures[0].value = 1;
    CHECK(key(used) != base);
    Site unused;  // a figure it does not use
    unused.content.registry.figures[1].value = 1;
    CHECK(key(unused) == base);
    Site article;
    article.files.add("templates/article.mustache", "changed");
    CHECK(key(article) != base);
    Site legend;
    legend.files.add("templates/legend.mustache", "changed");
    CHECK(key(legend) == base);
}

TEST_CASE("a unit's previous bytes are reused when its key is unchanged and they are intact", "[incremental_plan]") {
    Site site;
    BuildCache cache = BuildCache::in_memory();
    int renders = 0;
    auto render = [&] {
        ++renders;
        return std::string("<p>legend</p>");
    };
    auto build = [&](const std::string& key, const OutputTree& tree) {
        RenderPlan plan(cache, site.content, no_marks, site.texts, site.files, "templates", false);
        std::string bytes = plan.file("legend.html", key, render);
        plan.commit(tree);
        return bytes;
    };
    const OutputTree good = {{"legend.html", "<p>legend</p>"}};
    CHECK(build("k1", good) == "<p>legend</p>");
    CHECK(renders == 1);
    CHECK(cache.rendered == std::set<std::string>{"legend.html"});
    CHECK(cache.reused.empty());

    CHECK(build("k1", good) == "<p>legend</p>");  // same key: the previous bytes
    CHECK(renders == 1);
    CHECK(cache.reused == std::set<std::string>{"legend.html"});
    CHECK(cache.rendered.empty());

    CHECK(build("k2", good) == "<p>legend</p>");  // another key: rendered again
    CHECK(renders == 2);
    CHECK(cache.rendered == std::set<std::string>{"legend.html"});

    build("k2", {{"legend.html", "<p>damaged</p>"}});  // reused (renders stays 2), but the site kept other bytes
    CHECK(renders == 2);
    CHECK(build("k2", good) == "<p>legend</p>");  // their hash is not the recorded one: rendered again
    CHECK(renders == 3);

    CHECK(build("", good) == "<p>legend</p>");  // no key: always rendered, never recorded
    CHECK(renders == 4);
    CHECK(cache.units.empty());
    CHECK(cache.rendered.empty());
}
