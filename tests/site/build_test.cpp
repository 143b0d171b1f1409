// End-to-end: build the fixture site in tests/fixtures/mini into a temporary
// directory with the real binary, and read the HTML it wrote.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content";

int run(const std::string& args, const fs::path& log) {
    std::string command = std::string(SOURCED_BINARY) + " " + args + " >" + log.string() + " 2>&1";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::map<std::string, std::string> read_tree(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files[fs::relative(entry.path(), root).generic_string()] = test::read_file(entry.path());
    return files;
}

}  // namespace

TEST_CASE("building the fixture writes a complete site with every figure resolved", "[e2e]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    REQUIRE(run("build --content " + kFixture + " --out " + out.string(), tmp.path() / "log") == 0);
    CHECK(test::read_file(tmp.path() / "log").find("built 2 pages, 2 figures (1 flagged), 3 sources") != std::string::npos);

    for (const char* file : {"index.html", "second.html", "figures/index.html", "sources/index.html", "legend.html",
                             "assets/sourced.css", ".sourced-site"})
        CHECK(fs::exists(out / file));

    auto files = read_tree(out);
    for (const auto& [path, html] : files) {
        INFO(path);
        CHECK(html.find("href=\"fig:") == std::string::npos);
        CHECK(html.find("href=\"cite:") == std::string::npos);
        // All links relative, so the site works from file://
        CHECK(html.find("href=\"/") == std::string::npos);
    }

    const std::string& index = files["index.html"];
    // The reported figure is flagged; the verified one is not.
    CHECK(index.find("<span class=\"fig fig--reported\" id=\"figref-packaging-yield-1\">") != std::string::npos);
    CHECK(index.find("<span class=\"flag flag--reported\"><span aria-hidden=\"true\">◆</span> reported</span>") != std::string::npos);
    CHECK(index.find("<span class=\"fig fig--verified\" id=\"figref-v3-pretrain-gpu-hours-1\">") != std::string::npos);
    CHECK(test::count_occurrences(index, "flag flag--") == 1);
    // [](fig:id) takes the registry's display text.
    CHECK(index.find("aria-describedby=\"card-figref-packaging-yield-1\">75%<span") != std::string::npos);
    // Cards carry the claim, the evidence quote and the source.
    CHECK(index.find("<q>our pre-training stage is completed in less than two months and costs 2664K GPU hours</q>") != std::string::npos);
    CHECK(index.find("<a href=\"https://arxiv.org/abs/2412.19437\">“DeepSeek-V3 Technical Report”</a>") != std::string::npos);
    // Sources list with back-links to each place the page rests on the source.
    CHECK(index.find("<li id=\"ref-csis\"><span class=\"references__back\">^ <a href=\"index.html#figref-packaging-yield-1\"") != std::string::npos);
    CHECK(index.find("<a href=\"index.html#cite-csis-1\" aria-label=\"Back to use b\">b</a>") != std::string::npos);
    CHECK(index.find("<a class=\"cite\" id=\"cite-csis-1\" href=\"#ref-csis\">CSIS<sup class=\"cite__number\">[2]</sup></a>") != std::string::npos);
    // Raw HTML in a page is filtered.
    CHECK(files["second.html"].find("<script>alert(1)</script>") == std::string::npos);

    // The ledger links back to every use of each figure.
    const std::string& ledger = files["figures/index.html"];
    CHECK(ledger.find("id=\"fig-packaging-yield\"") != std::string::npos);
    CHECK(ledger.find("<a href=\"../index.html#figref-packaging-yield-1\">Mini front page</a>") != std::string::npos);
    CHECK(ledger.find("<a href=\"../second.html#figref-packaging-yield-2\">Second page</a>") != std::string::npos);
    // The sources page lists the figures resting on each source.
    const std::string& sources = files["sources/index.html"];
    CHECK(sources.find("id=\"source-csis\"") != std::string::npos);
    CHECK(sources.find("<a href=\"../figures/index.html#fig-packaging-yield\">75%</a>") != std::string::npos);
    // Navigation in weight order.
    CHECK(index.find("Mini front page") < index.find("Second page"));
}

