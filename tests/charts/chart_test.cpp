// Charts: ticks, spec errors, escaping, and golden SVG for each chart type.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "chart_spec.h"
#include "chart_svg.h"
#include "chart_ticks.h"
#include "test_support.h"

using namespace sourced;

namespace {

const char* kRegistry = R"({
  "sources": [{"id": "s", "type": "report", "title": "S <src>", "URL": "https://example.org/s"}],
  "figures": [
    {"id": "pre", "value": 2664000, "unit": "GPU-hours", "display": "2.66M GPU-hours", "claim": "Pre-training.",
     "status": "verified", "sources": [{"id": "s", "quote": "2664K"}], "as_of": "2024",
     "verified": {"on": "2026-11-22", "method": "read"}},
    {"id": "post", "value": 5000, "unit": "GPU-hours", "display": "5K GPU-hours", "claim": "Post-training.",
     "status": "reported", "sources": [{"id": "s"}], "as_of": "2024"},
    {"id": "price-a", "value": 1.74, "unit": "USD", "display": "$1.74", "claim": "Launch <price>.",
     "status": "reported", "sources": [{"id": "s"}], "as_of": "2026"},
    {"id": "price-b", "value": 0.435, "unit": "USD", "display": "$0.435", "claim": "Late price.",
     "status": "self-reported", "sources": [{"id": "s"}], "as_of": "2026"}
  ]})";

Registry registry() {
    Diagnostics d;
    Registry r = load_registry("registry.json", kRegistry, d);
    REQUIRE(d.all().empty());
    return r;
}

std::string errors_of(const std::string& yaml, const Registry& reg) {
    Diagnostics d;
    if (auto spec = parse_chart_spec("p.md", yaml, 10, 1, d)) resolve_chart("p.md", *spec, reg, d);
    std::string text;
    for (const auto& item : d.all()) text += format_diagnostic(item) + "\n";
    return text;
}

std::string render(const std::string& yaml, const Registry& reg) {
    Diagnostics d;
    auto spec = parse_chart_spec("p.md", yaml, 10, 1, d);
    REQUIRE(spec);
    auto chart = resolve_chart("p.md", *spec, reg, d);
    REQUIRE(chart);
    std::vector<FigureUse> uses;
    for (const auto& m : chart->marks)
        for (const Figure* f : {m.from, m.figure})
            if (f) uses.push_back({nullptr, f, "chart-1-" + std::to_string(uses.size() + 1), f->display, 0, 0});
    return render_chart_html(*chart, "chart-1", uses, reg, RegistryMarks(), LinkStyle(""));
}

void check_golden(const std::string& name, const std::string& actual) {
    std::filesystem::path path = std::string(SOURCED_TEST_DIR) + "/golden/" + name;
    if (std::getenv("SOURCED_UPDATE_GOLDEN")) test::write_file(path, actual);
    INFO("golden file " << path << " (set SOURCED_UPDATE_GOLDEN=1 to rewrite it after checking the change)");
    REQUIRE(std::filesystem::exists(path));
    CHECK(actual == test::read_file(path));
}

}  // namespace

TEST_CASE("linear ticks step by 1, 2 or 5 times a power of ten and cover the range", "[chart]") {
    CHECK(linear_ticks(0, 100) == std::vector<double>{0, 20, 40, 60, 80, 100});
    CHECK(linear_ticks(0, 144) == std::vector<double>{0, 50, 100, 150});
    CHECK(linear_ticks(0, 3.48) == std::vector<double>{0, 1, 2, 3, 4});
    CHECK(linear_ticks(0.003, 0.0071) == std::vector<double>{0, 0.002, 0.004, 0.006, 0.008});
    std::vector<double> awkward = linear_ticks(0, 2664000);
    CHECK(awkward.front() == 0);
    CHECK(awkward.back() >= 2664000);
    CHECK(awkward.size() <= 7);
    std::vector<double> negative = linear_ticks(-3, 7);
    CHECK(negative.front() <= -3);
    CHECK(negative.back() >= 7);
    CHECK(linear_ticks(5, 5).size() >= 2);  // a flat range still gets an axis
}

