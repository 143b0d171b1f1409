#include <catch2/catch.hpp>

#include "reference_resolver.h"
#include "test_support.h"

using namespace sourced;

namespace {
Registry sample() {
    Diagnostics d;
    Registry r = load_registry("registry.json", test::sample_registry(), d);
    REQUIRE(d.all().empty());
    return r;
}
}  // namespace

TEST_CASE("fig: and cite: links are resolved on the tree with file positions", "[resolve]") {
    Registry registry = sample();
    MarkdownDocument doc("Intro.\n\nTook [2.66M GPU-hours](fig:v3-pretrain-gpu-hours) per [CSIS](cite:csis).\n"
                         "`[x](fig:not-a-link-in-code)`\n",
                         5);
    Diagnostics d;
    ResolvedPage page = resolve_references("p.md", doc, registry, d);
    CHECK(d.all().empty());
    REQUIRE(page.figures.size() == 1);
    CHECK(page.figures[0].figure->id == "v3-pretrain-gpu-hours");
    CHECK(page.figures[0].text == "2.66M GPU-hours");
    CHECK(page.figures[0].line == 7);
    CHECK(page.figures[0].column == 6);
    CHECK(page.figures[0].anchor == "figref-v3-pretrain-gpu-hours-1");
    REQUIRE(page.citations.size() == 1);
    CHECK(page.citations[0].source->id == "csis");
    REQUIRE(page.sources.size() == 2);
    CHECK(page.sources[0].source->id == "v3-report");
    CHECK(page.sources[0].number == 1);
    CHECK(page.sources[1].source->id == "csis");
    CHECK(page.sources[1].anchors == std::vector<std::string>{"cite-csis-1"});
}

TEST_CASE("an unknown id is an error at the link with a suggestion", "[resolve]") {
    Registry registry = sample();
    MarkdownDocument doc("A\n\nSee [x](fig:v3-pretrain) and [y](cite:csiss) and [z](fig:zzz).\n", 10);
    Diagnostics d;
    resolve_references("content/p.md", doc, registry, d);
    std::string text;
    for (const auto& item : d.all()) text += format_diagnostic(item) + "\n";
    CHECK(text ==
          "content/p.md:12:5: error[REF001]: unknown figure 'v3-pretrain' (did you mean 'v3-pretrain-gpu-hours'?)\n"
          "content/p.md:12:30: error[REF002]: unknown source 'csiss' (did you mean 'csis'?)\n"
          "content/p.md:12:50: error[REF001]: unknown figure 'zzz'\n");
}

TEST_CASE("repeated uses get distinct anchors and headings unique ids", "[resolve]") {
    Registry registry = sample();
    MarkdownDocument doc("## Overview\n\n[](fig:packaging-yield) [](fig:packaging-yield)\n\n## Overview\n\n## Sources\n", 1);
    Diagnostics d;
    ResolvedPage page = resolve_references("p.md", doc, registry, d);
    REQUIRE(page.figures.size() == 2);
    CHECK(page.figures[1].anchor == "figref-packaging-yield-2");
    CHECK(page.figures[0].text.empty());
    REQUIRE(page.headings.size() == 3);
    CHECK(page.headings[0].id == "overview");
    CHECK(page.headings[1].id == "overview-2");
    CHECK(page.headings[2].id == "sources-2");  // "sources" is the reference list's own id
}
