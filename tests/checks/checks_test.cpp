#include <catch2/catch.hpp>

#include "evidence_checks.h"
#include "test_support.h"

using namespace sourced;

namespace {

BuildResult build_page(const std::string& page, const std::string& extra_figures = "",
                       const std::string& snapshot = "") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry(extra_figures));
    files.add("content/index.md", "---\ntitle: T\n---\n" + page);
    if (!snapshot.empty()) files.add("content/snapshots/v3-report.txt", snapshot);
    return test::build_in_memory(files);
}

bool has(const BuildResult& r, const std::string& line) {
    return test::diagnostics_text(r).find(line) != std::string::npos;
}

const std::string kUses = "[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n\n";

}  // namespace

TEST_CASE("SRC001 reports bare figures with file positions, not names or years", "[checks][SRC001]") {
    BuildResult r = build_page(kUses + "In 2026 the H100 and V4-Pro.\n\nIt ran\n1,500+ iterations at $0.003625 and 80-90% and 3-10x.\n");
    INFO(test::diagnostics_text(r));
    CHECK(has(r, "content/index.md:9:1: warning[SRC001]: bare figure '1,500+ iterations'"));
    CHECK(has(r, "content/index.md:9:22: warning[SRC001]: bare figure '$0.003625'"));
    CHECK(has(r, "bare figure '80-90%'"));
    CHECK(has(r, "bare figure '3-10x'"));
    CHECK_FALSE(has(r, "'2026'"));
    CHECK_FALSE(has(r, "H100"));
    CHECK(r.diagnostics.warning_count() == 4);
}

TEST_CASE("SRC001 skips code, fig: link text and the fig:- marker, which renders as text", "[checks][SRC001]") {
    BuildResult r = build_page(kUses + "`60%` and\n\n    75% in a block\n\nand [about 60%](fig:-) and [75%](fig:packaging-yield).\n");
    INFO(test::diagnostics_text(r));
    CHECK(r.ok);
    CHECK(r.diagnostics.warning_count() == 0);
    CHECK(r.output.at("index.html").find("and about 60% and") != std::string::npos);
}

TEST_CASE("SRC002 link text must agree with the figure's value", "[checks][SRC002]") {
    BuildResult good = build_page("[2.66M GPU-hours](fig:v3-pretrain-gpu-hours) and [75%](fig:packaging-yield)\n");
    CHECK(good.ok);
    BuildResult bad = build_page("[2.6M GPU-hours](fig:v3-pretrain-gpu-hours) and [70%](fig:packaging-yield)\n");
    INFO(test::diagnostics_text(bad));
    CHECK(has(bad, "content/index.md:4:1: error[SRC002]: link text '2.6M GPU-hours' states 2,600,000 but figure "
                   "'v3-pretrain-gpu-hours' is 2,664,000 GPU-hours"));
    CHECK(has(bad, "error[SRC002]: link text '70%' states 70"));
}

TEST_CASE("SRC003 quotes are checked against snapshots, normalised", "[checks][SRC003]") {
    BuildResult none = build_page(kUses);
    CHECK(none.ok);
    CHECK(none.output.at("index.html").find("quote not checked: no snapshot") != std::string::npos);
    BuildResult found = build_page(kUses, "", "The pre-training stage\n COSTS  2664K GPU hours.\n");
    INFO(test::diagnostics_text(found));
    CHECK(found.ok);
    CHECK(found.output.at("index.html").find("quote checked against a snapshot") != std::string::npos);
    CHECK(found.report.quotes_checked == 1);
    BuildResult missing = build_page(kUses, "", "It costs 2788K GPU hours.\n");
    CHECK(has(missing, "error[SRC003]: figure 'v3-pretrain-gpu-hours': quote not found in the snapshot content/snapshots/v3-report.txt"));
    CHECK(normalise_for_match("\xE2\x80\x9CTwo\xE2\x80\x9D  to\nfour \xE2\x80\x93 times") == "two to four - times");
}

TEST_CASE("SRC004 a quote must state its figure's number", "[checks][SRC004]") {
    BuildResult r = build_page(kUses + "[1K](fig:x)\n",
                               R"(, {"id": "x", "value": 1000, "unit": "u", "display": "1K", "claim": "c", "status": "reported",
       "sources": [{"id": "csis", "quote": "a great many"}], "as_of": "2025"})");
    CHECK(has(r, "error[SRC004]: figure 'x': the quote from 'csis' does not state its value 1,000"));
}

