// Incremental builds (incremental_plan.h, build_cache.h): each dependency
// rule (change X -> exactly the units Y are rendered again), byte-identity
// with a clean full build after a seeded random sequence of edits, and a
// disk cache that is discarded when corrupt or from another version.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <set>

#include "build_cache.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

using Units = std::set<std::string>;

const char* kSiteJson = R"({"title": "Incremental test", "description": "A site for the incremental tests.", "language": "en"})";

std::string page(const std::string& title, const std::string& body, int weight) {
    return "---\ntitle: " + title + "\nsummary: About " + title + ".\nweight: " + std::to_string(weight) + "\n---\n" + body;
}

// Three pages: one uses the compute figure, two the yield figure and cites
// csis, three only cites the report. No index.md: the front page is generated.
MemoryFileSystem sample_site() {
    MemoryFileSystem files = test::project_files();
    files.add("content/site.json", kSiteJson);
    files.add("content/registry.json", test::sample_registry());
    files.add("content/pages/one.md", page("One", "Compute was [](fig:v3-pretrain-gpu-hours) in all.\n", 1));
    files.add("content/pages/two.md", page("Two", "Yield was [](fig:packaging-yield), says [@csis].\n", 2));
    files.add("content/pages/three.md", page("Three", "Prose only, after [@v3-report].\n", 3));
    return files;
}

BuildOptions options_for(BuildCache* cache) {
    BuildOptions options = test::memory_options();
    options.incremental = cache;
    return options;
}

