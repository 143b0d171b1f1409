// A source read via another (custom.via) names that other source by its
// title in every citation: the title is the registry's text, so it is
// escaped wherever it lands (figure cards in pages, the ledger, the sources page).
#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"

using namespace sourced;

TEST_CASE("a custom.via source's title is escaped on every page that cites through it", "[escaping]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", R"({
  "sources": [
    {"id": "wire", "type": "article", "title": "Wire <script>alert(1)</script> & co", "URL": "https://wire.example/",
     "issued": {"date-parts": [[2026, 6]]}},
    {"id": "blog", "type": "post", "title": "A blog", "URL": "https://blog.example/",
     "issued": {"date-parts": [[2026, 6]]}, "custom": {"via": "wire"}}
  ],
  "figures": [
    {"id": "chips", "value": 1000, "unit": "chips", "display": "1,000 chips", "claim": "Chips in the cluster.",
     "status": "reported", "sources": [{"id": "blog", "quote": "1,000 chips"}], "as_of": "2026-06"}
  ]
})");
    files.add("content/pages/a.md", "---\ntitle: A\n---\nThe cluster had [1,000 chips](fig:chips).\n");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string escaped = "Wire &lt;script&gt;alert(1)&lt;/script&gt; &amp; co";
    for (const std::string path : {"a.html", "figures/index.html", "sources/index.html"}) {
        INFO(path);
        REQUIRE(result.output.count(path));
        CHECK(result.output.at(path).find("read via") != std::string::npos);
        CHECK(test::count_occurrences(result.output.at(path), escaped) >= 1);
    }
    for (const auto& [path, bytes] : result.output) {
        INFO(path);
        CHECK(bytes.find("<script>alert(1)") == std::string::npos);
    }
}
