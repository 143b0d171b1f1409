#include <catch2/catch.hpp>

#include "json_document.h"

using namespace sourced;

namespace {
std::string at(const TextPosition& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }
}  // namespace

TEST_CASE("JsonPositions finds where every key and value of a document starts", "[json]") {
    const std::string text =
        "{\"figures\": [\n"
        "  {\"id\": \"a\", \"value\": 12},\n"
        "  {\"id\": 123, \"value\": -1.5e3, \"ok\": true, \"no\": null},\n"
        "  [1, \"two\", false, {\"k\\u0041\": {}}],\n"
        "  7\n"
        "], \"n\": 42}";
    Diagnostics out;
    JsonPositions positions;
    auto document = parse_json_document("r.json", text, out, &positions);
    REQUIRE(document);
    CHECK(out.all().empty());
    JsonPositions::Node root = positions.root();
    CHECK(at(positions.value(root)) == "1:1");
    JsonPositions::Node figures = positions.member(root, "figures");
    CHECK(at(positions.key(figures)) == "1:2");
    CHECK(at(positions.value(figures)) == "1:13");
    CHECK(at(positions.value(positions.member(root, "n"))) == "6:9");
    CHECK(positions.member(root, "nope") == JsonPositions::none);

    std::vector<JsonPositions::Node> entries = positions.children(figures);
    REQUIRE(entries.size() == 4);
    CHECK(at(positions.value(entries[0])) == "2:3");
    CHECK(at(positions.key(positions.member(entries[0], "id"))) == "2:4");
    CHECK(at(positions.value(positions.member(entries[0], "id"))) == "2:10");
    CHECK(at(positions.value(positions.member(entries[0], "value"))) == "2:24");
    CHECK(at(positions.value(positions.member(entries[1], "id"))) == "3:10");  // a number where a string belongs
    CHECK(at(positions.value(positions.member(entries[1], "value"))) == "3:24");
    CHECK(at(positions.value(positions.member(entries[1], "ok"))) == "3:38");
    CHECK(at(positions.value(positions.member(entries[1], "no"))) == "3:50");

    std::vector<JsonPositions::Node> list = positions.children(entries[2]);
    REQUIRE(list.size() == 4);
    CHECK(at(positions.value(list[0])) == "4:4");
    CHECK(at(positions.value(list[1])) == "4:7");
    CHECK(at(positions.value(list[2])) == "4:14");
    CHECK(at(positions.key(list[2])) == "4:14");  // an element has no key
    JsonPositions::Node escaped = positions.member(list[3], "kA");  // keys compare unescaped
    REQUIRE(escaped != JsonPositions::none);
    CHECK(at(positions.value(escaped)) == "4:33");
    CHECK(positions.children(escaped).empty());
    CHECK(at(positions.value(entries[3])) == "5:3");
}

TEST_CASE("JsonPositions of a document that does not parse is empty", "[json]") {
    Diagnostics out;
    JsonPositions positions;
    CHECK_FALSE(parse_json_document("r.json", "{\"a\": [1, 2", out, &positions));
    CHECK(positions.root() == JsonPositions::none);
}
