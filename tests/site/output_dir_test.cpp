// The output directory and its lock (issue #20): a refused --out leaves no
// lock file anywhere, a symbolic link planted at the lock's name is never
// followed, no lock file stays beside the site, and an output directory that
// is, lies inside or holds an input directory is refused (OUT007) before
// anything is written. Runs the real binary on a project on disk.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <filesystem>
#include <set>
#include <string>

#include "one_page_site.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// content/ with one page, and the project's own templates/ and assets/ beside it.
fs::path disk_project(const fs::path& root) {
    fs::path content = root / "content";
    test::write_file(content / "registry.json", test::sample_registry());
    test::write_file(content / "index.md", test::kPage);
    fs::copy(std::string(SOURCED_PROJECT_DIR) + "/templates", root / "templates", fs::copy_options::recursive);
    fs::copy(std::string(SOURCED_PROJECT_DIR) + "/assets", root / "assets", fs::copy_options::recursive);
    return content;
}

// `sourced build --content CONTENT --out OUT --no-card-images`, run in `dir`;
// the exit status, stdout and stderr in `log`.
int build(const fs::path& dir, const std::string& content, const std::string& out, const fs::path& log) {
    std::string command = "cd '" + dir.string() + "' && " + SOURCED_BINARY + " build --no-card-images --content '" + content +
                          "' --out '" + out + "' >'" + log.string() + "' 2>&1";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Every path under `root` (not following links), relative to it.
std::set<std::string> listing(const fs::path& root) {
    std::set<std::string> paths;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
        paths.insert(fs::relative(it->path(), root).generic_string());
    return paths;
}

std::set<std::string> lock_files(const std::set<std::string>& paths) {
    std::set<std::string> locks;
    for (const std::string& path : paths)
        if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".lock") == 0) locks.insert(path);
    return locks;
}

}  // namespace

TEST_CASE("a refused --out creates no lock file anywhere", "[hardening]") {
    test::TempDir tmp;
    fs::path content = disk_project(tmp.path());
    fs::path log = tmp.path() / "log";
    test::write_file(tmp.path() / "notes" / "todo.txt", "not a site\n");  // a directory sourced did not make
    const auto before = listing(tmp.path());

    CHECK(build(tmp.path(), "content", "notes", log) == 1);
    CHECK(test::has(test::read_file(log), "error[OUT001]"));
    CHECK(build(tmp.path(), "content", "assets/site", log) == 1);
    CHECK(test::has(test::read_file(log), "error[OUT007]"));
    auto after = listing(tmp.path());
    after.erase("log");
    CHECK(lock_files(after).empty());
    CHECK(after == before);

    // `--out /` (refused: it holds every input, and it is not a site): no /.lock.
    const bool had_root_lock = fs::exists(fs::symlink_status("/.lock"));
    CHECK(build(tmp.path(), "content", "/", log) == 1);
    INFO(test::read_file(log));
    CHECK(test::has(test::read_file(log), "error[OUT007]: the output directory holds the content directory"));
    if (!had_root_lock) {
        CHECK_FALSE(fs::exists(fs::symlink_status("/.lock")));
        std::error_code ec;
        fs::remove("/.lock", ec);  // made only by a broken build
    }
}

TEST_CASE("a symbolic link planted at the lock path is not followed and the build fails clearly", "[hardening]") {
    test::TempDir tmp;
    fs::path content = disk_project(tmp.path());
    fs::path log = tmp.path() / "log";
    REQUIRE(build(tmp.path(), "content", "site", log) == 0);
    const auto site = listing(tmp.path() / "site");
    const std::string index = test::read_file(tmp.path() / "site" / "index.html");

    // A repository can hold such a link: `site.lock -> ~/.bashrc`.
    test::write_file(tmp.path() / "victim", "precious\n");
    for (const char* target : {"victim", "made-through-the-link"}) {
        INFO(target);
        fs::remove(tmp.path() / "site.lock");
        fs::create_symlink(tmp.path() / target, tmp.path() / "site.lock");
        test::write_file(content / "index.md", test::kPage + "More.\n");
        CHECK(build(tmp.path(), "content", "site", log) == 1);
        std::string text = test::read_file(log);
        INFO(text);
        CHECK(test::has(text, "site.lock: error[OUT006]: cannot lock the output directory: it is a symbolic link "
                              "(not followed; remove it); the previous site is unchanged"));
        CHECK(listing(tmp.path() / "site") == site);
        CHECK(test::read_file(tmp.path() / "site" / "index.html") == index);
    }
    CHECK(test::read_file(tmp.path() / "victim") == "precious\n");
    CHECK_FALSE(fs::exists(fs::symlink_status(tmp.path() / "made-through-the-link")));
}

