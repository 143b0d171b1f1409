// Sources exported from Zotero / Better BibTeX as a separate CSL-JSON file.
#include <catch2/catch.hpp>

#include "content_loader.h"
#include "test_support.h"

using namespace sourced;

namespace {

const std::string kFixture = std::string(SOURCED_TEST_DIR) + "/fixtures/pandoc/content";

std::string all_diagnostics(const Diagnostics& d) {
    std::string text;
    for (const auto& item : sorted_diagnostics(d)) text += format_diagnostic(item) + "\n";
    return text;
}

LoadedContent load_memory(const std::string& registry, const std::string& sources, Diagnostics& d) {
    MemoryFileSystem files;
    files.add("content/registry.json", registry);
    if (!sources.empty()) files.add("content/refs/sources.csl.json", sources);
    return load_content(files, "content", d);
}

const std::string kRegistry = R"({"sources": "refs/sources.csl.json", "figures": []})";

}  // namespace

TEST_CASE("a real-shaped Zotero / Better BibTeX export loads with every field kept", "[zotero]") {
    DiskFileSystem files;
    Diagnostics d;
    LoadedContent content = load_content(files, kFixture, d);
    INFO(all_diagnostics(d));
    CHECK(d.all().empty());
    const Registry& r = content.registry;
    REQUIRE(r.sources.size() == 5);
    CHECK(r.figures.size() == 3);

    const Source* vaswani = r.source("vaswaniAttentionAllYou2017");
    REQUIRE(vaswani);
    CHECK(vaswani->type == "paper-conference");
    CHECK(vaswani->authors == std::vector<std::string>{"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"});
    CHECK(vaswani->issued == "2017");        // date-parts with the year as a string, as BBT writes it
    CHECK(vaswani->accessed == "2026-06-27");
    CHECK(vaswani->container_title == "Advances in Neural Information Processing Systems");
    CHECK(vaswani->csl.at("container-title-short") == "NeurIPS");
    CHECK(vaswani->csl.at("page") == "5998-6008");
    CHECK(vaswani->csl.at("citation-key") == "vaswaniAttentionAllYou2017");
    CHECK(vaswani->where.path == kFixture + "/references.csl.json");
    CHECK(vaswani->where.line == 3);

    const Source* jumper = r.source("jumperHighlyAccurateProtein2021");
    REQUIRE(jumper);
    CHECK(jumper->doi == "10.1038/s41586-021-03819-2");
    CHECK(jumper->url == "https://doi.org/10.1038/s41586-021-03819-2");  // no URL: the DOI's
    CHECK(jumper->issued == "2021-08");
    for (const char* field : {"ISSN", "issue", "volume", "abstract", "language", "note", "journalAbbreviation", "license"})
        CHECK(jumper->csl.contains(field));

    const Source* hoffmann = r.source("hoffmannTrainingComputeOptimalLarge2022");
    REQUIRE(hoffmann);
    CHECK(hoffmann->issued == "2022-03-29");  // {"raw": ...}
    CHECK(hoffmann->accessed == "2026-06-27");

    // Zotero's own export uses item URIs as ids; the citation key is the key.
    const Source* deepseek = r.source("deepseekV3TechnicalReport2024");
    REQUIRE(deepseek);
    CHECK(deepseek->authors == std::vector<std::string>{"DeepSeek-AI"});
    CHECK(deepseek->issued == "2024-12-27");

    CHECK(r.source("kaplanScalingLawsNeural2020")->authors.at(2) == "Tom de Vries");
    // Figures cite the exported keys.
    CHECK(r.figure("v3-pretrain-gpu-hours")->evidence.at(0).source_id == "deepseekV3TechnicalReport2024");
}

TEST_CASE("errors in a separate sources file name that file, line and column", "[zotero]") {
    Diagnostics d;
    load_memory(kRegistry, R"([
  {"id": "ok2024", "type": "report", "title": "Fine"},
  {"id": "bad2024", "type": "report", "title": "Bad",
   "URL": "ftp://example.org/x", "author": [{"given": "Only"}]},
  {"id": "late2024", "type": "report", "title": "Seasonal", "issued": {"season": 2}},
  {"id": "ok2024", "type": "report", "title": "Twice"}
])", d);
    std::string text = all_diagnostics(d);
    INFO(text);
    CHECK(text.find("content/refs/sources.csl.json:4:11: error[REG006]: [1].URL: source 'bad2024': URL 'ftp://example.org/x'") != std::string::npos);
    CHECK(text.find("content/refs/sources.csl.json:4:45: error[REG003]: [1].author[0]: source 'bad2024': an author needs 'family' or 'literal'") != std::string::npos);
    CHECK(text.find("content/refs/sources.csl.json:5:71: error[REG007]: [2].issued: source 'late2024': 'issued' is not a CSL date") != std::string::npos);
    CHECK(text.find("content/refs/sources.csl.json:6:4: error[REG005]: [3].id: duplicate source id 'ok2024' (first at line 2, column 4)") != std::string::npos);
    CHECK(text.find("registry.json:") == std::string::npos);
}

TEST_CASE("a malformed or missing sources file is reported", "[zotero]") {
    Diagnostics d;
    load_memory(kRegistry, "[\n  {\"id\": \"x\",\n}\n]", d);
    CHECK(all_diagnostics(d).find("content/refs/sources.csl.json:3:1: error[JSON001]") != std::string::npos);

    Diagnostics not_a_list;
    load_memory(kRegistry, R"({"id": "x"})", not_a_list);
    CHECK(all_diagnostics(not_a_list).find("content/refs/sources.csl.json:1:1: error[REG001]") != std::string::npos);

    Diagnostics missing;
    load_memory(kRegistry, "", missing);
    CHECK(all_diagnostics(missing).find("content/registry.json:1:2: error[LOAD006]: sources file 'content/refs/sources.csl.json' not found") !=
          std::string::npos);
}

TEST_CASE("source ids may be Better BibTeX citation keys but nothing unsafe", "[zotero]") {
    CHECK(is_valid_source_id("allenChinaAIChips2025"));
    CHECK(is_valid_source_id("doe:2024"));
    CHECK(is_valid_source_id("_private"));
    CHECK_FALSE(is_valid_source_id("a b"));
    CHECK_FALSE(is_valid_source_id("x\"y"));
    CHECK_FALSE(is_valid_source_id("-lead"));
    CHECK_FALSE(is_valid_source_id("a/../b"));
    CHECK_FALSE(is_valid_source_id("http://zotero.org/users/1/items/X"));
}
