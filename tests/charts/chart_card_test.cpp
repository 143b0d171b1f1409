// Chart cards: cards/chart-<id>.html, .embed.html, .svg and their snippets.
#include <catch2/catch.hpp>

#include <regex>

#include "test_support.h"

using namespace sourced;

namespace {

const std::string kChart = "```chart\ntype: bar\ntitle: Compute\nseries:\n  - figure: v3-pretrain-gpu-hours\n    label: Pre\n```\n";

std::string chart_block(const std::string& extra) {
    return "```chart\n" + extra + "type: column\ntitle: Yield\nseries:\n  - figure: packaging-yield\n    label: Packaging\n```\n";
}

BuildResult build(const std::string& home, const std::string& other, const std::string& base_url = "",
                  const std::string& registry = test::sample_registry()) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", registry);
    files.add("content/index.md", "---\ntitle: Home\n---\nText.\n\n" + home);
    files.add("content/other.md", "---\ntitle: Other page\n---\nMore.\n\n" + other);
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.base_url = base_url;
    options.write = false;
    return build_site(options, files);
}

std::vector<std::string> hrefs(const std::string& html) {
    std::vector<std::string> found;
    std::regex pattern("\\shref=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1]);
    return found;
}

}  // namespace

TEST_CASE("each chart gets card files named by its id, or by its page and order", "[chart][cards]") {
    BuildResult r = build(kChart + "\n" + chart_block("id: yield-chart\n"), kChart);
    INFO(test::diagnostics_text(r));
    REQUIRE(r.ok);
    for (const char* id : {"index-1", "yield-chart", "other-1"})
        for (const char* suffix : {".html", ".embed.html", ".svg"}) {
            INFO(id << suffix);
            CHECK(r.output.count(std::string("cards/chart-") + id + suffix) == 1);
        }
    CHECK(r.output.count("cards/chart-index-2.html") == 0);  // the second chart on index has an id
    const std::string& page = r.output.at("cards/chart-yield-chart.html");
    CHECK(page.find("Embed this chart") != std::string::npos);
    CHECK(page.find("<svg class=\"chart__svg\"") != std::string::npos);
    CHECK(page.find("<a href=\"../index.html\">Home</a>") != std::string::npos);
    CHECK(page.find("<meta property=\"og:title\" content=\"Yield\">") != std::string::npos);
    const std::string& embed = r.output.at("cards/chart-yield-chart.embed.html");
    CHECK(embed.find("Embed this chart") == std::string::npos);
    CHECK(embed.find("noindex") != std::string::npos);
    CHECK(embed.find("og:title") == std::string::npos);
    CHECK(embed.find("<script") == std::string::npos);
    const std::string& svg = r.output.at("cards/chart-yield-chart.svg");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart__svg\" width=\"640\" height=\"", 0) == 0);
    CHECK(svg.find("<title id=\"chart-title\">Yield (%)</title>") != std::string::npos);
}

TEST_CASE("every bar of a chart card links to its figure's ledger entry, absolute under a base URL", "[chart][cards]") {
    BuildResult relative = build(chart_block(""), "");
    REQUIRE(relative.ok);
    const std::string& page = relative.output.at("cards/chart-index-1.html");
    CHECK(page.find("<a class=\"chart__mark chart__mark--reported\" href=\"../figures/index.html#fig-packaging-yield\"") !=
          std::string::npos);
    CHECK(page.find("src=&quot;cards/chart-index-1.embed.html&quot;") != std::string::npos);
    CHECK(page.find("only on this site") != std::string::npos);

    BuildResult absolute = build(chart_block(""), "", "https://example.org/x/");
    REQUIRE(absolute.ok);
    for (const char* file : {"cards/chart-index-1.html", "cards/chart-index-1.embed.html", "cards/chart-index-1.svg"}) {
        const std::string& html = absolute.output.at(file);
        for (const std::string& href : hrefs(html)) {
            INFO(file << ": " << href);
            CHECK((href.rfind("https://example.org/x/", 0) == 0 || href.rfind("chart-", 0) == 0 || href.rfind("data:", 0) == 0));
        }
        CHECK(html.find("href=\"https://example.org/x/figures/index.html#fig-packaging-yield\"") != std::string::npos);
    }
    const std::string& page2 = absolute.output.at("cards/chart-index-1.html");
    CHECK(page2.find("src=&quot;https://example.org/x/cards/chart-index-1.embed.html&quot;") != std::string::npos);
    CHECK(page2.find("&lt;img src=&quot;https://example.org/x/cards/chart-index-1.svg&quot;") != std::string::npos);
    CHECK(page2.find("<link rel=\"canonical\" href=\"https://example.org/x/cards/chart-index-1.html\">") != std::string::npos);
    CHECK(page2.find("only on this site") == std::string::npos);
}

