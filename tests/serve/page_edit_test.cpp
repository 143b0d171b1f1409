// The page-edit fast path of `sourced serve` (page_edit.h): which changes it
// takes and which it leaves to a full build, and, for those it takes, a
// served site and diagnostics byte-identical to a clean full build's, over
// the shipped content and a seeded random sequence of edits.
#include <catch2/catch.hpp>

#include <memory>
#include <random>

#include "page_edit.h"
#include "site_state.h"
#include "served_site.h"
#include "test_support.h"

using namespace sourced;

namespace {

MemoryFileSystem shipped_site() { return test::shipped_site(); }
// A site kept the way serve keeps it: the last good output, patched by edits.
struct Served : test::ServedSite {
    using ServedSite::ServedSite;

    // The fast path for `touched`; false if it declined.
    bool edit(const MemoryFileSystem& files, const std::set<std::string>& touched, std::set<std::string>* changed_files = nullptr) {
        BuildOptions options = this->options();
        auto what = touched_files(state, touched, false, options);
        if (!what || what->registry) return false;
        auto edit = rebuild_edited_pages(state, what->pages, files, options);
        if (!edit) return false;
        if (changed_files)
            for (const auto& entry : edit->changed) changed_files->insert(entry.first);
        apply(*edit);
        return true;
    }
};


std::string with_body_appended(const MemoryFileSystem& files, const std::string& path, const std::string& text) {
    return *files.read(path) + "\n" + text + "\n";
}

}  // namespace

TEST_CASE("an edit to a page's prose is rebuilt on the fast path, identical to a full build", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string page = "content/pages/pricing.md";
    files.add(page, with_body_appended(files, page, "A closing paragraph in plain words."));
    std::set<std::string> changed;
    REQUIRE(served.edit(files, {page}, &changed));
    CHECK(served.site.at("pricing.html").find("A closing paragraph in plain words.") != std::string::npos);
    // Plain prose with no figure, citation or number: the fast path hands back the
    // page and its one chart's card (made again with the page, byte-identical).
    CHECK(changed == std::set<std::string>{"pricing.html", "cards/chart-pricing-1.html", "cards/chart-pricing-1.embed.html",
                                           "cards/chart-pricing-1.svg"});
    test::require_same_as_full_build(served, files);
}

TEST_CASE("a new bare number in an edited page reaches the report page and the diagnostics", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string page = "content/pages/claims.md";
    const std::string before_report = served.site.at("figures/report.html");
    files.add(page, with_body_appended(files, page, "Some say it cost 4,321 GPU-hours more."));
    REQUIRE(served.edit(files, {page}));
    CHECK(served.site.at("figures/report.html") != before_report);
    CHECK(served.diagnostics.find("content/pages/claims.md") != std::string::npos);
    test::require_same_as_full_build(served, files);
}

TEST_CASE("edits that change more than a page's own file are left to a full build", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string page = "content/pages/pricing.md";
    const std::string original = *files.read(page);

    SECTION("its title") {
        std::string text = original;
        text.replace(text.find("title:"), 6, "title: Renamed,");
        files.add(page, text);
        CHECK_FALSE(served.edit(files, {page}));
    }
    SECTION("a figure it did not use before") {
        files.add(page, original + "\nAlso [](fig:v3-pretrain-gpu-hours).\n");
        CHECK_FALSE(served.edit(files, {page}));
    }
    SECTION("an error") {
        files.add(page, original + "\nSee [](fig:no-such-figure).\n");
        CHECK_FALSE(served.edit(files, {page}));
    }
    SECTION("a file that is not a page") {
        CHECK_FALSE(served.edit(files, {"content/registry.json"}));
        CHECK_FALSE(served.edit(files, {"content/site.json"}));
        CHECK_FALSE(served.edit(files, {"templates/layout.mustache"}));
        CHECK_FALSE(served.edit(files, {"assets/.hidden"}));  // every asset is published
    }
    SECTION("a new page, a removed page") {
        files.add("content/pages/new.md", "---\ntitle: New\n---\nNew.\n");
        CHECK_FALSE(served.edit(files, {"content/pages/new.md"}));
        files.remove(page);
        CHECK_FALSE(served.edit(files, {page}));
    }
    SECTION("a directory") {
        BuildOptions options = served.options();
        CHECK_FALSE(touched_files(served.state, {page}, true, options));
    }
    // None of these touched the state: the site is still the first build's.
    files.add(page, original);
    files.remove("content/pages/new.md");
    test::require_same_as_full_build(served, files);
}

