// The build report page's HTML (render/report_page.h): figures by status,
// bare figures, quotes, stale figures and sources with gaps.
#include <catch2/catch.hpp>

#include "report_page.h"

using namespace sourced;

namespace {

Figure figure(const std::string& id, Status status, std::vector<Evidence> evidence) {
    Figure f;
    f.id = id;
    f.status = status;
    f.evidence = std::move(evidence);
    return f;
}

Source source(const std::string& id, const std::string& title, const std::string& url, const std::string& issued,
              const std::string& accessed) {
    Source s;
    s.id = id;
    s.title = title;
    s.url = url;
    s.issued = issued;
    s.accessed = accessed;
    return s;
}

std::string status_row(const std::string& name, const std::string& symbol, int count) {
    return "<tr><td><a href=\"../legend.html#status-" + name + "\"><span aria-hidden=\"true\">" + symbol + "</span> " + name +
           "</a></td><td>" + std::to_string(count) + "</td></tr>\n";
}

}  // namespace

TEST_CASE("the report page lists statuses, bare figures, unchecked quotes, stale figures and source gaps",
          "[report_page]") {
    Registry registry;
    registry.sources = {source("s1", "Full", "https://a.org/", "2024", "2025-02-01"),
                        source("s2", "Gaps <all>", "", "", ""),
                        source("s3", "No access", "https://b.org/", "2024", "")};
    registry.figures = {figure("f1", Status::verified, {{"s1", "q", ""}}),
                        figure("f2", Status::reported, {{"s2", "", ""}}),
                        figure("f3", Status::disputed, {{"s1", "q3", ""}})};
    registry.figures[1].review_by = "2025-01";
    registry.index();
    CheckReport report;
    report.today = "2026-06-26";
    report.marks.mark("f1").snapshots = {"unchecked"};
    report.marks.mark("f3").snapshots = {"checked"};
    report.marks.mark("f2").stale = true;
    report.bare = {{"content/a.md", 3, 5, "costs 5 < 6"}};
    report.quotes = 2;
    report.quotes_checked = 1;

    std::string expected =
        "<article class=\"report\">\n<header class=\"article__header\">\n<h1>Build report</h1>\n"
        "<p class=\"article__summary\">What <code>sourced check</code> found in this build, with review dates judged "
        "as of 26 June 2026. Codes are explained in the project's docs/checks.md.</p>\n</header>\n"
        "<h2 id=\"status\">Figures by status</h2>\n<table class=\"report__status\">\n"
        "<thead><tr><th>status</th><th>figures</th></tr></thead><tbody>\n" +
        status_row("verified", "✓", 1) + status_row("reported", "◆", 1) + status_row("self-reported", "◇", 0) +
        status_row("projected", "▷", 0) + status_row("unverified", "?", 0) + status_row("disputed", "⚠", 1) +
        status_row("false", "✗", 0) +
        "</tbody></table>\n"
        "<h2 id=\"unsourced\">Bare figures in prose</h2>\n<ul class=\"report__list\">\n"
        "<li><code>content/a.md:3:5</code> costs 5 &lt; 6</li>\n</ul>\n"
        "<h2 id=\"quotes\">Quotes</h2>\n<p>1 of 2 quotes were checked against a snapshot of their source. Unchecked:</p>\n"
        "<ul class=\"report__list\">\n"
        "<li><a href=\"../figures/index.html#fig-f1\">f1</a> from <a href=\"../sources/index.html#source-s1\">s1</a></li>\n"
        "</ul>\n"
        "<h2 id=\"stale\">Stale figures</h2>\n<ul class=\"report__list\">\n"
        "<li><a href=\"../figures/index.html#fig-f2\">f2</a>, due for review by January 2025</li>\n</ul>\n"
        "<h2 id=\"gaps\">Sources with gaps</h2>\n<ul class=\"report__list\">\n"
        "<li><a href=\"../sources/index.html#source-s2\">Gaps &lt;all&gt;</a>: no URL, no issued date, no accessed date</li>\n"
        "<li><a href=\"../sources/index.html#source-s3\">No access</a>: no accessed date</li>\n"
        "</ul>\n</article>\n";
    CHECK(report_page_html(registry, report, "../") == expected);
}

TEST_CASE("an empty report says none where there is nothing to list", "[report_page]") {
    Registry registry;
    CheckReport report;
    std::string html = report_page_html(registry, report, "");
    CHECK(html.find("found in this build. Codes are explained") != std::string::npos);  // no date of judgement
    CHECK(html.find("judged") == std::string::npos);
    CHECK(html.find(status_row("verified", "✓", 0).substr(0, 30)) == std::string::npos);  // root "" not "../"
    CHECK(html.find("<tr><td><a href=\"legend.html#status-false\"><span aria-hidden=\"true\">✗</span> false</a></td><td>0</td></tr>\n") !=
          std::string::npos);
    CHECK(html.find("<h2 id=\"unsourced\">Bare figures in prose</h2>\n"
                    "<p>None: every figure-like number in the pages links to the registry.</p>\n") != std::string::npos);
    CHECK(html.find("<p>0 of 0 quotes were checked against a snapshot of their source. Unchecked:</p>\n"
                    "<ul class=\"report__list\">\n</ul>\n") != std::string::npos);
    CHECK(html.find("<h2 id=\"stale\">Stale figures</h2>\n<p>None.</p>\n") != std::string::npos);
    CHECK(html.find("<h2 id=\"gaps\">Sources with gaps</h2>\n<ul class=\"report__list\">\n</ul>\n</article>\n") !=
          std::string::npos);
}
