// `sourced card chart-<id>`: a chart's card snippets, the same bytes as the
// site's chart card offers, through the site's page stage.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "card_run.h"
#include "test_support.h"

using namespace sourced;

namespace {

using test::CardRun;

CardRun card(const std::string& id, const std::string& format) {
    BuildOptions options;
    options.content_dir = std::string(SOURCED_PROJECT_DIR) + "/content";
    return test::run_card(options, id, format);
}

}  // namespace

TEST_CASE("sourced card prints a chart card's iframe snippet as the site's chart card shows it", "[card]") {
    CardRun run = card("chart-pricing-1", "iframe");
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.err.empty());
    CHECK(run.out.rfind("<iframe src=\"cards/chart-pricing-1.embed.html\" title=\"V4-Pro API prices, launch to late June 2026 (", 0) == 0);
    CHECK(run.out.find("sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"></iframe>\n") !=
          std::string::npos);

    BuildResult site = test::build_in_memory(test::shipped_site());
    REQUIRE(site.ok);
    const std::string& page = site.output.at("cards/chart-pricing-1.html");
    // The site's card shows the snippet as text, escaped once more.
    std::string snippet = run.out.substr(0, run.out.size() - 1), escaped;
    for (char c : snippet) escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : c == '&' ? "&amp;" : c == '\'' ? "&#39;" : std::string(1, c);
    CHECK(test::count_occurrences(page, escaped) == 1);
}

TEST_CASE("sourced card gives a chart's html and svg and refuses what a chart does not have", "[card]") {
    CardRun html = card("chart-pricing-1", "html");
    CHECK(html.status == 0);
    CHECK(html.out.find("cards/chart-pricing-1.html") != std::string::npos);
    CardRun svg = card("chart-pricing-1", "svg");
    CHECK(svg.status == 0);
    CHECK(svg.out.rfind("<svg", 0) == 0);
    CardRun png = card("chart-pricing-1", "png");
    CHECK(png.status == 2);
    CHECK(png.err == "error: a chart card has no 'png' format (a chart has iframe, html and svg)\n");
    CHECK(png.out.empty());
}

TEST_CASE("sourced card suggests a chart id for a misspelt one", "[card]") {
    CardRun run = card("chart-pricing-2", "iframe");
    CHECK(run.status == 2);
    CHECK(run.err == "error: unknown figure or chart 'chart-pricing-2' (did you mean 'chart-pricing-1'?)\n");
}
