// Where a build's files go (output/site_output.h): into memory, nowhere but
// counted, or streamed into the staging directory of the site on disk.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "parallel.h"
#include "site_output.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

TEST_CASE("in memory, a file put twice keeps its last bytes and every path is listed with its size", "[site_output]") {
    OutputTree tree;
    SiteOutput output(tree, nullptr);
    CHECK_FALSE(output.streaming());
    output.put("index.html", "abc");
    output.put("assets/site.css", "12345");
    output.put("index.html", "xy");
    output.put_linked("cards/a.png", "PNG", "/nonexistent/cache/a.png");  // in memory: the bytes
    CHECK(tree == OutputTree{{"index.html", "xy"}, {"assets/site.css", "12345"}, {"cards/a.png", "PNG"}});
    CHECK(output.paths() == std::set<std::string>{"assets/site.css", "cards/a.png", "index.html"});
    CHECK(output.sizes() == std::map<std::string, size_t>{{"assets/site.css", 5}, {"cards/a.png", 3}, {"index.html", 2}});
}

TEST_CASE("without keep, files are counted and dropped", "[site_output]") {
    OutputTree tree;
    SiteOutput output(tree, nullptr, false);
    output.put("a.html", "four");
    output.put_linked("b.png", "xx", "");
    CHECK(tree.empty());
    CHECK(output.sizes() == std::map<std::string, size_t>{{"a.html", 4}, {"b.png", 2}});
}

TEST_CASE("files put from many threads are all listed", "[site_output]") {
    OutputTree tree;
    SiteOutput output(tree, nullptr);
    parallel_for(1000, 4, [&](size_t i, int) { output.put("p" + std::to_string(i) + ".html", std::string(i % 7, 'x')); });
    REQUIRE(tree.size() == 1000);
    REQUIRE(output.sizes().size() == 1000);
    CHECK(output.sizes().at("p13.html") == 6);
    CHECK(tree.at("p13.html") == "xxxxxx");
}

TEST_CASE("streamed files go to the staging directory, not memory, and reach the site on commit", "[site_output]") {
    test::TempDir tmp;
    fs::path cached = tmp.path() / "cache.png";
    test::write_file(cached, "PNG bytes");
    const std::string site = (tmp.path() / "site").string();
    StagedSite staged;
    Diagnostics d;
    REQUIRE(staged.open(site, d));
    OutputTree tree;
    SiteOutput output(tree, &staged);
    CHECK(output.streaming());
    output.put("index.html", "<p>home</p>");
    output.put_linked("cards/a.png", "PNG bytes", cached.string());
    CHECK(tree.empty());
    CHECK(output.sizes() == std::map<std::string, size_t>{{"cards/a.png", 9}, {"index.html", 11}});
    CHECK_FALSE(fs::exists(fs::path(site) / "index.html"));  // not before commit
    REQUIRE(staged.commit(d));
    CHECK(test::read_file(fs::path(site) / "index.html") == "<p>home</p>");
    CHECK(test::read_file(fs::path(site) / "cards/a.png") == "PNG bytes");
    struct stat linked, original;
    REQUIRE(::stat((fs::path(site) / "cards/a.png").c_str(), &linked) == 0);
    REQUIRE(::stat(cached.c_str(), &original) == 0);
    CHECK(linked.st_ino == original.st_ino);  // a hard link to the cached file, not a copy
}
