// A rebuild over a previous site leaves the files it would write again with
// the same bytes where they are (unchanged_file.h), moves each changed file
// over its old copy and removes what the new site no longer has
// (site_update.h): the site on disk is the same as a fresh build's, a changed
// file is a new file, and nothing outside the previous site is ever followed,
// linked or touched.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <set>

#include "site_writer.h"
#include "unchanged_file.h"
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

TEST_CASE("a rebuild keeps unchanged files and replaces changed ones", "[writer]") {
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
    CHECK(inode(out / "cards/a.html") == a);  // the same file, left in place
    CHECK(inode(out / "cards/b.html") != b);
    CHECK(inode(out / "index.html") != home);
    for (const auto& [path, bytes] : second) {
        INFO(path);
        CHECK(test::read_file(out / path) == bytes);
    }
    struct stat info;
    REQUIRE(::stat((out / "cards/a.html").c_str(), &info) == 0);
    CHECK(info.st_nlink == 1);  // no second name anywhere
}

namespace {

// Every regular file and directory under `root`, relative ("d/" for a directory).
std::set<std::string> listing(const fs::path& root) {
    std::set<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        std::string name = fs::relative(entry.path(), root).generic_string();
        names.insert(entry.is_directory() && !entry.is_symlink() ? name + "/" : name);
    }
    return names;
}

}  // namespace

TEST_CASE("a rebuild removes the files and directories the new site no longer has", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    REQUIRE(write(out, {{"index.html", "home"}, {"old/deep/a.html", "a"}, {"cards/a.html", "card a"},
                        {"cards/b.html", "card b"}}));
    test::write_file(out / "cards" / "stray.txt", "put there by hand");
    fs::create_directories(out / "empty" / "nested");
    REQUIRE(write(out, {{"index.html", "home"}, {"cards/b.html", "card b"}, {"new/c.html", "c"}}));
    CHECK(listing(out) == std::set<std::string>{".sourced-site", "cards/", "cards/b.html", "index.html", "new/", "new/c.html"});
    CHECK(test::read_file(out / "new/c.html") == "c");
    for (const auto& entry : fs::directory_iterator(tmp.path()))  // no staging directory left
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("a rebuild replaces a directory where a file belongs and a file where a directory belongs", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    OutputTree tree = {{"index.html", "home"}, {"cards/a.html", "card a"}};
    REQUIRE(write(out, tree));
    fs::remove(out / "index.html");
    fs::create_directories(out / "index.html" / "inside");
    test::write_file(out / "index.html" / "inside" / "x", "x");
    fs::remove_all(out / "cards");
    test::write_file(out / "cards", "a file named like the directory");
    REQUIRE(write(out, tree));
    CHECK(listing(out) == std::set<std::string>{".sourced-site", "cards/", "cards/a.html", "index.html"});
    CHECK(test::read_file(out / "index.html") == "home");
    CHECK(test::read_file(out / "cards/a.html") == "card a");
}

TEST_CASE("a failed rebuild leaves the previous site exactly as it was", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    REQUIRE(write(out, {{"index.html", "home"}, {"cards/a.html", "card a"}}));
    ino_t home = inode(out / "index.html");
    // A changed file, a new one, a missing one, and a path that leaves the site: nothing may change.
    Diagnostics d;
    {
        StagedSite site;
        REQUIRE(site.open(out.string(), d));
        site.put("index.html", "home, changed");
        site.put("new.html", "new");
        site.put("x/../../escape.html", "x");
        CHECK_FALSE(site.commit(d));
    }
    REQUIRE(d.has_errors());
    CHECK(format_diagnostic(d.all().at(0)).find("error[OUT002]") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path() / "escape.html"));
    CHECK(listing(out) == std::set<std::string>{".sourced-site", "cards/", "cards/a.html", "index.html"});
    CHECK(test::read_file(out / "index.html") == "home");
    CHECK(inode(out / "index.html") == home);
}

