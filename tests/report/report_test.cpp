// `sourced report`: one self-contained file with unique ids and in-file links.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "report_build.h"
#include "test_support.h"

using namespace sourced;

namespace {

MemoryFileSystem report_site() {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md",
              "---\ntitle: Front\nweight: 0\n---\n## Overview\n\nTook [](fig:v3-pretrain-gpu-hours); see [the second page](second.html#overview) "
              "and [the ledger entry](figures/index.html#fig-packaging-yield).\n");
    files.add("content/pages/second.md",
              "---\ntitle: Second\nweight: 10\n---\n## Overview\n\nYield [](fig:packaging-yield) per [CSIS](cite:csis).\n");
    return files;
}

ReportResult report(const MemoryFileSystem& files, std::vector<std::string> pages = {}) {
    ReportOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.pages = std::move(pages);
    return build_report(options, files);
}

std::vector<std::string> all_matches(const std::string& html, const std::regex& pattern) {
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1]);
    return found;
}

}  // namespace

TEST_CASE("the report is one file whose ids are unique and whose in-file links all resolve", "[report]") {
    ReportResult result = report(report_site());
    INFO(result.html.substr(0, 2000));
    REQUIRE(result.ok);
    const std::string& html = result.html;
    CHECK(result.pages == 2);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link rel=\"stylesheet\"") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find(".fig__card") != std::string::npos);  // the stylesheet is inlined

    std::vector<std::string> ids = all_matches(html, std::regex(R"( id="([^"]+)\")"));
    std::set<std::string> unique(ids.begin(), ids.end());
    CHECK(unique.size() == ids.size());
    // Both pages have an "Overview" heading; they do not collide.
    CHECK(unique.count("index--overview"));
    CHECK(unique.count("second--overview"));

    for (const std::string& target : all_matches(html, std::regex(R"(href="#([^"]*)\")"))) {
        INFO(target);
        CHECK(unique.count(target));
    }
    // Links between pages and to the ledger became in-file anchors.
    CHECK(html.find("href=\"#second--overview\">the second page</a>") != std::string::npos);
    CHECK(html.find("href=\"#fig-packaging-yield\">the ledger entry</a>") != std::string::npos);
    CHECK(html.find("href=\"second.html") == std::string::npos);
    CHECK(html.find("href=\"figures/") == std::string::npos);
    // Flags and the summary on the first page.
    CHECK(html.find("<strong>1 of 2 figures verified</strong>") != std::string::npos);
    CHECK(html.find("<span class=\"flag flag--reported\">") != std::string::npos);
}

TEST_CASE("the report takes the pages named, in that order, and rejects unknown ones", "[report]") {
    ReportResult only = report(report_site(), {"second", "index"});
    REQUIRE(only.ok);
    CHECK(only.html.find("id=\"page-second\"") < only.html.find("id=\"page-index\""));

    ReportResult one = report(report_site(), {"second"});
    REQUIRE(one.ok);
    CHECK(one.html.find("id=\"page-index\"") == std::string::npos);

    ReportResult bad = report(report_site(), {"secnd"});
    CHECK_FALSE(bad.ok);
    std::string text;
    for (const auto& d : bad.diagnostics.all())  // the errors; the registry checks' notes come too, as in a build
        if (d.severity == Severity::error) text += format_diagnostic(d) + "\n";
    CHECK(text == "--pages: error[REP001]: no page with slug 'secnd' (did you mean 'second'?)\n");
}

TEST_CASE("the report is deterministic", "[report]") {
    CHECK(report(report_site()).html == report(report_site()).html);
}