TEST_CASE("chart card text is escaped in pages, snippets and the SVG", "[chart][cards]") {
    const std::string registry = test::sample_registry(R"(,
    {"id": "hostile", "value": 3, "unit": "%", "display": "<b>3</b> & \"x\"", "claim": "<script>alert(1)</script>",
     "status": "disputed", "sources": [{"id": "csis"}], "as_of": "2026"})");
    const std::string chart = "```chart\ntype: bar\ntitle: \"<script>t</script> & 'q'\"\nseries:\n"
                              "  - figure: hostile\n    label: \"<img src=x onerror=alert(1)>\"\n  - figure: packaging-yield\n```\n";
    BuildResult r = build(chart, "", "", registry);
    INFO(test::diagnostics_text(r));
    REQUIRE(r.ok);
    for (const char* file : {"cards/chart-index-1.html", "cards/chart-index-1.embed.html", "cards/chart-index-1.svg"}) {
        const std::string& text = r.output.at(file);
        INFO(file);
        CHECK(text.find("<script") == std::string::npos);
        CHECK(text.find("<img") == std::string::npos);
        CHECK(text.find("<b>3") == std::string::npos);
        CHECK(text.find("&lt;script&gt;t&lt;/script&gt; &amp;") != std::string::npos);
    }
    // In the snippets shown on the card page, markup is escaped twice: once in the snippet, once to show it.
    const std::string& page = r.output.at("cards/chart-index-1.html");
    CHECK(page.find("&amp;lt;img src=x onerror=alert(1)&amp;gt;") != std::string::npos);
    CHECK(page.find("⚠ disputed") != std::string::npos);
}

TEST_CASE("two charts with one card id are an error at the second chart", "[chart][cards]") {
    BuildResult r = build(chart_block("id: same\n"), "Intro.\n\n" + chart_block("id: same\n"));
    CHECK_FALSE(r.ok);
    CHECK(test::diagnostics_text(r).find("content/other.md:8:1: error[CHART005]: chart id 'same' is already used by the "
                                         "chart at content/index.md:6") != std::string::npos);
    // An explicit id that equals another chart's fallback id collides too.
    BuildResult fallback = build(kChart, chart_block("id: index-1\n"));
    CHECK(test::diagnostics_text(fallback).find("error[CHART005]: chart id 'index-1'") != std::string::npos);
    // A chart card's files must not be a figure card's.
    const std::string registry = test::sample_registry(R"(,
    {"id": "chart-index-1", "value": 1, "unit": "%", "display": "1%", "claim": "A figure named like a chart.",
     "status": "reported", "sources": [{"id": "csis"}], "as_of": "2026"})");
    BuildResult figure = build(chart_block("") + "\n[1%](fig:chart-index-1)\n", "", "", registry);
    CHECK(test::diagnostics_text(figure).find("content/index.md:6:1: error[CHART005]: chart id 'index-1' would give the "
                                              "chart the card files of figure 'chart-index-1'") != std::string::npos);
}

TEST_CASE("a chart id must be a slug", "[chart][cards]") {
    BuildResult r = build(chart_block("id: \"Bad Id\"\n"), "");
    CHECK_FALSE(r.ok);
    CHECK(test::diagnostics_text(r).find("content/index.md:7:5: error[CHART001]: chart id 'Bad Id' must be lower-case") !=
          std::string::npos);
}