TEST_CASE("a path put twice keeps its last bytes, whether they match the previous site or not", "[writer]") {
    test::TempDir tmp;
    fs::path out = tmp.path() / "site";
    REQUIRE(write(out, {{"a.html", "old a"}, {"b.html", "old b"}}));
    Diagnostics d;
    StagedSite site;
    REQUIRE(site.open(out.string(), d));
    site.put("a.html", "new a");
    site.put("a.html", "old a");  // back to the previous bytes: the staged copy must not win
    site.put("b.html", "old b");
    site.put("b.html", "new b");
    REQUIRE(site.commit(d));
    CHECK(test::read_file(out / "a.html") == "old a");
    CHECK(test::read_file(out / "b.html") == "new b");
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

TEST_CASE("an output directory that is a symbolic link is replaced, and what it pointed to is kept", "[writer]") {
    test::TempDir tmp;
    fs::path real = tmp.path() / "real-site";
    REQUIRE(write(real, {{"index.html", "<p>old home</p>"}, {"cards/a.html", "card a"}}));
    fs::path out = tmp.path() / "site";
    fs::create_directory_symlink(real, out);

    REQUIRE(write(out, {{"index.html", "<p>new home</p>"}}));
    CHECK_FALSE(fs::is_symlink(out));
    CHECK(test::read_file(out / "index.html") == "<p>new home</p>");
    // The directory the link pointed to is not emptied through the link.
    CHECK(test::read_file(real / "index.html") == "<p>old home</p>");
    CHECK(test::read_file(real / "cards/a.html") == "card a");
}

TEST_CASE("is_unchanged is true only for a regular file beneath the site with exactly the bytes", "[writer][unchanged_file]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site";
    test::write_file(site / "a.txt", "abc");
    test::write_file(site / "empty.txt", "");
    test::write_file(site / "sub/b.txt", "bee");
    test::write_file(tmp.path() / "outside.txt", "abc");
    fs::create_symlink("a.txt", site / "link.txt");              // relative links that stay in the site
    fs::create_directory_symlink("sub", site / "linkdir");
    fs::create_directory_symlink(site / "sub", site / "absolute");  // an absolute one
    int fd = ::open(site.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    CHECK(is_unchanged(fd, "a.txt", "abc"));
    CHECK(is_unchanged(fd, "empty.txt", ""));
    CHECK(is_unchanged(fd, "sub/b.txt", "bee"));
    CHECK_FALSE(is_unchanged(fd, "a.txt", "abd"));   // same size, other bytes
    CHECK_FALSE(is_unchanged(fd, "a.txt", "ab"));    // shorter
    CHECK_FALSE(is_unchanged(fd, "a.txt", "abcd"));  // longer
    CHECK_FALSE(is_unchanged(fd, "empty.txt", "x"));
    CHECK_FALSE(is_unchanged(fd, "missing.txt", ""));
    CHECK_FALSE(is_unchanged(fd, "sub", ""));              // a directory
    CHECK_FALSE(is_unchanged(fd, "link.txt", "abc"));      // a link to the very bytes
    CHECK_FALSE(is_unchanged(fd, "linkdir/b.txt", "bee"));  // through a linked directory
    CHECK_FALSE(is_unchanged(fd, "absolute/b.txt", "bee"));
    CHECK_FALSE(is_unchanged(fd, "../outside.txt", "abc")); // outside the site
    CHECK_FALSE(is_unchanged(-1, "a.txt", "abc"));          // no previous site
    ::close(fd);
}

TEST_CASE("open_beneath refuses links and paths leaving the directory", "[writer][unchanged_file]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site";
    test::write_file(site / "sub/b.txt", "bee");
    test::write_file(tmp.path() / "outside.txt", "x");
    fs::create_symlink("sub/b.txt", site / "link.txt");
    fs::create_directory_symlink("sub", site / "linkdir");
    int fd = ::open(site.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    int file = open_beneath(fd, "sub/b.txt", O_RDONLY);
    CHECK(file >= 0);
    if (file >= 0) ::close(file);
    errno = 0;
    CHECK(open_beneath(fd, "link.txt", O_RDONLY) == -1);
    CHECK(errno == ELOOP);
    errno = 0;
    CHECK(open_beneath(fd, "linkdir/b.txt", O_RDONLY) == -1);  // a link inside the directory, to inside it
    CHECK(errno == ELOOP);
    errno = 0;
    CHECK(open_beneath(fd, "../outside.txt", O_RDONLY) == -1);
    CHECK(errno == EXDEV);
    CHECK(open_beneath(fd, "/etc/hostname", O_RDONLY) == -1);
    ::close(fd);
}

TEST_CASE("is_same_file is true for a hard link of the file and false for a copy of its bytes", "[writer][unchanged_file]") {
    test::TempDir tmp;
    fs::path site = tmp.path() / "site";
    test::write_file(tmp.path() / "cache.png", "PNG");
    fs::create_directories(site / "cards");
    fs::create_hard_link(tmp.path() / "cache.png", site / "cards/linked.png");
    test::write_file(site / "cards/copied.png", "PNG");
    int fd = ::open(site.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    const std::string cache = (tmp.path() / "cache.png").string();
    CHECK(is_same_file(fd, "cards/linked.png", cache));
    CHECK_FALSE(is_same_file(fd, "cards/copied.png", cache));
    CHECK_FALSE(is_same_file(fd, "cards/missing.png", cache));
    CHECK_FALSE(is_same_file(fd, "cards/linked.png", (tmp.path() / "missing").string()));
    CHECK_FALSE(is_same_file(-1, "cards/linked.png", cache));
    ::close(fd);
}
