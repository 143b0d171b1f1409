// Every registry error points at the field it is about (not the entry's "id"
// line) and starts with the field's JSON path; what a writer mistyped gets a
// suggestion; dates must exist on the calendar; a value that is not a number
// says what to write.
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

// A registry of one source and one figure, a field on each line; `field`
// replaces the figure's line that starts with the same key, or is added.
std::string one_figure(const std::string& field) {
    std::vector<std::string> lines = {
        "    \"id\": \"f\"",
        "    \"value\": 75",
        "    \"unit\": \"%\"",
        "    \"display\": \"75%\"",
        "    \"claim\": \"c\"",
        "    \"status\": \"reported\"",
        "    \"as_of\": \"2026\"",
        "    \"sources\": [{\"id\": \"s\"}]",
    };
    std::string key = field.substr(0, field.find(':') + 1);
    bool replaced = false;
    for (std::string& line : lines)
        if (line.rfind("    " + key, 0) == 0) {
            line = "    " + field;
            replaced = true;
        }
    if (!replaced) lines.push_back("    " + field);
    std::string text = "{\"sources\": [{\"id\": \"s\", \"type\": \"report\", \"title\": \"S\", \"URL\": \"https://example.org/s\"}],\n"
                       "\"figures\": [\n  {\n";
    for (size_t i = 0; i < lines.size(); ++i) text += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    return text + "  }\n]}\n";
}

}  // namespace

TEST_CASE("a registry error points at the field it is about and names its JSON path", "[registry]") {
    // The figure's "id" is on line 4; its fields on the lines after it.
    CHECK(errors_of(one_figure(R"("status": "unverifed")")) ==
          "registry.json:9:15: error[REG010]: figures[0].status: figure 'f': status 'unverifed' is not one of verified, "
          "reported, self-reported, projected, unverified, disputed, false (did you mean 'unverified'?)\n");
    CHECK(errors_of(one_figure(R"("sources": [{"id": "s"}, {"id": "viral-psot"}])")) ==
          "registry.json:11:37: error[REG013]: figures[0].sources[1].id: figure 'f' cites source 'viral-psot', which is "
          "not in the registry\n");
    CHECK(errors_of(one_figure(R"("unit": 7)")) ==
          "registry.json:6:13: error[REG003]: figures[0].unit: figure 'f': field 'unit' must be a string\n");
    CHECK(errors_of(one_figure(R"("id": 123)")) ==
          "registry.json:4:11: error[REG003]: figures[0].id: figure #1: field 'id' must be a string\n");
    CHECK(errors_of(one_figure(R"("status": "verified")")) ==
          "registry.json:9:15: error[REG011]: figures[0].status: figure 'f' has status 'verified' but no 'verified' "
          "record {\"on\", \"method\"}\n");
    CHECK(errors_of(one_figure(R"("notes": "typo")")) ==
          "registry.json:12:5: error[REG009]: figures[0].notes: figure 'f': unknown field 'notes' (did you mean 'note'?)\n");
    CHECK(errors_of(one_figure(R"("id": "F")")) ==
          "registry.json:4:11: error[REG004]: figures[0].id: figure 'F': id must match [a-z0-9][a-z0-9._-]*\n");
}

TEST_CASE("a duplicate id is reported at the duplicate, by its path", "[registry]") {
    std::string figure = R"({"id": "f", "value": 1, "unit": "x", "display": "1", "claim": "c", "status": "reported",
            "sources": [{"id": "s"}], "as_of": "2026"})";
    std::string text = "{\"sources\": [{\"id\": \"s\", \"type\": \"report\", \"title\": \"S\"}],\n\"figures\": [\n" + figure +
                       ",\n" + figure + "]}";
    CHECK(errors_of(text) == "registry.json:5:2: error[REG005]: figures[1].id: duplicate figure id 'f' (first at line 3, column 2)\n");
}

TEST_CASE("a source's errors point at their fields", "[registry]") {
    std::string text = "{\"sources\": [\n {\"id\": \"s\", \"type\": \"report\", \"title\": \"S\",\n"
                       "  \"custom\": {\"kind\": \"primray\",\n   \"via\": \"ghots\"}},\n"
                       " {\"id\": \"ghost\", \"type\": \"report\", \"title\": \"G\",\n  \"issued\": {\"date-parts\": [[2024, 2, 30]]}}\n],\n"
                       "\"figures\": []}";
    CHECK(errors_of(text) ==
          "registry.json:3:22: error[REG008]: sources[0].custom.kind: source 's': kind 'primray' is not one of primary, "
          "secondary, vendor, press-release, social (did you mean 'primary'?)\n"
          "registry.json:4:11: error[REG012]: sources[0].custom.via: source 's' is read via 'ghots', which is not a source "
          "in the registry (did you mean 'ghost'?)\n"
          "registry.json:6:13: error[REG007]: sources[1].issued: source 'ghost': 'issued' 2024-02-30 is not a date on the "
          "calendar\n");
}

TEST_CASE("a value that is not a number is refused at the value, with what to write", "[registry]") {
    CHECK(errors_of(one_figure(R"("value": "9%")")) ==
          "registry.json:5:14: error[REG003]: figures[0].value: figure 'f': field 'value' must be a number "
          "(write \"value\": 9, \"unit\": \"%\"; the text shown is \"display\")\n");
    CHECK(errors_of(one_figure(R"("value": "2,664,000")")).find("(write \"value\": 2664000;") != std::string::npos);
    CHECK(errors_of(one_figure(R"("value": true)")).find("must be a number\n") != std::string::npos);
}

TEST_CASE("registry dates must exist on the calendar", "[registry]") {
    CHECK(errors_of(one_figure(R"("as_of": "2020-13-45")")) ==
          "registry.json:10:14: error[REG007]: figures[0].as_of: figure 'f': as_of '2020-13-45' is not a date on the calendar\n");
    CHECK(errors_of(one_figure(R"("verified": {"on": "2024-02-30", "method": "m"})")) ==
          "registry.json:12:24: error[REG007]: figures[0].verified.on: figure 'f': verified on '2024-02-30' is not a date "
          "on the calendar\n");
    CHECK(errors_of(one_figure(R"("review_by": "2026-04-31")")).find("review_by '2026-04-31' is not a date on the calendar") !=
          std::string::npos);
    CHECK(errors_of(one_figure(R"("as_of": "June 2026")")).find("as_of 'June 2026' must be YYYY, YYYY-MM or YYYY-MM-DD") !=
          std::string::npos);
    CHECK(errors_of(one_figure(R"("verified": {"on": "2024-02-29", "method": "m"})")).empty());  // a leap year
    CHECK(errors_of(one_figure(R"("as_of": "2026-02")")).empty());
}
