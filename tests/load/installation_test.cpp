// What this installation of sourced is and where its own files are
// (load/installation.h): the build tree's, or share/sourced beside an
// installed binary.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cmark-gfm.h>
#include <cstdlib>
#include <regex>

#include "installation.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

TEST_CASE("the version names sourced's version and cmark-gfm's", "[installation]") {
    const std::string text = version_text();
    CHECK(text == std::string("sourced ") + SOURCED_VERSION + " (cmark-gfm " + CMARK_GFM_VERSION_STRING + ")");
    CHECK(std::regex_match(text, std::regex(R"(sourced \d+\.\d+\.\d+ \(cmark-gfm \d+\.\d+\.\d+\.gfm\.\d+\))")));
}

TEST_CASE("a binary in the build tree uses the source tree's templates, assets and scaffold", "[installation]") {
    // The test binary is build/sourced_tests: no share/sourced beside it.
    CHECK(fs::equivalent(data_dir(), SOURCED_PROJECT_DIR));
    for (const char* dir : {"templates", "assets", "scaffold"}) CHECK(fs::is_directory(fs::path(data_dir()) / dir));
}

TEST_CASE("an installed binary uses <prefix>/share/sourced", "[installation]") {
    test::TempDir tmp;
    fs::path prefix = tmp.path() / "usr";
    fs::create_directories(prefix / "bin");
    fs::copy_file(SOURCED_BINARY, prefix / "bin" / "sourced");
    fs::path share = prefix / "share" / "sourced";
    test::write_file(share / "templates" / "layout.mustache", "installed layout");
    test::write_file(share / "assets" / "sourced.css", "installed css");
    test::write_file(share / "scaffold" / "content" / "site.json", "{\"title\": \"installed\"}");
    fs::path project = tmp.path() / "project";
    std::string command = (prefix / "bin" / "sourced").string() + " new " + project.string() + " >/dev/null 2>&1";
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(test::read_file(project / "templates" / "layout.mustache") == "installed layout");
    CHECK(test::read_file(project / "assets" / "sourced.css") == "installed css");
    CHECK(test::read_file(project / "content" / "site.json") == "{\"title\": \"installed\"}");
}
