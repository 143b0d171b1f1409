#include <catch2/catch.hpp>

#include "status.h"
#include "figure_markup.h"
#include "test_support.h"

using namespace sourced;

TEST_CASE("registry strings are escaped wherever they land in the site", "[escape]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", R"({
  "sources": [{"id": "evil", "type": "report", "title": "<script>alert('t')</script>",
               "author": [{"literal": "\"Mallory\" <img src=x onerror=alert(1)>"}],
               "publisher": "</textarea>]]>", "URL": "https://example.org/?a=1&b=\"2\""}],
  "figures": [{"id": "f", "value": 1, "unit": "<u>", "display": "<b>1</b>", "claim": "<script>claim</script>",
               "status": "reported", "sources": [{"id": "evil", "quote": "1 </q><script>q</script>", "locator": "<i>"}],
               "as_of": "2026", "note": "'single' & \"double\""}]})");
    files.add("content/index.md", "---\ntitle: \"<script>title</script>\"\nsummary: \"<b>s</b>\"\n---\n[](fig:f) [c](cite:evil)\n\n<script>raw()</script>\n\n<iframe src=x></iframe>\n");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    for (const auto& entry : result.output) {
        const std::string& path = entry.first;  // a plain reference: clang 14 cannot capture a structured binding
        const std::string& page = entry.second;
        if (path.rfind("assets/", 0) == 0) continue;
        auto ends_with = [&](const std::string& ext) { return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0; };
        if (!ends_with(".html") && !ends_with(".svg")) continue;  // JSON, BibTeX, text: see card_test.cpp
        INFO(path);
        // The only script elements are the site's own: its scripts and JSON-LD.
        std::string html = page;
        for (const char* own : {"<script src=\"", "<script type=\"application/ld+json\">"})
            for (auto at = html.find(own); at != std::string::npos; at = html.find(own))
                html.erase(at, std::string(own).size());
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("<iframe") == std::string::npos);
        CHECK(html.find("<b>") == std::string::npos);
        CHECK(html.find("<u>") == std::string::npos);  // the unit
        CHECK(html.find("<i>") == std::string::npos);  // the locator
        CHECK(html.find("</textarea>") == std::string::npos);
    }
    // The unit and the locator land on the figure's card and in the ledger, escaped.
    for (const char* path : {"cards/f.html", "figures/index.html"}) {
        INFO(path);
        const std::string& html = result.output.at(path);
        CHECK(html.find("&lt;i&gt;") != std::string::npos);
    }
    CHECK(result.output.at("figures/index.html").find("&lt;u&gt;") != std::string::npos);
    const std::string& index = result.output.at("index.html");
    CHECK(index.find("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(index.find("https://example.org/?a=1&amp;b=%222%22") != std::string::npos);  // " percent-encoded (web_url.h), & escaped
    CHECK(index.find("<!-- raw HTML omitted -->") != std::string::npos);
    // JSON-LD carries the strings with <, > and & as \u escapes, so they cannot end the script.
    CHECK(index.find("\\u003cscript\\u003ealert('t')\\u003c/script\\u003e") != std::string::npos);
}

TEST_CASE("every status but verified renders a visible flag naming it", "[status]") {
    for (Status s : all_statuses()) {
        std::string flag = status_flag_html(s);
        INFO(status_name(s));
        if (s == Status::verified) {
            CHECK(flag.find("visually-hidden") != std::string::npos);
            CHECK_FALSE(is_flagged(s));
        } else {
            CHECK(flag.find("class=\"flag flag--" + status_name(s) + "\"") != std::string::npos);
            CHECK(flag.find("</span> " + status_name(s) + "</span>") != std::string::npos);
            CHECK(flag.find(status_symbol(s)) != std::string::npos);
        }
    }
    CHECK(parse_status("self-reported") == Status::self_reported);
    CHECK(parse_status("false") == Status::false_);
    CHECK_FALSE(parse_status("Verified"));
}

TEST_CASE("figures render inside table cells and unsafe link schemes are emptied", "[escape]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md",
              "---\ntitle: T\n---\n| chip | yield |\n|---|---|\n| 910C | [](fig:packaging-yield) |\n\n"
              "[click](javascript:alert(1)) [ok](https://example.org) [](fig:v3-pretrain-gpu-hours) <https://x.org>\n");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& html = result.output.at("index.html");
    CHECK(html.find("<td><span class=\"fig fig--reported\" id=\"figref-packaging-yield-1\">") != std::string::npos);
    CHECK(html.find("<a href=\"\">click</a>") != std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    CHECK(html.find("<a href=\"https://example.org\">ok</a>") != std::string::npos);
    CHECK(html.find("<a href=\"https://x.org\">https://x.org</a>") != std::string::npos);
}