TEST_CASE("log ticks are the powers of ten around the data", "[chart]") {
    CHECK(log_ticks(5000, 2664000) == std::vector<double>{1e3, 1e4, 1e5, 1e6, 1e7});
    CHECK(log_ticks(1000, 1000) == std::vector<double>{1e3, 1e4});
    CHECK(log_ticks(0.003625, 1.74) == std::vector<double>{1e-3, 1e-2, 1e-1, 1, 10});
    CHECK(log_ticks(0, 10).empty());
    CHECK(compact_number(2664000) == "2.66M");
    CHECK(compact_number(5000) == "5K");
    CHECK(compact_number(0.435) == "0.435");
    CHECK(compact_number(1.6e12) == "1.6T");
}

TEST_CASE("bad chart specs are errors at the block's lines", "[chart]") {
    Registry reg = registry();
    CHECK(errors_of("type: pie\ntitle: T\nseries:\n  - figure: pre\n", reg) ==
          "p.md:11:7: error[CHART001]: chart type 'pie' is not one of bar, column, line, dot\n");
    CHECK(errors_of("title: T\nseries:\n  - figure: pree\n", reg) ==
          "p.md:13:5: error[CHART002]: unknown figure 'pree' in chart (did you mean 'pre'?)\n");
    CHECK(errors_of("title: T\nseries:\n  - figure: pre\n  - figure: price-a\n", reg) ==
          "p.md:10:1: error[CHART003]: units disagree in chart 'T': pre (GPU-hours), price-a (USD)\n");
    CHECK(errors_of("title: T\ncolour: red\nseries:\n  - figure: pre\n", reg) ==
          "p.md:12:1: error[CHART001]: unknown chart key 'colour' (known: id, type, title, unit, scale, max, series)\n");
    CHECK(errors_of("title: [unclosed\n", reg).rfind("p.md:12:1: error[CHART001]: malformed chart spec", 0) == 0);
    CHECK(errors_of("title: T\n", reg) == "p.md:10:1: error[CHART001]: a chart needs 'series': a list of {figure, label}\n");
    CHECK(errors_of("type: dot\ntitle: T\nseries:\n  - figure: pre\n", reg) ==
          "p.md:14:5: error[CHART001]: a dot chart's series entry needs 'from' and 'to' figures\n");
}

TEST_CASE("chart text is escaped and flagged marks are hatched with their status word", "[chart]") {
    Registry reg = registry();
    std::string html = render("type: bar\ntitle: \"<script>x</script>\"\nseries:\n  - figure: post\n    label: \"<b>post</b>\"\n", reg);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("fill=\"url(#chart-1-hatch-reported)\"") != std::string::npos);
    CHECK(html.find("5K GPU-hours ◆ reported</text>") != std::string::npos);
    CHECK(html.find("href=\"figures/index.html#fig-post\"") != std::string::npos);
}

TEST_CASE("each chart type matches its golden SVG", "[chart]") {
    Registry reg = registry();
    check_golden("chart-bar-log.html", render("type: bar\ntitle: Compute by stage\nscale: log\nseries:\n"
                                              "  - figure: pre\n    label: Pre-training\n  - figure: post\n    label: Post-training\n", reg));
    check_golden("chart-column.html", render("type: column\ntitle: Compute\nseries:\n  - figure: pre\n    label: Pre\n"
                                             "  - figure: post\n    label: Post\n", reg));
    check_golden("chart-line.html", render("type: line\ntitle: Prices\nseries:\n  - figure: price-a\n    label: April\n"
                                           "  - figure: price-b\n    label: June\n", reg));
    check_golden("chart-dot.html", render("type: dot\ntitle: Price cut\nseries:\n  - label: Input\n    from: price-a\n    to: price-b\n", reg));
}
