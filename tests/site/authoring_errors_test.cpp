// What a writer sees after a typo, from the real binary on a copy of the
// shipped explainer: a registry that does not parse gives its parse error
// alone (nothing that follows from it), and README's own example error is
// what README shows, suggestion included.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "sourced_run.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// The shipped project (content, templates, assets) copied into `tmp`.
void copy_project(const test::TempDir& tmp) {
    for (const char* dir : {"content", "templates", "assets"})
        fs::copy(fs::path(SOURCED_PROJECT_DIR) / dir, tmp.path() / dir, fs::copy_options::recursive);
}

std::vector<std::string> error_lines(const std::string& text) {
    std::vector<std::string> found;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find(": error[") != std::string::npos) found.push_back(line);
    return found;
}

// The lines of README.md's ```console test block that holds `needle`.
std::vector<std::string> readme_block(const std::string& needle) {
    std::istringstream in(test::read_file(fs::path(SOURCED_PROJECT_DIR) / "README.md"));
    std::vector<std::string> block;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (!inside && line.rfind("```console test", 0) == 0) {
            inside = true;
            block.clear();
        } else if (inside && line.rfind("```", 0) == 0) {
            for (const std::string& l : block)
                if (l.find(needle) != std::string::npos) return block;
            inside = false;
        } else if (inside) {
            block.push_back(line);
        }
    }
    return {};
}

}  // namespace

TEST_CASE("a registry with a trailing comma gives its parse error and nothing else", "[load][binary]") {
    test::TempDir tmp;
    copy_project(tmp);
    fs::path registry = tmp.path() / "content/registry.json";
    std::string text = test::read_file(registry);
    const std::string item = "\"literal\": \"Vera Flux\"\n        }";  // the first author of the first source
    REQUIRE(text.find(item) != std::string::npos);
    text.insert(text.find(item) + item.size(), ",");
    test::write_file(registry, text);
    for (const char* command : {"check", "build --no-card-images"}) {
        INFO(command);
        test::SourcedRun run = test::run_sourced(tmp.path(), command, "NO_COLOR=1");
        CHECK(run.status == 1);
        std::vector<std::string> errors = error_lines(run.err + run.out);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].rfind("content/registry.json:11:7: error[JSON001]: malformed JSON", 0) == 0);
        CHECK(run.err.find("build failed: 1 error, 0 warnings") != std::string::npos);
    }
}

TEST_CASE("two pages that do not load are both reported, and nothing that follows from them", "[load][binary]") {
    test::TempDir tmp;
    copy_project(tmp);
    test::write_file(tmp.path() / "content/pages/a-bad.md", "no front matter, and [x](fig:nope)\n");
    test::write_file(tmp.path() / "content/pages/b-bad.md", "---\ntitle: [unclosed\n---\n[x](fig:nope)\n");
    test::SourcedRun run = test::run_sourced(tmp.path(), "check", "NO_COLOR=1");
    CHECK(run.status == 1);
    std::vector<std::string> errors = error_lines(run.err);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].find("content/pages/a-bad.md:1:1: error[FM001]") == 0);
    CHECK(errors[1].find("content/pages/b-bad.md:") == 0);
    CHECK(errors[1].find("error[FM002]") != std::string::npos);
}

TEST_CASE("README's example error is what README shows, with its suggestion", "[resolve][binary]") {
    std::vector<std::string> block = readme_block("fig:ascend-910c-yeild");
    REQUIRE(block.size() >= 4);
    // `$ echo '...' >> content/pages/ascend-910c.md`, `$ sourced check`, its output, `$ echo $?`, the status.
    REQUIRE(block[0].rfind("$ echo ", 0) == 0);
    REQUIRE(block[1] == "$ sourced check");
    std::string expected;
    size_t i = 2;
    for (; i < block.size() && block[i].rfind("$ ", 0) != 0; ++i) expected += block[i] + "\n";
    REQUIRE(i + 1 < block.size());
    CHECK(block[i] == "$ echo $?");
    // README promises a suggestion: the misspelt last segment of a longer id.
    CHECK(expected.find("(did you mean 'ascend-910c-packaging-yield'?)") != std::string::npos);

    test::TempDir tmp;
    copy_project(tmp);
    std::string append = "cd '" + tmp.path().string() + "' && " + block[0].substr(2);
    REQUIRE(std::system(append.c_str()) == 0);
    test::SourcedRun run = test::run_sourced(tmp.path(), "check", "NO_COLOR=1");
    CHECK(run.err + run.out == expected);
    CHECK(std::to_string(run.status) == block[i + 1]);
}
