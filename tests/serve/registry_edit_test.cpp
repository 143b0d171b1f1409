// The registry-edit fast path of `sourced serve` (registry_edit.h): which
// registry edits it takes and which it leaves to a full build, that it
// builds again only the pages using what changed, and, for the edits it
// takes, a served site and diagnostics byte-identical to a clean full
// build's, over the shipped content and a seeded random sequence of edits.
#include <catch2/catch.hpp>

#include <memory>
#include <random>

#include <nlohmann/json.hpp>

#include "page_edit.h"
#include "registry_edit.h"
#include "site_state.h"
#include "served_site.h"
#include "test_support.h"

using namespace sourced;
using nlohmann::json;

namespace {

const std::string kRegistry = "content/registry.json";

// The project's templates and assets with the shipped content/, its registry
// written the way these tests write it after each edit.
MemoryFileSystem shipped_site() {
    MemoryFileSystem files = test::shipped_site();
    files.add(kRegistry, json::parse(*files.read(kRegistry)).dump(2) + "\n");
    return files;
}

struct Served : test::ServedSite {
    using ServedSite::ServedSite;
    size_t pages_rebuilt = 0;

    // The fast path after registry.json changed; false if it declined.
    bool edit(const MemoryFileSystem& files) {
        BuildOptions options = this->options();
        auto what = touched_files(state, {kRegistry}, false, options);
        REQUIRE(what);
        REQUIRE(what->registry);
        auto edit = rebuild_after_registry_edit(state, files, options);
        if (!edit) return false;
        REQUIRE(edit->result.ok);
        pages_rebuilt = edit->pages;
        apply(*edit);
        return true;
    }
};


json registry_of(const MemoryFileSystem& files) { return json::parse(*files.read(kRegistry)); }
void write_registry(MemoryFileSystem& files, const json& registry) { files.add(kRegistry, registry.dump(2) + "\n"); }

json& figure(json& registry, const std::string& id) {
    for (json& f : registry["figures"])
        if (f["id"] == id) return f;
    FAIL("no figure " << id);
    throw;
}

// How many pages of the shipped content use figure `id` (fig: links and charts).
size_t pages_using(const Served& served, const std::string& id) {
    size_t n = 0;
    for (const PageState& page : served.state.pages)
        n += page.contribution.usage.figures.count(id);
    return n;
}

// Independently of the build: how many of the shipped Markdown files name
// figure `id` in a fig: link.
size_t markdown_files_naming(const MemoryFileSystem& files, const std::string& id) {
    size_t n = 0;
    for (const std::string& path : files.list("content", ".md"))  // every Markdown file under content/
        n += files.read(path)->find("fig:" + id + ")") != std::string::npos;
    return n;
}

}  // namespace

TEST_CASE("a figure's display text edited: only the pages using it are built again, identical to a full build",
          "[registry_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string id = "v4-pro-total-params";
    json registry = registry_of(files);
    figure(registry, id)["display"] = "1.6 trillion parameters (edited)";
    write_registry(files, registry);
    REQUIRE(served.edit(files));
    CHECK(served.pages_rebuilt == pages_using(served, id));
    CHECK(served.pages_rebuilt == markdown_files_naming(files, id));
    CHECK(markdown_files_naming(files, id) >= 2);  // the test means something only if several pages use it
    CHECK(served.pages_rebuilt < served.state.pages.size());
    CHECK(served.site.at("cards/" + id + ".html").find("(edited)") != std::string::npos);
    test::require_same_as_full_build(served, files);
}

TEST_CASE("a source's title and a derived figure's input edited, identical to a full build", "[registry_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    json registry = registry_of(files);
    registry["sources"][0]["title"] = registry["sources"][0]["title"].get<std::string>() + " (revised)";
    write_registry(files, registry);
    REQUIRE(served.edit(files));
    test::require_same_as_full_build(served, files);

    // A derived figure's arithmetic names other figures: editing one shows in the derived figure's pages too.
    for (json& f : registry["figures"])
        if (f.contains("derived")) {
            std::string display = f["display"];
            f["display"] = display + " (rev)";
            break;
        }
    write_registry(files, registry);
    REQUIRE(served.edit(files));
    test::require_same_as_full_build(served, files);
}

TEST_CASE("registry edits that change the site's shape are left to a full build", "[registry_edit]") {
    MemoryFileSystem files = shipped_site();
    Served served(files);
    const std::string original = *files.read(kRegistry);
    json registry = registry_of(files);
    SECTION("a figure added") {
        json extra = registry["figures"][0];
        extra["id"] = "an-added-figure";
        registry["figures"].push_back(extra);
        write_registry(files, registry);
        CHECK_FALSE(served.edit(files));
    }
    SECTION("figures reordered") {
        std::swap(registry["figures"][0], registry["figures"][1]);
        write_registry(files, registry);
        CHECK_FALSE(served.edit(files));
    }
    SECTION("a syntax error") {
        files.add(kRegistry, original.substr(0, original.size() / 2));
        CHECK_FALSE(served.edit(files));
    }
    SECTION("a rule broken") {
        figure(registry, "v4-pro-total-params")["status"] = "no-such-status";
        write_registry(files, registry);
        CHECK_FALSE(served.edit(files));
    }
    SECTION("the registry with a page") {
        auto what = touched_files(served.state, {kRegistry, "content/pages/pricing.md"}, false, served.options());
        REQUIRE(what);
        CHECK(what->registry);
        CHECK_FALSE(what->pages.empty());  // serve builds everything for this mix
    }
    files.add(kRegistry, original);
    test::require_same_as_full_build(served, files);  // declining left the state as it was
}

TEST_CASE("a seeded random sequence of registry edits stays identical to full builds", "[registry_edit]") {
    MemoryFileSystem files = shipped_site();
    auto served = std::make_unique<Served>(files);
    const std::vector<std::string> statuses = {"verified", "reported", "self-reported", "projected", "disputed", "unverified"};
    std::mt19937 random(20261202);
    int taken = 0;
    for (int step = 0; step < 14; ++step) {
        const std::string previous = *files.read(kRegistry);
        json registry = registry_of(files);
        json& figures = registry["figures"];
        json& f = figures[random() % figures.size()];
        switch (random() % 5) {
            case 0: f["display"] = f["display"].get<std::string>() + " *"; break;
            case 1: f["claim"] = f["claim"].get<std::string>() + " Edited."; break;
            case 2: f["note"] = "A note written at step " + std::to_string(step) + "."; break;
            case 3: f["status"] = statuses[random() % statuses.size()]; break;
            default: {
                json& s = registry["sources"][random() % registry["sources"].size()];
                s["title"] = s["title"].get<std::string>() + " (ed.)";
            }
        }
        write_registry(files, registry);
        INFO("step " << step << ": figure " << f["id"]);
        bool fast = served->edit(files);
        if (fast) ++taken;
        BuildResult clean = build_site(test::memory_options(), files);
        if (!clean.ok) {  // the edit broke a rule: undo it, as an author would
            CHECK_FALSE(fast);
            files.add(kRegistry, previous);
            continue;
        }
        if (!fast) served = std::make_unique<Served>(files);
        test::require_same_as_full_build(*served, files);
    }
    CHECK(taken > 5);
}