TEST_CASE("the same input gives byte-identical output", "[e2e]") {
    test::TempDir tmp;
    REQUIRE(run("build --content " + kFixture + " --out " + (tmp.path() / "a").string(), tmp.path() / "log") == 0);
    REQUIRE(run("build --content " + kFixture + " --out " + (tmp.path() / "b").string(), tmp.path() / "log") == 0);
    CHECK(read_tree(tmp.path() / "a") == read_tree(tmp.path() / "b"));
}

TEST_CASE("a failed build reports every error and leaves the previous site untouched", "[e2e]") {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content";
    fs::copy(kFixture, content, fs::copy_options::recursive);
    fs::path out = tmp.path() / "site";
    REQUIRE(run("build --content " + content.string() + " --out " + out.string(), tmp.path() / "log") == 0);
    auto before = read_tree(out);

    test::write_file(content / "pages" / "broken.md",
                     "---\ntitle: Broken\n---\nSee [x](fig:packaging-yeild) and [y](cite:nobody).\n");
    REQUIRE(run("build --content " + content.string() + " --out " + out.string(), tmp.path() / "log") == 1);
    std::string log = test::read_file(tmp.path() / "log");
    std::string page = (content / "pages" / "broken.md").string();
    CHECK(log.find(page + ":4:5: error[REF001]: unknown figure 'packaging-yeild' (did you mean 'packaging-yield'?)") != std::string::npos);
    CHECK(log.find(page + ":4:34: error[REF002]: unknown source 'nobody'") != std::string::npos);
    CHECK(log.find("build failed: 2 errors") != std::string::npos);
    CHECK(read_tree(out) == before);
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("the build refuses to replace a directory it did not create", "[e2e]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "precious";
    test::write_file(out / "thesis.txt", "do not delete");
    CHECK(run("build --content " + kFixture + " --out " + out.string(), tmp.path() / "log") == 1);
    CHECK(test::read_file(tmp.path() / "log").find("refusing to replace a directory that sourced did not create") != std::string::npos);
    CHECK(test::read_file(out / "thesis.txt") == "do not delete");
}

TEST_CASE("with strict warnings fail the build and check writes nothing", "[e2e]") {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content";
    fs::copy(kFixture, content, fs::copy_options::recursive);
    std::string registry = test::read_file(content / "registry.json");
    registry.replace(registry.rfind("]"), 1, R"(, {"id": "unused", "value": 1, "unit": "x", "display": "1", "claim": "c",
      "status": "unverified", "sources": [{"id": "csis"}], "as_of": "2026"}])");
    test::write_file(content / "registry.json", registry);
    fs::path out = tmp.path() / "site";
    // check runs in the project folder (where build's default site/ would go), and leaves every file
    // there as it was: nothing added, removed or changed, beside its log written outside.
    test::TempDir logs;
    const auto before = read_tree(tmp.path());
    const std::string check = "cd '" + tmp.path().string() + "' && " + SOURCED_BINARY + " check --content content >'" +
                              (logs.path() / "log").string() + "' 2>&1";
    CHECK(std::system(check.c_str()) == 0);
    CHECK(test::read_file(logs.path() / "log").find("warning[CHK001]: figure 'unused' is not used on any page") != std::string::npos);
    CHECK(read_tree(tmp.path()) == before);
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);  // content/ alone
    CHECK(run("build --strict --content " + content.string() + " --out " + out.string(), tmp.path() / "log") == 1);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("usage errors exit 2 and --version names the version", "[e2e]") {
    test::TempDir tmp;
    CHECK(run("build --no-such-flag", tmp.path() / "log") == 2);
    CHECK(run("--version", tmp.path() / "log") == 0);
    CHECK(test::read_file(tmp.path() / "log").find("sourced " SOURCED_VERSION) != std::string::npos);
}
