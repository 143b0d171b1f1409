// Failures found by the hardening review (issue #20), each with the test that
// keeps it fixed: links in assets/ and templates/ that leave them, images that
// name a figure or a source, control characters in registry, site.json, front
// matter and chart strings, duplicate YAML keys, author ids that collide with
// generated ids, and files too large to read whole. The partly unwritable
// output directory is in fault_test.cpp; the others' lower-level tests sit
// beside their modules (site_update_test.cpp, parallel_test.cpp).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>

#include "markdown_document.h"
#include "page_renderer.h"
#include "reference_resolver.h"
#include "registry_marks.h"
#include "one_page_site.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

using test::build_errors;
using test::has;
using test::kPage;
using test::site_with;

// A project on disk: content/ with one page, and copies of the shipped
// templates/ and assets/ beside it (so they are the project's own).
fs::path disk_project(const fs::path& root) {
    fs::path content = root / "content";
    test::write_file(content / "registry.json", test::sample_registry());
    test::write_file(content / "index.md", kPage);
    fs::copy(std::string(SOURCED_PROJECT_DIR) + "/templates", root / "templates", fs::copy_options::recursive);
    fs::copy(std::string(SOURCED_PROJECT_DIR) + "/assets", root / "assets", fs::copy_options::recursive);
    return content;
}

BuildResult build_on_disk(const fs::path& content) {
    BuildOptions options;
    options.content_dir = content.string();
    options.write = false;
    options.card_images = false;
    return build_site(options, DiskFileSystem());
}

