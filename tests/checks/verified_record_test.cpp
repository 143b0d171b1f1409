// A verified figure without a 'verified' record is one finding with one
// code: REG011, when the registry loads, at its status. SRC005 is about the
// rest of what a verified figure needs (a primary source with a URL, a quote)
// and never says the record is missing too.
#include <catch2/catch.hpp>

#include "figure_rules.h"
#include "registry.h"
#include "registry_marks.h"
#include "test_support.h"

using namespace sourced;

TEST_CASE("a verified figure without its record is REG011 alone, never also SRC005", "[checks][SRC005]") {
    std::string text = test::sample_registry(R"(,
    {"id": "x", "value": 1, "unit": "u", "display": "1", "claim": "c", "status": "verified",
     "sources": [{"id": "v3-report", "quote": "costs 2664K GPU hours"}], "as_of": "2025"})");
    Diagnostics load;
    Registry registry = load_registry("registry.json", text, load);
    REQUIRE(load.all().size() == 1);
    CHECK(format_diagnostic(load.all()[0]) ==
          "registry.json:17:82: error[REG011]: figures[2].status: figure 'x' has status 'verified' but no 'verified' "
          "record {\"on\", \"method\"}");
    Diagnostics checks;
    RegistryMarks marks;
    check_figure_rules(registry, "registry.json", text, "2026-12-01", marks, checks);
    CHECK(checks.all().empty());  // its source is primary with a URL and it has a quote: nothing else is missing

    // In a whole build: the one error, and the build stops at the load stage.
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", text);
    files.add("content/index.md", "---\ntitle: T\n---\n[1](fig:x) [](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n");
    BuildResult r = test::build_in_memory(files);
    CHECK(test::diagnostics_text(r).find("REG011") != std::string::npos);
    CHECK(test::diagnostics_text(r).find("SRC005") == std::string::npos);
    CHECK(r.diagnostics.error_count() == 1);
}
