// `sourced card` (cli/card_command.h), run as the real binary: it prints the
// bytes the build writes for one figure. The cards themselves: tests/cards/.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <map>

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
