// End-to-end: `sourced new DIR` makes a project that `sourced build --strict`
// builds at once, with its own editable templates and assets.
#include <catch2/catch.hpp>

#include <cmark-gfm.h>

#include <cstdlib>

#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

int run_in(const fs::path& dir, const std::string& args, const fs::path& log) {
    std::string command = "cd '" + dir.string() + "' && " + SOURCED_BINARY + " " + args + " >'" + log.string() + "' 2>&1";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("sourced new makes a project that builds at once with --strict", "[new][e2e]") {
    test::TempDir tmp;
    fs::path log = tmp.path() / "log";
    REQUIRE(run_in(tmp.path(), "new my-explainer", log) == 0);
    fs::path project = tmp.path() / "my-explainer";
    for (const char* file : {"content/site.json", "content/registry.json", "content/index.md", "templates/layout.mustache",
                             "templates/article.mustache", "assets/sourced.css"})
        CHECK(fs::exists(project / file));

    // The copied templates are the ones used: an edit shows in the site.
    fs::path layout = project / "templates/layout.mustache";
    std::string text = test::read_file(layout);
    test::write_file(layout, text.replace(text.find("</body>"), 7, "<!-- edited template --></body>"));

    INFO(test::read_file(log));
    REQUIRE(run_in(project, "build --strict", log) == 0);
    INFO(test::read_file(log));
    CHECK(test::read_file(log).find("built 1 page, 7 figures (6 flagged), 4 sources") != std::string::npos);
    std::string index = test::read_file(project / "site/index.html");
    CHECK(index.find("<!-- edited template -->") != std::string::npos);
    // One figure per status; every status but verified is flagged by name.
    for (const char* status : {"reported", "self-reported", "projected", "unverified", "disputed", "false"})
        CHECK(index.find(std::string("<span class=\"flag flag--") + status + "\">") != std::string::npos);
    CHECK(index.find("fig fig--verified") != std::string::npos);
    // Every syntax the page shows was rendered: Pandoc citations, a table, a footnote.
    CHECK(index.find("[@") == std::string::npos);
    CHECK(index.find(">Writer<sup class=\"cite__number\">") != std::string::npos);
    CHECK(index.find("<table>") != std::string::npos);
    CHECK(index.find("footnote") != std::string::npos);
}

TEST_CASE("sourced new refuses a directory that is not empty", "[new][e2e]") {
    test::TempDir tmp;
    fs::path log = tmp.path() / "log";
    fs::create_directories(tmp.path() / "taken");
    test::write_file(tmp.path() / "taken/notes.txt", "mine");
    CHECK(run_in(tmp.path(), "new taken", log) == 1);
    CHECK(test::read_file(log).find("taken: error: directory is not empty") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path() / "taken/content"));
    // An existing empty directory is fine.
    fs::create_directories(tmp.path() / "empty");
    CHECK(run_in(tmp.path(), "new empty", log) == 0);
    CHECK(run_in(tmp.path(), "new", log) == 2);  // DIR is required
}

TEST_CASE("the version flag names sourced's and cmark-gfm's versions", "[new][e2e]") {
    test::TempDir tmp;
    REQUIRE(run_in(tmp.path(), "--version", tmp.path() / "log") == 0);
    CHECK(test::read_file(tmp.path() / "log") ==
          std::string("sourced ") + SOURCED_VERSION + " (cmark-gfm " + cmark_version_string() + ")\n");
}
