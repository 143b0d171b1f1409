#include <catch2/catch.hpp>

#include "registry.h"
#include "test_support.h"

using namespace sourced;

namespace {
std::string errors_of(const std::string& json) {
    Diagnostics d;
    load_registry("registry.json", json, d);
    std::string text;
    for (const auto& item : sorted_diagnostics(d)) text += format_diagnostic(item) + "\n";
    return text;
}

std::string with_figure(const std::string& figure) {
    return R"({"sources": [{"id": "s", "type": "report", "title": "S", "URL": "https://example.org/s"}],
"figures": [)" + figure + "]}";
}
}  // namespace

TEST_CASE("a valid registry loads sources and figures", "[registry]") {
    Diagnostics d;
    Registry r = load_registry("registry.json", test::sample_registry(), d);
    CHECK(d.all().empty());
    REQUIRE(r.sources.size() == 2);
    REQUIRE(r.figures.size() == 2);
    const Figure* f = r.figure("v3-pretrain-gpu-hours");
    REQUIRE(f);
    CHECK(f->value == 2664000);
    CHECK(f->status == Status::verified);
    CHECK(f->verified->on == "2026-11-22");
    CHECK(f->evidence.at(0).quote == "costs 2664K GPU hours");
    const Source* s = r.source("csis");
    REQUIRE(s);
    CHECK(s->authors == std::vector<std::string>{"Gregory C. Allen"});
    CHECK(r.source("v3-report")->issued == "2024-12");
    CHECK(r.source("v3-report")->kind == "primary");
}

TEST_CASE("malformed registry JSON is reported at its line and column", "[registry]") {
    CHECK(errors_of("{\n  \"sources\": [,\n") ==
          "registry.json:2:15: error[JSON001]: malformed JSON: syntax error while parsing value - unexpected ','; "
          "expected '[', '{', or a literal\n");
}

TEST_CASE("a duplicate key inside one object is an error at the duplicate", "[registry]") {
    std::string text = "{\"sources\": [], \"figures\": [],\n \"sources\": []}";
    CHECK(errors_of(text) == "registry.json:2:2: error[JSON002]: duplicate key 'sources' in one object\n");
}

TEST_CASE("each registry rule has its own error naming the entry", "[registry]") {
    SECTION("missing required field") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": 1, "unit": "x", "display": "1", "status": "reported",
            "sources": [{"id": "s"}], "as_of": "2026"})")) ==
              "registry.json:2:14: error[REG002]: figures[0]: figure 'f' is missing required field 'claim'\n");
    }
    SECTION("duplicate figure ids") {
        std::string fig = R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c", "status": "reported",
            "sources": [{"id": "s"}], "as_of": "2026"})";
        CHECK(errors_of(with_figure(fig + "," + fig)) ==
              "registry.json:3:57: error[REG005]: figures[1].id: duplicate figure id 'f' (first at line 2, column 14)\n");
    }
    SECTION("a figure citing a missing source") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c",
            "status": "reported", "sources": [{"id": "nope"}], "as_of": "2026"})")) ==
              "registry.json:3:54: error[REG013]: figures[0].sources[0].id: figure 'f' cites source 'nope', which is not in the registry\n");
    }
    SECTION("a source URL that is not http or https") {
        std::string text = R"J({"sources": [{"id": "s", "type": "report", "title": "S", "URL": "javascript:alert(1)"}], "figures": []})J";
        CHECK(errors_of(text) ==
              "registry.json:1:65: error[REG006]: sources[0].URL: source 's': URL 'javascript:alert(1)' must start with http:// or https://\n");
    }
    SECTION("an unknown status") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c",
            "status": "probably", "sources": [{"id": "s"}], "as_of": "2026"})"))
                  .find("error[REG010]: figures[0].status: figure 'f': status 'probably' is not one of verified, reported") != std::string::npos);
    }
    SECTION("verified without a verification record") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c",
            "status": "verified", "sources": [{"id": "s"}], "as_of": "2026"})")) ==
              "registry.json:3:23: error[REG011]: figures[0].status: figure 'f' has status 'verified' but no 'verified' record {\"on\", \"method\"}\n");
    }
    SECTION("a value that is not a number") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": "75%", "unit": "x", "display": "1", "claim": "c",
            "status": "reported", "sources": [{"id": "s"}], "as_of": "2026"})")) ==
              "registry.json:2:34: error[REG003]: figures[0].value: figure 'f': field 'value' must be a number "
              "(write \"value\": 75, \"unit\": \"%\"; the text shown is \"display\")\n");
    }
    SECTION("a misspelt figure field") {
        CHECK(errors_of(with_figure(R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c",
            "status": "reported", "sources": [{"id": "s"}], "as_of": "2026", "notes": "typo"})")) ==
              "registry.json:3:78: error[REG009]: figures[0].notes: figure 'f': unknown field 'notes' (did you mean 'note'?)\n");
    }
    SECTION("an id with a slash") {
        std::string text = R"({"sources": [{"id": "../x", "type": "report", "title": "S"}], "figures": []})";
        CHECK(errors_of(text) == "registry.json:1:21: error[REG004]: sources[0].id: source '../x': id must match [A-Za-z0-9_][A-Za-z0-9_.:-]*\n");
    }
    SECTION("a via that names no source") {
        std::string text = R"({"sources": [{"id": "s", "type": "report", "title": "S", "custom": {"via": "ghost"}}], "figures": []})";
        CHECK(errors_of(text) ==
              "registry.json:1:76: error[REG012]: sources[0].custom.via: source 's' is read via 'ghost', which is not a source in the registry\n");
    }
}

TEST_CASE("every error of a registry is reported, not just the first", "[registry]") {
    std::string text = R"({"sources": [{"id": "a", "type": "report"}, {"id": "b", "title": "B"}], "figures": []})";
    std::string errors = errors_of(text);
    CHECK(errors.find("source 'a' is missing required field 'title'") != std::string::npos);
    CHECK(errors.find("source 'b' is missing required field 'type'") != std::string::npos);
}

TEST_CASE("CSL dates and names are read in their usual forms", "[registry]") {
    using nlohmann::json;
    CHECK(csl_date_text(json::parse(R"({"date-parts": [[2026, 6, 5]]})")) == "2026-06-05");
    CHECK(csl_date_text(json::parse(R"({"date-parts": [["2025"]]})")) == "2025");
    CHECK(csl_date_text(json::parse(R"({"raw": "2025-09-18"})")) == "2025-09-18");
    CHECK(csl_name_text(json::parse(R"({"family": "Allen", "given": "Gregory C."})")) == "Gregory C. Allen");
    CHECK(csl_name_text(json::parse(R"({"literal": "DeepSeek-AI"})")) == "DeepSeek-AI");
}
