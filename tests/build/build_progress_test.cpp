// What a build tells whoever waits for it (build/build_progress.h): each
// stage as it finishes, in order, and each page done, from any thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>

#include "build_progress.h"
#include "test_support.h"

using namespace sourced;

namespace {

class Recorder : public BuildProgress {
public:
    void stage_done(const std::string& stage, double milliseconds) override {
        std::lock_guard<std::mutex> lock(mutex);
        stages.push_back(stage);
        if (milliseconds < 0) negative_time = true;
    }
    void page_done(std::size_t done, std::size_t total) override {
        std::lock_guard<std::mutex> lock(mutex);
        pages.push_back({done, total});
    }
    void finish() override { finished = true; }

    std::mutex mutex;
    std::vector<std::string> stages;
    std::vector<std::pair<std::size_t, std::size_t>> pages;
    bool negative_time = false;
    bool finished = false;
};

MemoryFileSystem site_of(int pages, const std::string& last_page) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    for (int i = 1; i < pages; ++i)
        files.add("content/p" + std::to_string(i) + ".md",
                  "---\ntitle: P" + std::to_string(i) + "\n---\n[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n");
    files.add("content/last.md", "---\ntitle: Last\n---\n" + last_page);
    return files;
}

}  // namespace

TEST_CASE("a build reports each stage once, in order, and every page once with the page count", "[build_progress]") {
    MemoryFileSystem files = site_of(5, "Last page.\n");
    Recorder progress;
    BuildOptions options = test::memory_options();
    options.jobs = 3;
    options.progress = &progress;
    BuildResult result = build_site(options, files);
    REQUIRE(result.ok);
    CHECK(progress.stages ==
          std::vector<std::string>{"load", "check registry", "pages", "index", "check", "render", "write"});
    CHECK_FALSE(progress.negative_time);
    REQUIRE(progress.pages.size() == 5);
    std::vector<std::size_t> done;
    for (const auto& [count, total] : progress.pages) {
        CHECK(total == 5);
        done.push_back(count);
    }
    std::sort(done.begin(), done.end());
    CHECK(done == std::vector<std::size_t>{1, 2, 3, 4, 5});
    CHECK_FALSE(progress.finished);  // the command calls finish(), not the build
}

TEST_CASE("a build with errors reports the stages up to the checks and no more", "[build_progress]") {
    MemoryFileSystem files = site_of(2, "[](fig:no-such-figure)\n");
    Recorder progress;
    BuildOptions options = test::memory_options();
    options.jobs = 1;
    options.progress = &progress;
    BuildResult result = build_site(options, files);
    REQUIRE_FALSE(result.ok);
    CHECK(progress.stages == std::vector<std::string>{"load", "check registry", "pages", "index", "check"});
    CHECK(progress.pages == std::vector<std::pair<std::size_t, std::size_t>>{{1, 2}, {2, 2}});
}
