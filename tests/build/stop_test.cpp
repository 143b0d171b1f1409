// A build asked to stop (core/stop_request.h: what SIGINT and SIGTERM do):
// stopped at any stage before its commit it leaves the previous site as it
// was, byte for byte, and no staging directory or lock file; asked once the
// commit is done it has written the whole new site. And the signal handlers:
// a second signal ends the process at once, except during a commit.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "build_cache.h"
#include "build_lock.h"
#include "commands.h"
#include "stop_request.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// Asks `stop` to stop when the build reaches `stage` (a stage name) or, with
// `page` > 0, when that many pages are done.
class StopAt : public BuildProgress {
public:
    StopAt(StopRequest& stop, std::string stage, std::size_t page = 0) : stop_(stop), stage_(std::move(stage)), page_(page) {}
    void stage_done(const std::string& stage, double) override {
        if (stage == stage_) stop_.request(SIGINT);
    }
    void page_done(std::size_t done, std::size_t) override {
        if (page_ > 0 && done >= page_) stop_.request(SIGTERM);
    }

private:
    StopRequest& stop_;
    std::string stage_;
    std::size_t page_;
};

std::map<std::string, std::string> read_tree(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files[fs::relative(entry.path(), root).generic_string()] = test::read_file(entry.path());
    return files;
}

// What a build leaves beside the site: staging and previous directories, the lock.
std::vector<std::string> leftovers(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("site.", 0) == 0) names.push_back(name);
    }
    return names;
}

struct DiskProject {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content", out = tmp.path() / "site";
    DiskProject() {
        fs::copy(std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content", content, fs::copy_options::recursive);
        for (int i = 0; i < 12; ++i)
            test::write_file(content / "pages" / ("extra-" + std::to_string(i) + ".md"),
                             "---\ntitle: Extra " + std::to_string(i) + "\n---\nPlain words.\n");
    }
    BuildOptions options() const {
        BuildOptions o;
        o.content_dir = content.string();
        o.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
        o.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
        o.out_dir = out.string();
        o.image_cache_dir = (tmp.path() / "cache").string();
        o.card_images = false;
        o.jobs = 2;
        return o;
    }
};

}  // namespace

TEST_CASE("a build stopped before its commit leaves the previous site, and no staging directory or lock", "[stop]") {
    DiskProject p;
    REQUIRE(build_site(p.options(), DiskFileSystem()).ok);
    const auto old_site = read_tree(p.out);
    test::write_file(p.content / "pages" / "extra-3.md", "---\ntitle: Extra 3\n---\nRewritten.\n");
    test::write_file(p.content / "pages" / "new.md", "---\ntitle: New\n---\nAdded.\n");

    for (bool incremental : {false, true}) {  // streamed to staging, or kept in memory and written at the end
        for (const char* stage : {"load", "check registry", "pages", "index", "check", "render", "page 2"}) {
            INFO((incremental ? "incremental, " : "") << "stopped at " << stage);
            StopRequest stop;
            StopAt at(stop, stage, std::string(stage) == "page 2" ? 2 : 0);
            BuildCache cache = BuildCache::in_memory();
            BuildOptions options = p.options();
            options.stop = &stop;
            options.progress = &at;
            if (incremental) options.incremental = &cache;
            BuildResult result = build_site(options, DiskFileSystem());
            CHECK_FALSE(result.ok);
            CHECK(result.interrupted == (std::string(stage) == "page 2" ? SIGTERM : SIGINT));
            CHECK_FALSE(result.diagnostics.has_errors());
            CHECK(read_tree(p.out) == old_site);
            CHECK(leftovers(p.tmp.path()).empty());
        }
    }

    // Asked after the commit (the "write" stage is done): the whole new site.
    StopRequest stop;
    StopAt at(stop, "write");
    BuildOptions options = p.options();
    options.stop = &stop;
    options.progress = &at;
    BuildResult result = build_site(options, DiskFileSystem());
    CHECK(result.ok);
    CHECK(result.interrupted == 0);
    CHECK(stop.requested());
    const auto new_site = read_tree(p.out);
    CHECK(new_site != old_site);
    CHECK(new_site.count("new.html"));
    CHECK(leftovers(p.tmp.path()).empty());
}

TEST_CASE("a build waiting for the lock stops waiting when asked to stop", "[stop]") {
    test::TempDir tmp;
    const std::string out = (tmp.path() / "site").string();
    BuildLock held(out);
    REQUIRE(held.locked());
    StopRequest stop;
    std::atomic<bool> done{false}, locked{true}, interrupted{false};
    std::thread waiter([&] {
        BuildLock lock(out, &stop);
        locked = lock.locked();
        interrupted = lock.interrupted();
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(done);  // waiting
    stop.request(SIGINT);
    waiter.join();
    CHECK_FALSE(locked);
    CHECK(interrupted);
}

TEST_CASE("a StopRequest keeps the first signal and gives its exit status", "[stop]") {
    StopRequest stop;
    CHECK_FALSE(stop.requested());
    stop.request(SIGTERM);
    stop.request(SIGINT);
    CHECK(stop.signal() == SIGTERM);
    CHECK(stop.exit_status() == 143);
    StopRequest other;
    other.request(SIGINT);
    CHECK(other.exit_status() == 130);
}

TEST_CASE("a report asked to stop leaves the previous report and no temporary file", "[stop]") {
    DiskProject p;
    ReportOptions options;
    options.content_dir = p.content.string();
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.output = (p.tmp.path() / "report.html").string();
    test::write_file(options.output, "the previous report\n");
    StopRequest stop;
    stop.request(SIGTERM);
    std::ostringstream out, err;
    CHECK(run_report_command(options, PrintOptions{}, "", out, err, &stop) == 143);
    CHECK(err.str() == "sourced: stopped by SIGTERM; " + options.output + " was left as it was\n");
    CHECK(test::read_file(options.output) == "the previous report\n");
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(p.tmp.path())) names.insert(entry.path().filename().string());
    CHECK(names == std::set<std::string>{"content", "report.html"});

    StopRequest none;
    CHECK(run_report_command(options, PrintOptions{}, "", out, err, &none) == 0);
    CHECK(test::read_file(options.output) != "the previous report\n");
}

namespace {

// Runs `body` in a child process; its exit status, or 128 + the signal that ended it.
int in_child(void (*body)()) {
    pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The first signal only asks: the process goes on, and knows which signal.
void first_signal_asks() {
    install_stop_handlers();
    ::raise(SIGTERM);
    ::_exit(process_stop_request().signal() == SIGTERM ? 7 : 1);
}

// The second ends it, with the default action.
void second_signal_ends() {
    install_stop_handlers();
    ::raise(SIGINT);
    ::raise(SIGINT);
    ::_exit(1);
}

// During a commit the second is held too: the commit finishes, the first signal is kept.
void second_signal_waits_for_the_commit() {
    install_stop_handlers();
    ::raise(SIGINT);
    {
        CommitScope committing;
        ::raise(SIGTERM);
        ::raise(SIGINT);
    }
    ::_exit(process_stop_request().signal() == SIGINT ? 9 : 1);
}

}  // namespace

TEST_CASE("a second SIGINT or SIGTERM ends the process at once, except during a commit", "[stop]") {
    CHECK(in_child(first_signal_asks) == 7);
    CHECK(in_child(second_signal_ends) == 128 + SIGINT);
    CHECK(in_child(second_signal_waits_for_the_commit) == 9);
}
