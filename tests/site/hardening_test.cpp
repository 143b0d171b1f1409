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
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

const std::string kPage = "---\ntitle: Page\n---\nBody with [a figure](fig:packaging-yield).\n";

MemoryFileSystem site_with(const std::string& page, const std::string& registry = test::sample_registry()) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", registry);
    files.add("content/index.md", page);
    return files;
}

std::string build_errors(const MemoryFileSystem& files) {
    BuildResult result = test::build_in_memory(files);
    CHECK_FALSE(result.ok);
    return test::diagnostics_text(result);
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

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
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

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