TEST_CASE("SRC005 verified needs a primary source with URL and a quote", "[checks][SRC005]") {
    BuildResult r = build_page(kUses + "[1K](fig:x)\n",
                               R"(, {"id": "x", "value": 1000, "unit": "u", "display": "1K", "claim": "c", "status": "verified",
       "sources": [{"id": "csis", "quote": "1,000 of them"}], "as_of": "2025", "verified": {"on": "2026-01-01", "method": "m"}})");
    CHECK(has(r, "error[SRC005]: figure 'x' is 'verified' but lacks a source of kind 'primary' with a URL"));
    CHECK_FALSE(has(r, "figure 'v3-pretrain-gpu-hours' is 'verified' but"));
}

TEST_CASE("SRC006 past review_by renders stale, judged against the content's newest date or --today", "[checks][SRC006]") {
    std::string fig = R"(, {"id": "x", "value": 1000, "unit": "u", "display": "1K", "claim": "c", "status": "reported",
       "sources": [{"id": "csis"}], "as_of": "2025", "review_by": "2026-06-01"})";
    BuildResult r = build_page(kUses + "[1K](fig:x)\n", fig);  // newest date: verified.on 2026-11-22
    CHECK(r.ok);
    CHECK(r.report.today == "2026-11-22");
    CHECK(has(r, "note[SRC006]: figure 'x' was due for review by 2026-06-01"));
    CHECK(r.output.at("index.html").find("Stale: due for review by 1 June 2026") != std::string::npos);
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry(fig));
    files.add("content/index.md", "---\ntitle: T\n---\n" + kUses + "[1K](fig:x)\n");
    BuildOptions options;
    options.write = false;
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.today = "2026-05-01";
    BuildResult early = build_site(options, files);
    REQUIRE(early.ok);
    CHECK_FALSE(has(early, "SRC006"));
    CHECK(early.output.at("index.html").find("Stale:") == std::string::npos);
}

TEST_CASE("SRC007 a shared quantity with different values must be disputed", "[checks][SRC007]") {
    std::string figs = R"(, {"id": "a", "value": 112, "unit": "GB", "display": "112 GB", "claim": "c", "status": "%s",
       "sources": [{"id": "csis"}], "as_of": "2025", "quantity": "mem"},
       {"id": "b", "value": 128, "unit": "GB", "display": "128 GB", "claim": "c", "status": "disputed",
       "sources": [{"id": "csis"}], "as_of": "2025", "quantity": "mem"})";
    auto with = [&](const std::string& status) {
        std::string f = figs;
        f.replace(f.find("%s"), 2, status);
        return build_page(kUses + "[](fig:a) [](fig:b)\n", f);
    };
    CHECK(has(with("reported"), "error[SRC007]: figure 'a' shares quantity 'mem'"));
    CHECK_FALSE(has(with("disputed"), "SRC007"));
}

TEST_CASE("SRC008/SRC009 derived figures are recomputed and no stronger than their inputs", "[checks][SRC008][SRC009]") {
    auto derived = [](const std::string& expr, double value, const std::string& status) {
        return R"(, {"id": "d", "value": )" + std::to_string(value) + R"(, "unit": "x", "display": "d", "claim": "c", "status": ")" +
               status + R"(", "sources": [{"id": "csis"}], "as_of": "2025", "derived": ")" + expr + R"(")" +
               (status == "verified" ? R"(, "verified": {"on": "2026-01-01", "method": "m"})" : "") + "}";
    };
    BuildResult good = build_page(kUses + "[](fig:d)\n", derived("100 - packaging-yield", 25, "reported"));
    INFO(test::diagnostics_text(good));
    CHECK(good.ok);
    CHECK(good.output.at("index.html").find("Computed: 100 - <a href=\"figures/index.html#fig-packaging-yield\">") != std::string::npos);
    CHECK(has(build_page(kUses + "[](fig:d)\n", derived("100 - packaging-yield", 30, "reported")),
              "error[SRC008]: figure 'd': derived value 25 (100 - packaging-yield) does not match the stated value 30"));
    BuildResult typo = build_page(kUses + "[](fig:d)\n", derived("100 - packaging-yeild", 25, "reported"));
    CHECK(has(typo, "error[SRC008]: figure 'd': derived: unknown figure 'packaging-yeild'"));
    CHECK(has(build_page(kUses + "[](fig:d)\n", derived("packaging-yield / 3", 25, "verified")), "error[SRC009]"));
}

