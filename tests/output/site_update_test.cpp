// Updating a previous site in place (output/site_update.h): changed files are
// moved over their old copies, what the new site lacks is removed, and no
// symbolic link is ever followed.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include "site_update.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

struct Update {
    bool ok = false;
    bool partly = false;
    std::string error;
};

Update update(const fs::path& site, const fs::path& staging, const std::vector<std::string>& changed,
              const std::unordered_set<std::string>& produced) {
    int fd = ::open(site.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    Update result;
    result.ok = update_site_in_place(fd, site.string(), staging.string(), changed, produced, ".sourced-site", 2, result.error,
                                     &result.partly);
    ::close(fd);
    return result;
}

std::set<std::string> tree_of(const fs::path& root) {
    std::set<std::string> entries;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
        entries.insert(fs::relative(it->path(), root).string() + (it->is_directory() && !it->is_symlink() ? "/" : ""));
    return entries;
}

}  // namespace

TEST_CASE("changed files replace their old copies and what the new site lacks is removed", "[site_update]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site", staging = tmp.path() / "staging";
    test::write_file(site / ".sourced-site", "marker");
    test::write_file(site / "index.html", "old home");
    test::write_file(site / "old.html", "gone");
    test::write_file(site / "a/b/deep.html", "gone too");
    test::write_file(site / "keep/x.css", "unchanged");
    test::write_file(staging / "index.html", "new home");
    test::write_file(staging / "new/dir/page.html", "new page");

    Update result = update(site, staging, {"new/dir/page.html", "index.html"},
                           {"index.html", "new/dir/page.html", "keep/x.css"});
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(tree_of(site) == std::set<std::string>{".sourced-site", "index.html", "keep/", "keep/x.css", "new/", "new/dir/",
                                                 "new/dir/page.html"});
    CHECK(test::read_file(site / "index.html") == "new home");
    CHECK(test::read_file(site / "new/dir/page.html") == "new page");
    CHECK(test::read_file(site / "keep/x.css") == "unchanged");
    CHECK(test::read_file(site / ".sourced-site") == "marker");
    CHECK_FALSE(fs::exists(staging / "index.html"));  // moved, not copied
}

TEST_CASE("a directory where a file belongs and a file or link where a directory belongs are replaced", "[site_update]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site", staging = tmp.path() / "staging", outside = tmp.path() / "outside";
    test::write_file(outside / "secret.txt", "secret");
    test::write_file(site / "page.html/inner.txt", "a directory at a file's path");
    test::write_file(site / "sub", "a file at a directory's path");
    fs::create_directory_symlink(outside, site / "linked");   // a link at a directory's path
    fs::create_symlink(outside / "secret.txt", site / "planted.txt");  // a link the new site does not have
    test::write_file(staging / "page.html", "page");
    test::write_file(staging / "sub/p.html", "sub page");
    test::write_file(staging / "linked/secret.txt", "not through the link");

    Update result = update(site, staging, {"page.html", "sub/p.html", "linked/secret.txt"},
                           {"page.html", "sub/p.html", "linked/secret.txt"});
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(tree_of(site) == std::set<std::string>{"linked/", "linked/secret.txt", "page.html", "sub/", "sub/p.html"});
    CHECK(test::read_file(site / "page.html") == "page");
    CHECK(test::read_file(site / "sub/p.html") == "sub page");
    CHECK_FALSE(fs::is_symlink(site / "linked"));
    CHECK(test::read_file(site / "linked/secret.txt") == "not through the link");
    // Outside the site nothing was written, followed or removed.
    CHECK(tree_of(outside) == std::set<std::string>{"secret.txt"});
    CHECK(test::read_file(outside / "secret.txt") == "secret");
}

TEST_CASE("a changed file that cannot be moved is an error naming it, and nothing is removed", "[site_update]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site", staging = tmp.path() / "staging";
    test::write_file(site / "stale.html", "stale");
    test::write_file(staging / "a.html", "a");
    Update result = update(site, staging, {"missing.html", "a.html"}, {"missing.html", "a.html"});
    CHECK_FALSE(result.ok);
    CHECK(result.partly);
    CHECK(result.error.rfind("cannot move missing.html into place: No such file or directory", 0) == 0);
    CHECK(test::read_file(site / "a.html") == "a");  // moved before the failure was reported
    CHECK(fs::exists(site / "stale.html"));         // the removal step never ran
}

TEST_CASE("a move that fails after others succeeded says the site is partly updated", "[site_update]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site", staging = tmp.path() / "staging";
    test::write_file(site / "a.html", "old a");
    test::write_file(site / "b.html", "old b");
    test::write_file(staging / "a.html", "new a");
    Update result = update(site, staging, {"a.html", "b.html"}, {"a.html", "b.html"});
    CHECK_FALSE(result.ok);
    CHECK(result.partly);
    CHECK(result.error ==
          "cannot move b.html into place: No such file or directory; the site is partly updated (1 of 2 changed files "
          "moved, the others are the previous site's): the next build finishes the update");
    CHECK(test::read_file(site / "a.html") == "new a");
}

TEST_CASE("a directory the update cannot write fails it before anything moves", "[site_update]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site", staging = tmp.path() / "staging";
    test::write_file(site / "a.html", "old a");
    test::write_file(site / "locked/b.html", "old b");
    test::write_file(site / "locked/gone.html", "stale");
    test::write_file(site / "locked/dir.html/inner.html", "a directory where a file goes");
    test::write_file(staging / "a.html", "new a");
    test::write_file(staging / "locked/b.html", "new b");
    test::write_file(staging / "z.html", "new z");
    const std::set<std::string> before = tree_of(site);
    {
        test::ReadOnlyDirectory locked(site / "locked");
        if (!locked.active()) SOURCED_SKIP("cannot make a directory read-only here (root without mount(2))");
        Update result = update(site, staging, {"a.html", "locked/b.html", "z.html"}, {"a.html", "locked/b.html", "z.html"});
        CHECK_FALSE(result.ok);
        CHECK_FALSE(result.partly);
        CHECK(result.error.rfind("cannot move files into locked/: ", 0) == 0);
        CHECK(tree_of(site) == before);
        CHECK(test::read_file(site / "a.html") == "old a");
        CHECK(test::read_file(site / "locked/b.html") == "old b");
    }
    // A directory in the way of a file must be removable: its contents too.
    test::write_file(staging / "locked/dir.html", "file");
    test::ReadOnlyDirectory inner(site / "locked/dir.html");
    if (!inner.active()) SOURCED_SKIP("cannot make a directory read-only here (root without mount(2))");
    Update result = update(site, staging, {"a.html", "locked/dir.html"}, {"a.html", "locked/dir.html"});
    CHECK_FALSE(result.ok);
    CHECK_FALSE(result.partly);
    CHECK(result.error.rfind("cannot remove locked/dir.html/, a directory where a file goes: ", 0) == 0);
    CHECK(test::read_file(site / "a.html") == "old a");
}
