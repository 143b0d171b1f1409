// `sourced new DIR` in-process (cli/project_scaffold.h): what it copies from
// the data directory and what it refuses. End to end: new_project_test.cpp.
#include <catch2/catch.hpp>

#include <sstream>

#include "project_scaffold.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

fs::path data_directory(const fs::path& root) {
    test::write_file(root / "scaffold/content/site.json", "site");
    test::write_file(root / "scaffold/content/snapshots/a.txt", "snapshot");
    test::write_file(root / "templates/layout.mustache", "layout");
    test::write_file(root / "assets/sourced.css", "css");
    return root;
}

std::set<std::string> files_under(const fs::path& root) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), root).string());
    return files;
}

}  // namespace

TEST_CASE("sourced new copies the scaffold's content, the templates and the assets", "[new]") {
    test::TempDir tmp;
    fs::path data = data_directory(tmp.path() / "data");
    const std::string dir = (tmp.path() / "project").string();
    std::ostringstream out, err;
    CHECK(run_new_command(dir, data.string(), out, err) == 0);
    CHECK(out.str() == "created " + dir + ": content/ (site.json, registry.json, index.md), templates/, assets/\n" +
                           "next: cd " + dir + " && sourced build, then open site/index.html\n");
    CHECK(err.str().empty());
    CHECK(files_under(dir) == std::set<std::string>{"assets/sourced.css", "content/site.json", "content/snapshots/a.txt",
                                                    "templates/layout.mustache"});
    CHECK(test::read_file(fs::path(dir) / "content/snapshots/a.txt") == "snapshot");
    CHECK(test::read_file(fs::path(dir) / "templates/layout.mustache") == "layout");
}

TEST_CASE("sourced new fills an empty directory and refuses anything else", "[new]") {
    test::TempDir tmp;
    fs::path data = data_directory(tmp.path() / "data");
    fs::create_directories(tmp.path() / "empty");
    std::ostringstream out, err;
    CHECK(run_new_command((tmp.path() / "empty").string(), data.string(), out, err) == 0);
    CHECK(fs::exists(tmp.path() / "empty/content/site.json"));

    const std::string full = (tmp.path() / "full").string();
    test::write_file(fs::path(full) / "notes.txt", "mine");
    std::ostringstream out2, err2;
    CHECK(run_new_command(full, data.string(), out2, err2) == 1);
    CHECK(err2.str() == full + ": error: directory is not empty; sourced new only fills a new or empty directory\n");
    CHECK(out2.str().empty());
    CHECK(files_under(full) == std::set<std::string>{"notes.txt"});

    const std::string file = (tmp.path() / "a-file").string();
    test::write_file(file, "x");
    std::ostringstream out3, err3;
    CHECK(run_new_command(file, data.string(), out3, err3) == 1);
    CHECK(err3.str() == file + ": error: exists and is not a directory\n");
}

TEST_CASE("sourced new with an incomplete data directory says to reinstall", "[new]") {
    test::TempDir tmp;
    fs::path data = tmp.path() / "data";
    test::write_file(data / "scaffold/content/site.json", "site");  // no templates/, no assets/
    std::ostringstream out, err;
    CHECK(run_new_command((tmp.path() / "project").string(), data.string(), out, err) == 1);
    CHECK(err.str() == (data / "templates").string() + ": error: sourced's data directory is incomplete (reinstall sourced)\n");
    CHECK(out.str().empty());
}