OutputTree clean_build(const MemoryFileSystem& files) {
    BuildResult result = build_site(options_for(nullptr), files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    return result.output;
}

// Builds incrementally with `cache`, checks the result equals a clean build
// byte for byte, and returns the units that were rendered again.
Units rebuild(const MemoryFileSystem& files, BuildCache& cache) {
    BuildResult result = build_site(options_for(&cache), files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    OutputTree clean = clean_build(files);
    std::set<std::string> differing = test::differing_files(clean, result.output);
    CAPTURE(differing);
    CHECK(differing.empty());
    return cache.rendered;
}

const Units kArticles = {"one.html", "two.html", "three.html"};
const Units kSitePages = {"index.html", "figures/index.html", "sources/index.html", "legend.html", "search.html", "404.html"};
const Units kCards = {"cards/v3-pretrain-gpu-hours", "cards/packaging-yield"};

Units join(std::initializer_list<Units> sets) {
    Units all;
    for (const Units& s : sets) all.insert(s.begin(), s.end());
    return all;
}

void replace(MemoryFileSystem& files, const std::string& path, const std::string& from, const std::string& to) {
    std::string text = *files.read(path);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    files.add(path, text.replace(at, from.size(), to));
}

}  // namespace

TEST_CASE("the first incremental build renders every unit and an unchanged site renders none", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    CHECK(rebuild(files, cache) == join({kArticles, kSitePages, kCards}));
    CHECK(rebuild(files, cache).empty());
    CHECK(cache.reused == join({kArticles, kSitePages, kCards}));
}

TEST_CASE("incremental rule: a page's prose renders only that page", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/pages/three.md", "Prose only", "Prose, edited,");
    CHECK(rebuild(files, cache) == Units{"three.html"});
}

TEST_CASE("incremental rule: a page's new figure use renders the page, the ledger and the sources page", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/pages/three.md", "Prose only", "Prose and [](fig:packaging-yield)");
    CHECK(rebuild(files, cache) == Units{"three.html", "figures/index.html", "sources/index.html"});
}

TEST_CASE("incremental rule: a figure's value renders the pages using it, its card, the ledger and sources", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/registry.json", R"("value": 75, "unit": "%", "display": "75%")", R"("value": 76, "unit": "%", "display": "76%")");
    CHECK(rebuild(files, cache) ==
          Units{"two.html", "cards/packaging-yield", "figures/index.html", "sources/index.html"});
}

TEST_CASE("incremental rule: a figure's status also renders the legend and the front page counts", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/registry.json", R"("status": "reported")", R"("status": "disputed")");
    CHECK(rebuild(files, cache) == Units{"two.html", "cards/packaging-yield", "figures/index.html", "sources/index.html",
                                         "legend.html", "index.html"});
}

TEST_CASE("incremental rule: a source renders the pages, cards and lists that show it", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/registry.json", R"("title": "CSIS analysis")", R"("title": "CSIS analysis, revised")");
    CHECK(rebuild(files, cache) ==
          Units{"two.html", "cards/packaging-yield", "figures/index.html", "sources/index.html"});
}

TEST_CASE("incremental rule: a source read via another renders again when that other source changes", "[incremental]") {
    MemoryFileSystem files = sample_site();
    // csis was read via the V3 report: every citation of csis names the report's title.
    replace(files, "content/registry.json", R"("custom": {"kind": "secondary"})", R"("custom": {"kind": "secondary", "via": "v3-report"})");
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/registry.json", "DeepSeek-V3 Technical Report", "DeepSeek-V3 Technical Report, revised");
    Units rendered = rebuild(files, cache);  // equals a clean build
    // two.html cites csis only, yet shows "read via" the report's new title; so does the yield card.
    CHECK(rendered.count("two.html") == 1);
    CHECK(rendered.count("cards/packaging-yield") == 1);
}

TEST_CASE("incremental rule: a page title changes the navigation on every page", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/pages/three.md", "title: Three", "title: Third");
    // Every page with the layout (its navigation lists the titles); cards have none.
    CHECK(rebuild(files, cache) == join({kArticles, kSitePages}));
}

TEST_CASE("incremental rule: a title the navigation does not list renders that page and the front page", "[incremental]") {
    MemoryFileSystem files = sample_site();
    for (int i = 0; i < 30; ++i)  // 30 more pages before "One": the layout lists only the first 30
        files.add("content/pages/early" + std::to_string(i) + ".md", page("Early " + std::to_string(i), "Prose.\n", -1));
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/pages/one.md", "title: One", "title: One, renamed");
    // The front page lists every page; the ledger lists the page's figure use by
    // its title, and the sources page lists it under the figure's source.
    CHECK(rebuild(files, cache) == Units{"one.html", "index.html", "figures/index.html", "sources/index.html"});
}

TEST_CASE("incremental rule: a page summary renders that page and the front page", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    // The summary shows under the page's title and in the front page's list of
    // pages; nothing else shows it (the navigation lists titles only).
    replace(files, "content/pages/three.md", "summary: About Three.", "summary: All about the third page.");
    CHECK(rebuild(files, cache) == Units{"three.html", "index.html"});
}

TEST_CASE("incremental rule: a template renders what uses it", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    files.add("templates/legend.mustache", *files.read("templates/legend.mustache") + "\n<!-- legend edited -->\n");
    CHECK(rebuild(files, cache) == Units{"legend.html"});
    files.add("templates/article.mustache", *files.read("templates/article.mustache") + "\n<!-- article edited -->\n");
    CHECK(rebuild(files, cache) == kArticles);
    files.add("templates/card.mustache", *files.read("templates/card.mustache") + "\n<!-- card edited -->\n");
    CHECK(rebuild(files, cache) == kCards);
    files.add("templates/source-entry.mustache", *files.read("templates/source-entry.mustache") + "<!-- entry edited -->\n");
    CHECK(rebuild(files, cache) == Units{"sources/index.html"});
    files.add("templates/ledger-entry.mustache", *files.read("templates/ledger-entry.mustache") + "<!-- entry edited -->\n");
    CHECK(rebuild(files, cache) == Units{"figures/index.html"});
    files.add("templates/layout.mustache", *files.read("templates/layout.mustache") + "\n<!-- layout edited -->\n");
    CHECK(rebuild(files, cache) == join({kArticles, kSitePages}));
}

TEST_CASE("incremental rule: site settings render every unit", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    replace(files, "content/site.json", "Incremental test", "Incremental test, renamed");
    CHECK(rebuild(files, cache) == join({kArticles, kSitePages, kCards}));
}

TEST_CASE("incremental rule: adding or removing a page renders what lists pages", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    files.add("content/pages/four.md", page("Four", "More prose.\n", 4));
    CHECK(rebuild(files, cache) == join({kArticles, kSitePages, {"four.html"}}) );
    files.remove("content/pages/four.md");
    Units rendered = rebuild(files, cache);
    CHECK(rendered == join({kArticles, kSitePages}));
}

TEST_CASE("after a seeded random sequence of edits each incremental build equals a clean build", "[incremental]") {
    MemoryFileSystem files = sample_site();
    BuildCache cache = BuildCache::in_memory();
    rebuild(files, cache);
    std::mt19937 rng(20261201);
    std::set<int> extra_pages;
    int next_page = 10;
    for (int step = 0; step < 40; ++step) {
        int kind = std::uniform_int_distribution<int>(0, 7)(rng);
        int n = std::uniform_int_distribution<int>(1, 999)(rng);
        std::string tag = std::to_string(step) + "x" + std::to_string(n);
        INFO("step " << step << " edit kind " << kind);
        switch (kind) {
        case 0:  // page text
            files.add("content/pages/one.md", page("One", "Compute was [](fig:v3-pretrain-gpu-hours), " + tag + ".\n", 1));
            break;
        case 1: {  // figure value and display
            std::string text = *files.read("content/registry.json");
            auto at = text.find("\"value\": ", text.find("packaging-yield"));  // the display states the value (SRC012)
            auto end = text.find('"', text.find("\"display\": \"", at) + 12);
            files.add("content/registry.json",
                      text.replace(at, end - at + 1, "\"value\": " + std::to_string(n) + ", \"unit\": \"%\", \"display\": \"" +
                                                         std::to_string(n) + "%\""));
            break;
        }
        case 2:  // template
            files.add("templates/sources.mustache", *files.read("templates/sources.mustache") + "<!-- " + tag + " -->");
            break;
        case 3: {  // title (and so the order: pages of equal weight sort by title)
            std::string text = *files.read("content/pages/two.md");
            text.replace(text.find("title: ") + 7, text.find('\n', text.find("title: ")) - text.find("title: ") - 7, "Two " + tag);
            files.add("content/pages/two.md", text);
            break;
        }
        case 4:  // add a page that uses a figure
            files.add("content/pages/p" + std::to_string(next_page) + ".md",
                      page("Added " + tag, "Also [](fig:packaging-yield) here.\n", n % 5));
            extra_pages.insert(next_page++);
            break;
        case 5:  // remove an added page
            if (!extra_pages.empty()) {
                files.remove("content/pages/p" + std::to_string(*extra_pages.begin()) + ".md");
                extra_pages.erase(extra_pages.begin());
            }
            break;
        case 6:  // a source
            replace(files, "content/registry.json", "CSIS analysis", "CSIS analysis " + tag);
            break;
        default: {  // a page summary, nothing else
            std::string text = *files.read("content/pages/three.md");
            auto at = text.find("summary: ") + 9;
            files.add("content/pages/three.md", text.replace(at, text.find('\n', at) - at, "Summary " + tag + "."));
            break;
        }
        }
        rebuild(files, cache);  // checks byte-identity with a clean build
    }
}

TEST_CASE("sourced build --incremental reuses the previous site and equals a clean build", "[incremental]") {
    test::TempDir tmp;
    DiskFileSystem disk;
    MemoryFileSystem memory = sample_site();
    for (const char* path : {"content/site.json", "content/registry.json", "content/pages/one.md", "content/pages/two.md",
                             "content/pages/three.md"})
        test::write_file(tmp.path() / path, *memory.read(path));
    BuildOptions options = options_for(nullptr);
    options.content_dir = (tmp.path() / "content").string();
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.out_dir = (tmp.path() / "site").string();
    options.write = true;

    auto build_with_cache = [&](std::string& note) {
        BuildCache cache = BuildCache::for_output_dir(options.out_dir);
        cache.load(note);
        BuildOptions run = options;
        run.incremental = &cache;
        BuildResult result = build_site(run, disk);
        INFO(test::diagnostics_text(result));
        REQUIRE(result.ok);
        std::string error;
        REQUIRE(cache.save(error));
        return cache.rendered;
    };
    std::string note;
    CHECK(build_with_cache(note).size() == join({kArticles, kSitePages, kCards}).size());
    fs::path manifest = tmp.path() / ".sourced-cache" / "site.json";
    REQUIRE(fs::exists(manifest));
    CHECK(build_with_cache(note).empty());

    SECTION("an edit renders only what depends on it, and the site equals a clean build") {
        test::write_file(tmp.path() / "content/pages/three.md", page("Three", "Prose, edited, after [@v3-report].\n", 3));
        CHECK(build_with_cache(note) == Units{"three.html"});
        BuildOptions clean = options;
        clean.write = false;
        OutputTree expected = build_site(clean, disk).output;
        for (const auto& [path, bytes] : expected) {
            INFO(path);
            CHECK(test::read_file(tmp.path() / "site" / path) == bytes);
        }
    }
    SECTION("a previous output changed on disk is not trusted") {
        test::write_file(tmp.path() / "site" / "two.html", "tampered");
        CHECK(build_with_cache(note) == Units{"two.html"});
        CHECK(test::read_file(tmp.path() / "site" / "two.html").find("tampered") == std::string::npos);
    }
    SECTION("a corrupt manifest is discarded with a note") {
        test::write_file(manifest, "{\"version\": \"sourced");
        BuildCache cache = BuildCache::for_output_dir(options.out_dir);
        CHECK_FALSE(cache.load(note));
        CHECK(note.find("discarded") != std::string::npos);
        CHECK(note.find("not valid JSON") != std::string::npos);
        CHECK(cache.units.empty());
        CHECK(build_with_cache(note).size() == join({kArticles, kSitePages, kCards}).size());
    }
    SECTION("a manifest from another version is discarded with a note") {
        std::string text = test::read_file(manifest);
        std::string stamp = cache_version_stamp();
        text.replace(text.find(stamp), stamp.size(), "sourced 0.0.1 cache 1");
        test::write_file(manifest, text);
        BuildCache cache = BuildCache::for_output_dir(options.out_dir);
        CHECK_FALSE(cache.load(note));
        CHECK(note.find("made by sourced 0.0.1 cache 1") != std::string::npos);
        CHECK(cache.units.empty());
    }
    SECTION("a manifest with a malformed unit is discarded") {
        test::write_file(manifest, "{\"version\": \"" + cache_version_stamp() +
                                       "\", \"units\": {\"one.html\": {\"key\": 1, \"files\": {}}}}");
        BuildCache cache = BuildCache::for_output_dir(options.out_dir);
        CHECK_FALSE(cache.load(note));
        CHECK(note.find("malformed") != std::string::npos);
    }
}

TEST_CASE("the --incremental flag of sourced build keeps its cache beside the output and notes a discarded one", "[incremental]") {
    test::TempDir tmp;
    fs::copy(std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content", tmp.path() / "content", fs::copy_options::recursive);
    auto build = [&](const std::string& out, const std::string& flags) {
        std::string command = std::string(SOURCED_BINARY) + " build --no-card-images " + flags + " --content " +
                              (tmp.path() / "content").string() + " --out " + (tmp.path() / out).string() + " >" +
                              (tmp.path() / "log").string() + " 2>&1";
        CHECK(std::system(command.c_str()) == 0);
        return test::read_file(tmp.path() / "log");
    };
    CHECK(build("site", "--incremental").find("(incremental: rendered ") != std::string::npos);
    CHECK(fs::exists(tmp.path() / ".sourced-cache" / "site.json"));
    CHECK(build("site", "--incremental").find("(incremental: rendered 0, reused ") != std::string::npos);
    test::write_file(tmp.path() / ".sourced-cache" / "site.json", "not json");
    std::string log = build("site", "--incremental");
    CHECK(log.find("note: discarded the incremental cache") != std::string::npos);
    CHECK(log.find("(incremental: rendered 0,") == std::string::npos);
    build("clean", "");
    CHECK_FALSE(fs::exists(tmp.path() / ".sourced-cache" / "clean.json"));  // only --incremental keeps a cache
    for (const auto& entry : fs::recursive_directory_iterator(tmp.path() / "clean")) {
        if (!entry.is_regular_file()) continue;
        fs::path relative = fs::relative(entry.path(), tmp.path() / "clean");
        INFO(relative);
        CHECK(test::read_file(tmp.path() / "site" / relative) == test::read_file(entry.path()));
    }
}
