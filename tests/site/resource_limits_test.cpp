// Limits that bound what one hostile input can cost (issue #20, "Limits that
// do not bound resources"): the parse budget stops a parse instead of waiting
// for it (MarkdownDocument::parse_within), uses per page (LIM006), and the
// length of strings a site repeats on many pages (LIM007).
#include <catch2/catch.hpp>
#include <cmark-gfm.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "json_document.h"
#include "markdown_document.h"
#include "one_page_site.h"
#include "page_build.h"
#include "test_support.h"

using namespace sourced;

namespace {

using test::build_errors;
using test::has;

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Waits until every abandoned parse has returned, up to two minutes.
bool abandoned_parses_finish() {
    for (int i = 0; i < 1200 && MarkdownDocument::abandoned_parses_running() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return MarkdownDocument::abandoned_parses_running() == 0;
}

}  // namespace

TEST_CASE("a parse over the budget is stopped at the budget, and the abandoned parse frees itself", "[hostile]") {
    // cmark-gfm's autolink extension is quadratic in a run of "www._": 30 KB of
    // it takes about a second; the budget here is 200 ms.
    REQUIRE(abandoned_parses_finish());
    Page page;
    page.path = "content/slow.md";
    page.body = repeat("www._", 6000) + "\n";
    page.body_line = 4;
    InputLimits limits;
    limits.parse_budget_seconds = 0.2;
    limits.inline_parse_bytes = 1024;
    Registry registry;
    PageInputs inputs;
    inputs.registry = &registry;
    inputs.limits = &limits;
    PageWork work;
    auto document = parse_page(page, inputs, work);
    // parse_page returned while cmark-gfm was still parsing: it did not wait for it.
    CHECK(MarkdownDocument::abandoned_parses_running() == 1);
    REQUIRE(document);
    REQUIRE(work.diagnostics.all().size() == 1);
    CHECK(format_diagnostic(work.diagnostics.all().at(0)) ==
          "content/slow.md:1:1: error[LIM005]: parsing the page was stopped at its budget of 0.2 s (or earlier pages "
          "over it are still being parsed); simplify or split the page");
    CHECK(abandoned_parses_finish());
}

TEST_CASE("while too many abandoned parses still run, a large page is refused at once", "[hostile]") {
    REQUIRE(abandoned_parses_finish());
    std::string slow = repeat("www._", 6000) + "\n";
    CHECK_FALSE(MarkdownDocument::parse_within(slow, 1, 0.01, 1024, 1));
    CHECK(MarkdownDocument::abandoned_parses_running() == 1);
    CHECK_FALSE(MarkdownDocument::parse_within("# small enough to parse here\n" + std::string(2000, 'a'), 1, 10, 1024, 1));
    CHECK(MarkdownDocument::parse_within("# small\n", 1, 10, 1024, 1));  // at most inline_bytes: parsed here
    CHECK(abandoned_parses_finish());
}

TEST_CASE("a page parsed on the watchdog thread gives the same HTML as one parsed in place", "[hostile]") {
    std::string text = "# Title\n\nA [link](https://example.org/a b) and <script>x</script> raw.\n\n" +
                       repeat("Para with *emphasis*, `code` and www.example.org.\n\n", 400) +
                       "<div onclick=x>block</div>\n\n[bad](javascript:alert(1))\n";
    REQUIRE(text.size() > 16 * 1024);
    MarkdownDocument in_place(text, 3);
    auto threaded = MarkdownDocument::parse_within(text, 3, 60, 1024, 4);
    REQUIRE(threaded);
    CHECK(threaded->render_html() == in_place.render_html());
    CHECK_FALSE(has(threaded->render_html(), "<script>"));
    CHECK_FALSE(has(threaded->render_html(), "javascript:"));
    CHECK(threaded->file_line(cmark_node_first_child(threaded->root())) == 3);
}

TEST_CASE("more figure and source links on one page than the limit is LIM006 at the first one over", "[hostile]") {
    int limit = default_input_limits().max_references_per_page;
    std::string at_limit = "---\ntitle: Many\n---\n" + repeat("[](fig:packaging-yield) [](cite:csis)\n", limit / 2);
    BuildResult fine = test::build_in_memory(test::site_with(at_limit));
    CHECK(fine.ok);
    std::string errors = build_errors(test::site_with(at_limit + "One more: [](fig:packaging-yield).\n"));
    CHECK(has(errors, "content/index.md:" + std::to_string(4 + limit / 2) + ":11: error[LIM006]: more than " +
                          std::to_string(limit) + " figure and source links on one page; split the page"));
}

TEST_CASE("strings repeated across the site are capped: registry, site.json and front matter, LIM007", "[hostile]") {
    const InputLimits& limits = default_input_limits();
    SECTION("a registry string at the limit passes, one byte more is an error at the string") {
        auto figure = [](std::size_t n) {
            return R"(,{"id": "long", "value": 1, "unit": "x", "display": ")" + std::string(n, 'a') +
                   R"(", "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
        };
        Diagnostics ok;
        CHECK(parse_json_document("content/registry.json", test::sample_registry(figure(limits.max_json_string_bytes)), ok));
        std::string errors = build_errors(test::site_with(test::kPage, test::sample_registry(figure(limits.max_json_string_bytes + 1))));
        CHECK(std::regex_search(errors, std::regex("content/registry\\.json:[0-9]+:[0-9]+: error\\[LIM007\\]: string of " +
                                                   std::to_string(limits.max_json_string_bytes + 1) +
                                                   " bytes, over the limit of " +
                                                   std::to_string(limits.max_json_string_bytes) + " bytes")));
    }
    SECTION("a site title over the limit") {
        MemoryFileSystem files = test::site_with(test::kPage);
        files.add("content/site.json", "{\n  \"title\": \"" + std::string(limits.max_site_string_bytes + 1, 't') + "\"\n}\n");
        CHECK(has(build_errors(files), "content/site.json:2:12: error[LIM007]: string of " +
                                           std::to_string(limits.max_site_string_bytes + 1) + " bytes"));
        files.add("content/site.json", "{\n  \"title\": \"" + std::string(limits.max_site_string_bytes, 't') + "\"\n}\n");
        CHECK(test::build_in_memory(files).ok);
    }
    SECTION("a page title over the limit") {
        std::string title(limits.max_site_string_bytes + 1, 'T');
        CHECK(has(build_errors(test::site_with("---\ntitle: " + title + "\n---\nBody.\n")),
                  "content/index.md:2:8: error[LIM007]: 'title' is " + std::to_string(title.size()) +
                      " bytes, over the limit of " + std::to_string(limits.max_site_string_bytes) + " bytes"));
        CHECK(test::build_in_memory(test::site_with("---\ntitle: " + title.substr(1) + "\n---\nBody.\n")).ok);
    }
}
