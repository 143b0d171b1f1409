// A rebuild links the previous site's files that it would write again with
// the same bytes (unchanged_file.h) and writes everything else: the site on
// disk is the same either way, a changed file is a new file, and nothing
// outside the previous site is ever linked in.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "site_writer.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

ino_t inode(const fs::path& path) {
    struct stat info;
    REQUIRE(::lstat(path.c_str(), &info) == 0);
    return info.st_ino;
}

bool write(const fs::path& out, const OutputTree& tree) {
    Diagnostics d;
    bool ok = write_site(out.string(), tree, d, 2);
    for (const auto& diagnostic : d.all()) UNSCOPED_INFO(format_diagnostic(diagnostic));
    return ok;
}

}  // namespace

TEST_CASE("a rebuild links unchanged files and writes changed ones", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    OutputTree first = {{"index.html", "<p>home</p>"}, {"cards/a.html", "card a"}, {"cards/b.html", "card b"},
                        {"empty.txt", ""}};
    REQUIRE(write(out, first));
    ino_t a = inode(out / "cards/a.html"), b = inode(out / "cards/b.html"), home = inode(out / "index.html");

    OutputTree second = first;
    second["cards/b.html"] = "card B";                 // same size, other bytes
    second["index.html"] = "<p>home, longer</p>";      // another size
    second["cards/c.html"] = "card c";                 // new
    REQUIRE(write(out, second));
    CHECK(inode(out / "cards/a.html") == a);  // the same file, linked across
    CHECK(inode(out / "cards/b.html") != b);
    CHECK(inode(out / "index.html") != home);
    for (const auto& [path, bytes] : second) {
        INFO(path);
        CHECK(test::read_file(out / path) == bytes);
    }
    struct stat info;
    REQUIRE(::stat((out / "cards/a.html").c_str(), &info) == 0);
    CHECK(info.st_nlink == 1);  // the previous site, its other name, is gone
}

TEST_CASE("a symbolic link planted in the previous site is never followed or linked", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    OutputTree tree = {{"index.html", "<p>home</p>"}, {"cards/a.html", "card a"}};
    REQUIRE(write(out, tree));
    // Someone replaces a file and a directory of the published site with links
    // to files outside it holding the very bytes the next build writes.
    test::write_file(tmp.path() / "outside.html", "<p>home</p>");
    fs::create_directories(tmp.path() / "elsewhere");
    test::write_file(tmp.path() / "elsewhere/a.html", "card a");
    fs::remove(out / "index.html");
    fs::create_symlink(tmp.path() / "outside.html", out / "index.html");
    fs::remove_all(out / "cards");
    fs::create_directory_symlink(tmp.path() / "elsewhere", out / "cards");
    ino_t outside = inode(tmp.path() / "outside.html"), elsewhere = inode(tmp.path() / "elsewhere/a.html");

    REQUIRE(write(out, tree));
    CHECK_FALSE(fs::is_symlink(out / "index.html"));
    CHECK_FALSE(fs::is_symlink(out / "cards"));
    CHECK(inode(out / "index.html") != outside);
    CHECK(inode(out / "cards/a.html") != elsewhere);
    CHECK(test::read_file(out / "index.html") == "<p>home</p>");
    CHECK(test::read_file(out / "cards/a.html") == "card a");
    CHECK(test::read_file(tmp.path() / "outside.html") == "<p>home</p>");  // untouched
}
