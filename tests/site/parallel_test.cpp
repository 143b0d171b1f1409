// A build on several threads produces exactly what a single-threaded build
// does: the same files, byte for byte, and the same diagnostics in the same
// order. Not a timing test.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace sourced;

namespace {

const std::string kFixture = std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content";

BuildResult build_fixture(int jobs) {
    BuildOptions options;
    options.content_dir = kFixture;
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.write = false;
    options.jobs = jobs;
    return build_site(options, DiskFileSystem());
}

// `pages` pages citing both sample figures; every seventh page also names a
// figure that does not exist.
MemoryFileSystem many_pages(int pages, bool with_typos) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    for (int i = 0; i < pages; ++i) {
        std::string n = std::to_string(i);
        std::string body = "---\ntitle: Page " + n + "\nweight: " + std::to_string(i % 5) + "\n---\n## Part " + n +
                           "\n\nCompute was [](fig:v3-pretrain-gpu-hours); yield [about 75%](fig:packaging-yield).\n\n"
                           "| a | b |\n|---|---|\n| [](fig:packaging-yield) | x |\n";
        if (with_typos && i % 7 == 3) body += "\nA typo: [](fig:packaging-yeild).\n";
        files.add("content/p" + n + ".md", body);
    }
    return files;
}

BuildResult build_many(const MemoryFileSystem& files, int jobs) {
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.write = false;
    options.jobs = jobs;
    return build_site(options, files);
}

std::string all_diagnostics(const BuildResult& result) {  // in the order the build reported them
    std::string text;
    for (const auto& d : result.diagnostics.all()) text += format_diagnostic(d) + "\n";
    return text;
}

}  // namespace

TEST_CASE("a parallel build of the fixture is byte-identical to a serial one", "[parallel]") {
    BuildResult serial = build_fixture(1);
    REQUIRE(serial.ok);
    REQUIRE(serial.output.count("index.html") == 1);
    REQUIRE(serial.output.count("second.html") == 1);
    for (int jobs : {2, 3, 8}) {
        INFO("jobs " << jobs);
        BuildResult parallel = build_fixture(jobs);
        REQUIRE(parallel.ok);
        CHECK(parallel.jobs == jobs);
        REQUIRE(parallel.output.size() == serial.output.size());
        for (const auto& [path, bytes] : serial.output) {
            INFO(path);
            auto found = parallel.output.find(path);
            REQUIRE(found != parallel.output.end());
            CHECK(found->second == bytes);
        }
        CHECK(all_diagnostics(parallel) == all_diagnostics(serial));
    }
}

TEST_CASE("many pages on many threads: same output, same diagnostics in the same order", "[parallel]") {
    MemoryFileSystem clean = many_pages(40, false);
    BuildResult serial = build_many(clean, 1);
    REQUIRE(serial.ok);
    BuildResult parallel = build_many(clean, 4);
    REQUIRE(parallel.ok);
    CHECK(parallel.output == serial.output);
    // Use anchors are numbered per page, so they do not depend on the order pages were rendered in.
    CHECK(serial.output.at("p0.html").find("id=\"figref-packaging-yield-2\"") != std::string::npos);
    CHECK(serial.output.at("p39.html").find("id=\"figref-packaging-yield-2\"") != std::string::npos);

    MemoryFileSystem broken = many_pages(40, true);
    BuildResult serial_errors = build_many(broken, 1);
    BuildResult parallel_errors = build_many(broken, 4);
    CHECK_FALSE(parallel_errors.ok);
    CHECK(parallel_errors.diagnostics.error_count() == 6);  // pages 3, 10, 17, 24, 31, 38
    CHECK(all_diagnostics(parallel_errors) == all_diagnostics(serial_errors));
}

TEST_CASE("the ledger's entries, rendered in chunks on several threads, come out in registry order", "[parallel]") {
    // More figures than one chunk of the ledger (ledger_page.cpp), so several
    // threads render parts of it; the page must equal the one-thread page.
    std::string extra;
    for (int i = 0; i < 150; ++i)
        extra += R"(, {"id": "extra-)" + std::to_string(i) + R"(", "value": )" + std::to_string(i + 1) +
                 R"(, "unit": "GPU", "display": ")" + std::to_string(i + 1) +
                 R"( GPUs", "claim": "A count.", "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025", "note": "Cited by CSIS."})";
    MemoryFileSystem files = many_pages(3, false);
    files.add("content/registry.json", test::sample_registry(extra));
    BuildResult serial = build_many(files, 1);
    REQUIRE(serial.output.count("figures/index.html") == 1);
    const std::string& ledger = serial.output.at("figures/index.html");
    CHECK(test::count_occurrences(ledger, "<section class=\"ledger__entry") == 152);
    size_t previous = ledger.find("id=\"fig-packaging-yield\"");
    REQUIRE(previous != std::string::npos);
    for (int i = 0; i < 150; ++i) {
        size_t at = ledger.find("id=\"fig-extra-" + std::to_string(i) + "\"");
        INFO("extra-" << i);
        REQUIRE(at != std::string::npos);
        CHECK(at > previous);
        previous = at;
    }
    for (int jobs : {2, 3}) {
        BuildResult parallel = build_many(files, jobs);
        CHECK(parallel.output.at("figures/index.html") == ledger);
    }
}