TEST_CASE("SRC010 source gaps are notes that --strict ignores and SRC011 via loops are errors", "[checks][SRC010][SRC011]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: T\n---\n" + kUses);
    BuildResult strict = test::build_in_memory(files, true);
    CHECK(strict.ok);
    CHECK(has(strict, "note[SRC010]: source 'csis' has no URL, issued date or accessed date"));
    std::string reg = test::sample_registry();
    reg.replace(reg.find(R"("custom": {"kind": "secondary"})"), 31, R"("custom": {"kind": "secondary", "via": "csis"})");
    files.add("content/registry.json", reg);
    CHECK(has(test::build_in_memory(files), "error[SRC011]: source 'csis': the 'via' chain loops back to 'csis'"));
}

namespace {

const std::string kRoundedFigures = R"(,
    {"id": "share", "value": 2.35, "unit": "%", "display": "2.4%",
     "claim": "A share.", "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"},
    {"id": "steel", "value": 1014, "unit": "Mt", "display": "1 014 Mt",
     "claim": "Steel made.", "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";

}  // namespace

TEST_CASE("SRC002 accepts a correctly rounded value, magnitudes and the OECD's spaced thousands", "[checks][SRC002]") {
    BuildResult good = build_page(kUses + "[2.4%](fig:share), [2.3%](fig:share), [](fig:share), [1 014 Mt](fig:steel), "
                                          "[1\xC2\xA0" "014 Mt](fig:steel), [1,014 Mt](fig:steel), "
                                          "[1,014,000,000 t](fig:steel) and [1.014 Gt](fig:steel).\n",
                                  kRoundedFigures);
    INFO(test::diagnostics_text(good));
    CHECK(good.ok);
    CHECK(good.diagnostics.warning_count() + 0 == 0);
    BuildResult bad = build_page(kUses + "[2.5%](fig:share) and [1 015 Mt](fig:steel).\n", kRoundedFigures);
    INFO(test::diagnostics_text(bad));
    CHECK(has(bad, "content/index.md:6:1: error[SRC002]: link text '2.5%' states 2.5 but figure 'share' is 2.35 %"));
    CHECK(has(bad, "content/index.md:6:23: error[SRC002]: link text '1 015 Mt' states 1,015,000,000 but figure 'steel' is 1,014 Mt"));
}

TEST_CASE("SRC001 and SRC002 read numbers as the page's language writes them", "[checks][SRC001][SRC002]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry(kRoundedFigures));
    files.add("content/index.md", "---\ntitle: T\nlang: de-DE\n---\n" + kUses +
                                      "Es waren [2,4 %](fig:share) und [1.014 Mt](fig:steel), dazu 1.014,5 Mt.\n");
    BuildResult r = test::build_in_memory(files);
    INFO(test::diagnostics_text(r));
    CHECK(has(r, "content/index.md:7:61: warning[SRC001]: bare figure '1.014,5 Mt' has no source "
                                       "(link it to a figure, or mark it [1.014,5 Mt](fig:-))"));
    CHECK(r.diagnostics.warning_count() == 1);
    CHECK(r.ok);
    files.add("content/site.json", R"({"title": "T", "language": "fr"})");
    files.add("content/index.md", "---\ntitle: T\n---\n" + kUses + "Soit [2,4 %](fig:share) et [1 014 Mt](fig:steel).\n");
    BuildResult fr = test::build_in_memory(files);
    INFO(test::diagnostics_text(fr));
    CHECK(fr.ok);
    CHECK(fr.diagnostics.warning_count() + 0 == 0);
}

TEST_CASE("SRC012 a figure's display must state its value, at the display field", "[checks][SRC012]") {
    const std::string bottles = R"(,
    {"id": "bottles", "value": 1000000, "unit": "bottles a minute",
     "display": "2 million bottles a minute",
     "claim": "Bottles sold.", "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
    BuildResult r = build_page(kUses + "Sold: [](fig:bottles).\n", bottles);
    INFO(test::diagnostics_text(r));
    CHECK_FALSE(r.ok);
    CHECK(has(r,
          "content/registry.json:18:18: error[SRC012]: figure 'bottles': display '2 million bottles a minute' states "
          "2,000,000 but the value is 1,000,000 bottles a minute"));
    std::string fixed = bottles;
    fixed.replace(fixed.find("2 million"), 9, "1 million");
    BuildResult good = build_page(kUses + "Sold: [](fig:bottles).\n", fixed);
    INFO(test::diagnostics_text(good));
    CHECK(good.ok);
    CHECK(good.diagnostics.warning_count() + 0 == 0);
}
