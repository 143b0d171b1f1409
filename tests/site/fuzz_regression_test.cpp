// Every finding of the fuzz targets stays fixed: each saved input in
// tests/fuzz/regressions/<target>/ runs through the same code as its target
// (tests/fuzz/fuzz_inputs.h), plus a test of the fixed behaviour itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>

#include "fuzz/fuzz_inputs.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

TEST_CASE("saved fuzz findings run through their targets without a crash or an exception", "[fuzz]") {
    const std::map<std::string, std::function<void(const std::string&)>> targets = {
        {"registry", fuzz::registry_input}, {"front_matter", fuzz::front_matter_input}, {"page", fuzz::page_input},
        {"derived", fuzz::derived_input},   {"cards", fuzz::cards_input}};
    int replayed = 0;
    for (const auto& entry : fs::recursive_directory_iterator(std::string(SOURCED_TEST_DIR) + "/fuzz/regressions")) {
        if (!entry.is_regular_file()) continue;
        std::string target = entry.path().parent_path().filename().string();
        INFO(entry.path().string());
        REQUIRE(targets.count(target));
        CHECK_NOTHROW(targets.at(target)(test::read_file(entry.path())));
        ++replayed;
    }
    CHECK(replayed > 0);
}

TEST_CASE("a bare figure next to a Pandoc citation gets a column on its line (fuzz finding)", "[fuzz]") {
    // "m 0%@s": the citation rewrite splits the text node, and the figure's
    // computed column fell past the end of the line, where std::string::compare threw.
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: T\n---\nm 0%@csis\n\nm 0%@s\n");
    BuildResult result;
    REQUIRE_NOTHROW(result = test::build_in_memory(files));
    std::string diagnostics = test::diagnostics_text(result);
    INFO(diagnostics);
    CHECK(test::count_occurrences(diagnostics, "warning[SRC001]: bare figure '0%'") == 2);
}

TEST_CASE("a verification date that is not a date is an error, and a card's CSL date never throws (fuzz finding)", "[fuzz]") {
    // "verified": {"on": "2026-11-r2"}: nothing checked the date, it became the
    // card's changed date, and citation_csl's std::stoi threw on "r2".
    std::string registry = test::sample_registry();
    registry.replace(registry.find("2026-11-22"), 10, "2026-11-r2");
    Diagnostics out;
    load_registry("registry.json", registry, out);
    std::string messages;
    for (const auto& d : out.all()) messages += format_diagnostic(d) + "\n";
    INFO(messages);
    CHECK(test::count_occurrences(messages, "error[REG007]") == 1);
    CHECK(messages.find("verified on '2026-11-r2' must be YYYY, YYYY-MM or YYYY-MM-DD") != std::string::npos);

    Diagnostics clean;
    Registry good = load_registry("registry.json", test::sample_registry(), clean);
    REQUIRE_FALSE(clean.has_errors());
    CardFacts card = card_facts(good.figures.at(0), good, "T");
    SiteConfig config;
    for (const auto& [changed, parts] : std::vector<std::pair<std::string, std::string>>{
             {"2026-11-r2", "[[2026,11]]"}, {"2026-11-05", "[[2026,11,5]]"}, {"x", ""}, {"2026", "[[2026]]"}}) {
        INFO(changed);
        card.changed = changed;
        nlohmann::json csl;
        REQUIRE_NOTHROW(csl = citation_csl(card, good, config));
        CHECK((parts.empty() ? !csl[0].contains("issued") : csl[0]["issued"]["date-parts"].dump() == parts));
    }
}