TEST_CASE("no lock file is left beside the site after a build, failed or not", "[hardening]") {
    test::TempDir tmp;
    fs::path content = disk_project(tmp.path());
    fs::path log = tmp.path() / "log";
    REQUIRE(build(tmp.path(), "content", "site", log) == 0);  // a first build
    CHECK_FALSE(fs::exists(fs::symlink_status(tmp.path() / "site.lock")));
    test::write_file(content / "index.md", test::kPage + "More.\n");
    REQUIRE(build(tmp.path(), "content", "site", log) == 0);  // a rebuild, in place
    CHECK_FALSE(fs::exists(fs::symlink_status(tmp.path() / "site.lock")));
    test::write_file(content / "index.md", test::kPage + "[x](fig:nope)\n");
    REQUIRE(build(tmp.path(), "content", "site", log) == 1);  // a failed build
    CHECK(lock_files(listing(tmp.path())).empty());
}

TEST_CASE("an output directory that is, lies inside or holds an input directory is refused", "[hardening]") {
    test::TempDir tmp;
    fs::path content = disk_project(tmp.path());
    fs::path log = tmp.path() / "log";
    fs::create_directories(tmp.path() / "elsewhere");
    fs::create_symlink(tmp.path() / "assets", tmp.path() / "elsewhere" / "link-to-assets");
    fs::create_directories(tmp.path() / "snapshots-elsewhere");
    const auto before = listing(tmp.path());

    struct Case {
        std::string out, says;
    };
    const Case refused[] = {
        {"assets/x", "is inside the assets directory"},  // the site republished into itself, growing each build
        {"assets", "is the assets directory"},
        {"content/site", "is inside the content directory"},
        {"templates/a/b", "is inside the templates directory"},
        {"elsewhere/link-to-assets/site", "is inside the assets directory"},  // through a link
        {"content/../assets/new/../x", "is inside the assets directory"},    // through `..`
        {".", "holds the content directory"},
        {tmp.path().string(), "holds the assets directory"},
    };
    for (const Case& c : refused) {
        INFO(c.out);
        CHECK(build(tmp.path(), "content", c.out, log) == 1);
        std::string text = test::read_file(log);
        INFO(text);
        CHECK(test::has(text, "error[OUT007]: the output directory " + c.says));
        CHECK(test::has(text, "choose --out outside the content, templates and assets directories"));
        auto after = listing(tmp.path());
        after.erase("log");
        CHECK(after == before);  // nothing written: no site, no staging directory, no lock
    }
    // --snapshots is an input too.
    CHECK(build(tmp.path(), "content", "snapshots-elsewhere/site", log) == 0);  // not an input of this build
    fs::remove_all(tmp.path() / "snapshots-elsewhere" / "site");
    std::string command = "cd '" + tmp.path().string() + "' && " + SOURCED_BINARY +
                          " build --no-card-images --snapshots snapshots-elsewhere --out snapshots-elsewhere/site >'" +
                          log.string() + "' 2>&1";
    CHECK(WEXITSTATUS(std::system(command.c_str())) == 1);
    CHECK(test::has(test::read_file(log), "error[OUT007]: the output directory is inside the snapshots directory"));
    CHECK_FALSE(fs::exists(tmp.path() / "snapshots-elsewhere" / "site"));

    // Beside the inputs, and names that only start like one, are fine.
    CHECK(build(tmp.path(), "content", "assets2", log) == 0);
    CHECK(build(tmp.path(), "content", "site", log) == 0);
    CHECK(fs::exists(tmp.path() / "site" / "index.html"));
}
