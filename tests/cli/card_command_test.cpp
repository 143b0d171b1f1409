// `sourced card` (cli/card_command.h), run as the real binary: it prints the
// bytes the build writes for one figure. The cards themselves: tests/cards/.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "card_command.h"
#include "card_run.h"
#include "html_escape.h"
#include "test_support.h"

using namespace sourced;

TEST_CASE("sourced card prints what the build writes for one figure", "[card][e2e]") {
    const std::string fixture = std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content";
    test::TempDir tmp;
    auto run = [&](const std::string& args, const std::string& name) {
        std::string command = std::string(SOURCED_BINARY) + " " + args + " >" + (tmp.path() / name).string() + " 2>" +
                              (tmp.path() / (name + ".err")).string();
        int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    REQUIRE(run("build --content " + fixture + " --out " + (tmp.path() / "site").string(), "build") == 0);
    const std::string card = "card packaging-yield --content " + fixture;
    const std::map<std::string, std::string> written = {{"oembed", "packaging-yield.oembed.json"},
                                                        {"svg", "packaging-yield.svg"},
                                                        {"png", "packaging-yield.png"},
                                                        {"bibtex", "packaging-yield.bib"},
                                                        {"csl", "packaging-yield.csl.json"},
                                                        {"text", "packaging-yield.cite.txt"}};
    for (const auto& [format, file] : written) {
        INFO(format);
        REQUIRE(run(card + " --format " + format, format) == 0);
        CHECK(test::read_file(tmp.path() / format) == test::read_file(tmp.path() / "site" / "cards" / file));
    }
    REQUIRE(run(card + " --format iframe", "iframe") == 0);
    CHECK(test::read_file(tmp.path() / "iframe").rfind("<iframe src=\"cards/packaging-yield.embed.html\"", 0) == 0);
    REQUIRE(run(card, "html") == 0);  // default: the no-iframe snippet
    CHECK(test::read_file(tmp.path() / "html").rfind("<blockquote cite=\"cards/packaging-yield.html\"", 0) == 0);
    CHECK(test::read_file(tmp.path() / "site" / "cards" / "packaging-yield.html")
              .find(escape_html(test::read_file(tmp.path() / "html").substr(0, 80))) != std::string::npos);

    CHECK(run("card packaging-yeild --content " + fixture, "typo") == 2);
    CHECK(test::read_file(tmp.path() / "typo.err").find("unknown figure 'packaging-yeild' (did you mean 'packaging-yield'?)") !=
          std::string::npos);
    CHECK(run(card + " --format pdf", "pdf") == 2);
}

namespace {

using test::CardRun;

CardRun card(const std::string& content_dir, const std::string& id, const std::string& format,
             const std::string& base_url = "") {
    BuildOptions options;
    options.content_dir = content_dir;
    options.base_url = base_url;
    return test::run_card(options, id, format);
}

const std::string kMini = std::string(SOURCED_TEST_DIR) + "/fixtures/mini/content";

}  // namespace

TEST_CASE("sourced card knows eight formats and prints a snippet, relative or under --base-url", "[card][card_command]") {
    CHECK(card_formats() == std::vector<std::string>{"iframe", "html", "oembed", "svg", "png", "bibtex", "csl", "text"});
    CardRun iframe = card(kMini, "packaging-yield", "iframe");
    CHECK(iframe.status == 0);
    CHECK(iframe.err.empty());
    CHECK(iframe.out.rfind("<iframe src=\"cards/packaging-yield.embed.html\"", 0) == 0);
    CHECK(iframe.out.back() == '\n');
    CardRun absolute = card(kMini, "packaging-yield", "iframe", "https://e.org/x");
    CHECK(absolute.out.rfind("<iframe src=\"https://e.org/x/cards/packaging-yield.embed.html\"", 0) == 0);
    CardRun svg = card(kMini, "packaging-yield", "svg");
    CHECK(svg.status == 0);
    CHECK(svg.out.find("<svg") != std::string::npos);
    CardRun png = card(kMini, "packaging-yield", "png");
    CHECK(png.status == 0);
    CHECK(png.out.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
}

TEST_CASE("sourced card exits 2 for an unknown figure or format and 1 for content with errors", "[card][card_command]") {
    CardRun typo = card(kMini, "packaging-yeild", "html");
    CHECK(typo.status == 2);
    CHECK(typo.out.empty());
    CHECK(typo.err == "error: unknown figure 'packaging-yeild' (did you mean 'packaging-yield'?)\n");
    CardRun format = card(kMini, "packaging-yield", "pdf");
    CHECK(format.status == 2);
    CHECK(format.out.empty());
    CHECK(format.err == "error: unknown format 'pdf'\n");

    test::TempDir tmp;
    test::write_file(tmp.path() / "content/registry.json", "{\"sources\": [], \"figures\": [");
    CardRun broken = card((tmp.path() / "content").string(), "packaging-yield", "html");
    CHECK(broken.status == 1);
    CHECK(broken.out.empty());
    CHECK(broken.err.find("registry.json:1:") != std::string::npos);
    CHECK(broken.err.substr(broken.err.rfind('\n', broken.err.size() - 2) + 1) == "card failed: the content has errors\n");
}
