// A build that writes the site streams each file into the staging directory
// as soon as it is made; what lands on disk is exactly what a build that
// keeps everything in memory produces, file for file and byte for byte.
#include <catch2/catch.hpp>

#include <set>

#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

BuildOptions fixture_options(const test::TempDir& tmp, bool write) {
    BuildOptions options;
    options.content_dir = std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content";
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.out_dir = (tmp.path() / "site").string();
    options.image_cache_dir = (tmp.path() / "cache").string();
    options.write = write;
    options.jobs = 2;
    return options;
}

}  // namespace

TEST_CASE("a streamed build writes the same files as an in-memory build", "[streaming]") {
    test::TempDir tmp;
    BuildResult memory = build_site(fixture_options(tmp, false), DiskFileSystem());
    REQUIRE(memory.ok);
    REQUIRE(memory.output.size() > 10);
    BuildResult written = build_site(fixture_options(tmp, true), DiskFileSystem());
    REQUIRE(written.ok);

    std::set<std::string> on_disk;
    for (const auto& entry : fs::recursive_directory_iterator(tmp.path() / "site"))
        if (entry.is_regular_file()) on_disk.insert(fs::relative(entry.path(), tmp.path() / "site").generic_string());
    on_disk.erase(kSiteMarker);
    std::set<std::string> in_memory;
    for (const auto& [path, bytes] : memory.output) in_memory.insert(path);
    CHECK(on_disk == in_memory);
    for (const auto& [path, bytes] : memory.output) {
        INFO(path);
        CHECK(test::read_file(tmp.path() / "site" / path) == bytes);
    }
    // Nothing is left beside the site: no staging or previous directory, and no lock file (build_lock.h).
    for (const auto& entry : fs::directory_iterator(tmp.path())) {
        std::string name = entry.path().filename().string();
        CHECK((name == "site" || name == "cache"));
    }
}

TEST_CASE("a streamed build that fails leaves the previous site and no staging directory", "[streaming]") {
    test::TempDir tmp;
    REQUIRE(build_site(fixture_options(tmp, true), DiskFileSystem()).ok);
    std::string before = test::read_file(tmp.path() / "site" / "index.html");

    // The same content with a page citing an unknown figure: pages are streamed, then the build fails.
    fs::copy(fs::path(SOURCED_TEST_DIR) / "fixtures/mini", tmp.path() / "project", fs::copy_options::recursive);
    test::write_file(tmp.path() / "project/content/broken.md", "---\ntitle: Broken\n---\nSee [](fig:no-such-figure).\n");
    BuildOptions options = fixture_options(tmp, true);
    options.content_dir = (tmp.path() / "project/content").string();
    BuildResult failed = build_site(options, DiskFileSystem());
    CHECK_FALSE(failed.ok);
    CHECK(failed.diagnostics.has_errors());
    CHECK(test::read_file(tmp.path() / "site" / "index.html") == before);
    CHECK_FALSE(fs::exists(tmp.path() / "site" / "broken.html"));
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}
