// The json and sarif diagnostic formats (cli/report_formats.h).
#include <catch2/catch.hpp>

#include "report_formats.h"
#include "test_support.h"

using namespace sourced;

namespace {

BuildResult build_page(const std::string& page) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: T\n---\n" + page);
    return test::build_in_memory(files);
}

const std::string kUses = "[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n\n";

}  // namespace

TEST_CASE("the json and sarif formats describe the same diagnostics", "[checks][format]") {
    BuildResult r = build_page(kUses + "It costs $5.\n");
    auto json = nlohmann::json::parse(diagnostics_json(r, false));
    CHECK(json["warnings"] == 1);
    bool found = false;
    for (const auto& d : json["diagnostics"])
        if (d["code"] == "SRC001") found = d["line"] == 6 && d["column"] == 10 && d["severity"] == "warning";
    CHECK(found);
    auto sarif = nlohmann::json::parse(diagnostics_sarif(r));
    CHECK(sarif["version"] == "2.1.0");
    const auto& results = sarif["runs"][0]["results"];
    bool located = false;
    for (const auto& x : results)
        if (x["ruleId"] == "SRC001")
            located = x["level"] == "warning" &&
                      x["locations"][0]["physicalLocation"]["region"]["startLine"] == 6 &&
                      x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/index.md";
    CHECK(located);
    CHECK(diagnostics_sarif(r) == diagnostics_sarif(build_page(kUses + "It costs $5.\n")));
}