// Every id="..." in `html`, with how often it occurs.
std::map<std::string, int> element_ids(const std::string& html) {
    std::map<std::string, int> ids;
    static const std::regex id(R"re(\sid="([^"]*)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), id); it != std::sregex_iterator(); ++it)
        ++ids[(*it)[1].str()];
    return ids;
}

#if defined(__SANITIZE_ADDRESS__)
#define SOURCED_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOURCED_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef SOURCED_TEST_UNDER_ASAN
#define SOURCED_TEST_UNDER_ASAN 0
#endif
constexpr bool kAddressSanitizer = SOURCED_TEST_UNDER_ASAN;

// Runs `sourced ARGS` under `ulimit -v KIB` (none under AddressSanitizer,
// which reserves terabytes of address space); its exit status (128+N for
// signal N, as a shell reports it), the output in `log`.
int run_capped(const std::string& args, long kib, const fs::path& log) {
    std::string limit = kAddressSanitizer ? "" : "ulimit -v " + std::to_string(kib) + "; ";
    std::string command = "sh -c '" + limit + "exec " + SOURCED_BINARY + " " + args + "' >'" + log.string() + "' 2>&1";
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("symlinks in assets and templates that leave them are refused and directory links not followed", "[hostile]") {
    test::TempDir tmp;
    fs::path content = disk_project(tmp.path());
    REQUIRE(build_on_disk(content).ok);  // the copies build as they are

    fs::create_symlink("/proc/self/environ", tmp.path() / "assets" / "env.txt");
    fs::create_symlink("/etc/passwd", tmp.path() / "assets" / "p.txt");
    test::write_file(tmp.path() / "outside.css", "body { color: red }\n");
    fs::create_symlink(tmp.path() / "outside.css", tmp.path() / "assets" / "more.css");
    fs::create_symlink("sourced.css", tmp.path() / "assets" / "alias.css");  // stays inside: fine
    fs::create_directory_symlink("/etc", tmp.path() / "assets" / "etc");  // never followed
    fs::remove(tmp.path() / "templates" / "layout.mustache");
    fs::create_symlink("/etc/passwd", tmp.path() / "templates" / "layout.mustache");
    BuildResult result = build_on_disk(content);
    std::string errors = test::diagnostics_text(result);
    INFO(errors);
    CHECK_FALSE(result.ok);
    const std::string assets = (tmp.path() / "assets").string(), templates = (tmp.path() / "templates").string();
    CHECK(has(errors, assets + "/env.txt: error[LOAD007]: asset is a link to a file outside the assets directory"));
    CHECK(has(errors, assets + "/p.txt: error[LOAD007]: asset is a link to a file outside the assets directory"));
    CHECK(has(errors, assets + "/more.css: error[LOAD007]"));
    CHECK_FALSE(has(errors, "alias.css"));
    CHECK_FALSE(has(errors, "/etc/"));
    CHECK(has(errors, templates + "/layout.mustache: error[LOAD007]: template is a link to a file outside the templates directory"));
    for (const auto& [path, bytes] : result.output) {
        INFO(path);
        CHECK(path.rfind("assets/etc/", 0) != 0);
        CHECK_FALSE(has(bytes, "root:x:0:0"));
    }
}

TEST_CASE("an image cannot name a figure or a source, and never becomes an <img src=\"fig:\">", "[hostile]") {
    std::string errors = build_errors(site_with("---\ntitle: Page\n---\nSee ![t](fig:nope) and\n![c](cite:csis) and ![y](fig:packaging-yield).\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:4:5: error[REF003]: an image cannot be a figure or citation link"));
    CHECK(has(errors, "content/index.md:5:1: error[REF003]"));
    CHECK(has(errors, "content/index.md:5:21: error[REF003]"));

    Diagnostics d;
    Registry registry = load_registry("registry.json", test::sample_registry(), d);
    REQUIRE(d.all().empty());
    MarkdownDocument doc("![t](fig:nope) ![c](cite:csis) ![ok](pic.png)\n", 1);
    ResolvedPage page = resolve_references("p.md", doc, registry, d);
    std::string html = render_page_body(doc, page, registry, RegistryMarks(), LinkStyle());
    INFO(html);
    CHECK_FALSE(has(html, "fig:"));
    CHECK_FALSE(has(html, "cite:"));
    CHECK(has(html, "<img src=\"pic.png\" alt=\"ok\" />"));
}

TEST_CASE("escaped control characters in registry and site.json strings are errors at the string", "[hostile]") {
    std::string registry = test::sample_registry(
        ",\n    {\"id\": \"ctl\", \"value\": 1, \"unit\": \"%\", \"display\": \"1%\", \"claim\": \"A\\u0001B\",\n"
        "     \"status\": \"reported\", \"sources\": [{\"id\": \"csis\", \"note\": \"x\\u001b[31m\"}], \"as_of\": \"2025\"}");
    registry.replace(registry.find("\"CSIS analysis\""), 15, "\"CSIS\\u0000analysis\"");
    MemoryFileSystem files = site_with(kPage, registry);
    files.add("content/site.json", "{\"title\": \"Site\",\n \"description\": \"tab\\tand\\nnewline are fine\",\n \"language\": \"e\\u007fn\"}");
    std::string errors = build_errors(files);
    INFO(errors);
    CHECK(has(errors, "content/registry.json:6:47: error[JSON004]: string holds the control character U+0000"));
    CHECK(has(errors, "content/registry.json:17:70: error[JSON004]: string holds the control character U+0001"));
    CHECK(has(errors, "content/registry.json:18:63: error[JSON004]: string holds the control character U+001B"));
    CHECK(has(errors, "content/site.json:3:14: error[JSON004]: string holds the control character U+007F"));
    CHECK_FALSE(has(errors, "site.json:2:"));
}

TEST_CASE("control characters from YAML escapes in front matter and charts are errors at the value", "[hostile]") {
    std::string errors = build_errors(site_with(
        "---\ntitle: \"P\\0X\\e[31m\\x01\"\nsummary: 'fine'\n---\nBody with [a figure](fig:packaging-yield).\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:2:8: error[FM005]: 'title' holds the control character U+0000"));

    errors = build_errors(site_with("---\ntitle: Page\nsummary: \"a\\x85b\"\n---\nBody.\n"));
    CHECK(has(errors, "content/index.md:3:10: error[FM005]: 'summary' holds the control character U+0085"));

    errors = build_errors(site_with(
        "---\ntitle: Page\n---\nText.\n\n```chart\ntype: bar\ntitle: \"Yield\\e[1m\"\nseries:\n"
        "  - {figure: packaging-yield, label: \"x\\x07\"}\n```\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:8:8: error[CHART001]: chart key 'title' holds the control character U+001B"));
    CHECK(has(errors, "content/index.md:10:38: error[CHART001]: series key 'label' holds the control character U+0007"));

    BuildResult ok = test::build_in_memory(site_with("---\ntitle: \"Tab\\there\"\n---\nBody with [a figure](fig:packaging-yield).\n"));
    CHECK(ok.ok);
}

TEST_CASE("duplicate keys in front matter and chart blocks are errors at the duplicate", "[hostile]") {
    std::string errors = build_errors(site_with("---\ntitle: Page\nslug: aaa\nslug: bbb\n---\nBody with [a figure](fig:packaging-yield).\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:4:1: error[FM004]: duplicate front matter key 'slug'"));

    errors = build_errors(site_with(
        "---\ntitle: Page\n---\nText.\n\n```chart\ntype: bar\ntitle: One\ntitle: Two\nseries:\n"
        "  - {figure: packaging-yield, label: a, label: b}\n```\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:9:1: error[CHART001]: duplicate chart key 'title'"));
    CHECK(has(errors, "content/index.md:11:41: error[CHART001]: duplicate series key 'label'"));
}

TEST_CASE("headings named like generated ids leave every id on the page unique", "[hostile]") {
    std::string page =
        "---\ntitle: Page\n---\n"
        "Uses [75%](fig:packaging-yield), [CSIS](cite:csis) and a note.[^1]\n\n"
        "## figref-packaging-yield-1\n\n## card-figref-packaging-yield-1\n\n## ref-csis\n\n## cite-csis-1\n\n"
        "## fn-1\n\n## fnref-1\n\n## fn\n\n## fn\n\n## chart-1\n\n## chart-1-title\n\n## toc-title\n\n## Sources\n\n## main\n\n"
        "```chart\ntype: bar\ntitle: Yield\nseries:\n  - {figure: packaging-yield}\n```\n\n"
        "[^1]: The note.\n";
    BuildResult result = test::build_in_memory(site_with(page));
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& html = result.output.at("index.html");
    std::map<std::string, int> ids = element_ids(html);
    for (const char* generated : {"figref-packaging-yield-1", "card-figref-packaging-yield-1", "ref-csis", "cite-csis-1",
                                  "fn-1", "fnref-1", "chart-1", "chart-1-title", "toc-title", "sources", "main"})
        CHECK(ids.count(generated));  // the generated ids are still there
    for (const auto& [id, count] : ids) {
        INFO("id=\"" << id << "\"");
        CHECK(count == 1);
    }
}

TEST_CASE("a 4 GiB page or JSON file is refused by its size before it is read", "[hostile]") {
    for (const std::string name : {"p.md", "registry.json", "site.json"}) {
        INFO(name);
        test::TempDir tmp;
        fs::path content = tmp.path() / "content", log = tmp.path() / "log";
        test::write_file(content / "registry.json", test::sample_registry());
        test::write_file(content / "index.md", kPage);
        test::write_file(content / name, "");
        fs::resize_file(content / name, std::uintmax_t(4) << 30);  // sparse: takes no disk
        auto started = std::chrono::steady_clock::now();
        int status = run_capped("check --content " + content.string(), 3000000, log);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::string output = test::read_file(log);
        INFO(output);
        CHECK(status == 1);
        CHECK(has(output, (content / name).string() + ":1:1: error[LIM001]: the " +
                              (name == "p.md" ? "page is 4.0 GiB, over the limit of 4.0 MiB"
                                              : "JSON file is 4.0 GiB, over the limit of 64.0 MiB")));
        CHECK(seconds < 20);
    }
}

// Not in an AddressSanitizer build (.ci/sanitize): there operator new never throws
// std::bad_alloc and a memory cap breaks the sanitizer's shadow memory, so the
// test is left out of that build rather than passed without running.
#if !SOURCED_TEST_UNDER_ASAN
TEST_CASE("running out of memory is a clear error and exit 1, not an abort", "[hostile]") {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content", log = tmp.path() / "log";
    // A 60 MiB string (under the 64 MiB limit for JSON): the file fits under
    // the cap, but not the parser's copies of the string. (Not a huge array:
    // nlohmann/json's destructor allocates in proportion to an array's size,
    // so unwinding from a half-built one ends in std::terminate.)
    test::write_file(content / "registry.json",
                     "{\"sources\": [], \"figures\": [], \"x\": \"" + std::string(60u << 20, 'a') + "\"}");
    test::write_file(content / "index.md", kPage);
    int status = run_capped("check --jobs 2 --content " + content.string(), 400000, log);
    std::string output = test::read_file(log);
    INFO(output);
    CHECK(status == 1);
    CHECK(has(output, "error: out of memory"));
}
#endif