TEST_CASE("an editor's temporary files in content/ do not stop the fast path", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string page = "content/pages/pricing.md";
    files.add(page, with_body_appended(files, page, "Saved from an editor."));
    BuildOptions options = served.options();
    auto what = touched_files(served.state,
                              {page, "content/pages/.pricing.md.swp", "content/pages/4913", "content/pages/pricing.md~"},
                              false, options);
    REQUIRE(what);
    CHECK(what->pages.size() == 1);
    CHECK_FALSE(what->registry);
    auto only_temporaries = touched_files(served.state, {"content/pages/.pricing.md.swp"}, false, options);
    REQUIRE(only_temporaries);
    CHECK(only_temporaries->pages.empty());
    REQUIRE(served.edit(files, {page, "content/pages/4913"}));
    test::require_same_as_full_build(served, files);
}

TEST_CASE("a failed full build leaves no state for the fast path", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    SiteState state;
    files.add("content/pages/broken.md", "---\ntitle: Broken\n---\nSee [](fig:no-such-figure).\n");
    BuildOptions options = test::memory_options();
    options.keep_state = &state;
    BuildResult result = build_site(options, files);
    REQUIRE_FALSE(result.ok);
    CHECK_FALSE(state.valid);
    CHECK_FALSE(touched_files(state, {"content/pages/pricing.md"}, false, options));
}

TEST_CASE("a seeded random sequence of prose edits stays identical to full builds", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    auto served = std::make_unique<Served>(files);
    std::vector<std::string> pages = files.list("content/pages", ".md");
    REQUIRE(pages.size() > 3);
    const std::vector<std::string> paragraphs = {
        "A plain sentence with no figure in it.",
        "A sentence with a bare number: 812 accelerators.",
        "A list follows.\n\n- one item\n- another item",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "A heading follows.\n\n## Added heading",
        "Roughly 35 per cent of them, unsourced.",
    };
    std::mt19937 random(20261202);
    int taken = 0;
    for (int step = 0; step < 12; ++step) {
        const std::string& page = pages[random() % pages.size()];
        files.add(page, with_body_appended(files, page, paragraphs[random() % paragraphs.size()]));
        INFO("step " << step << ": " << page);
        if (served->edit(files, {page})) ++taken;
        else served = std::make_unique<Served>(files);  // declined: serve builds everything
        test::require_same_as_full_build(*served, files);
    }
    CHECK(taken > 6);
}

TEST_CASE("with --strict, an edit that brings a warning is left to a full build", "[page_edit]") {
    MemoryFileSystem files = shipped_site();
    SiteState state;
    BuildOptions options = test::memory_options();
    options.keep_state = &state;
    options.strict = true;
    BuildResult first = build_site(options, files);
    INFO(test::diagnostics_text(first));
    REQUIRE(first.ok);
    REQUIRE(first.diagnostics.warning_count() == 0);
    const std::string page = "content/pages/pricing.md";
    auto what = touched_files(state, {page}, false, options);
    REQUIRE(what);

    files.add(page, with_body_appended(files, page, "A quiet sentence."));
    CHECK(rebuild_edited_pages(state, what->pages, files, options));  // no warning: taken
    files.add(page, with_body_appended(files, page, "It cost 4,321 GPU-hours, they say."));
    CHECK_FALSE(rebuild_edited_pages(state, what->pages, files, options));  // a bare number (SRC001)
    options.strict = false;
    CHECK(rebuild_edited_pages(state, what->pages, files, options));
}
