// Hostile strings in every registry, site and front-matter string, checked in
// every output format the build writes: HTML text and attributes, JSON-LD,
// SVG, XML feeds, BibTeX, oEmbed and CSL JSON, the search index.
//
// The same site is built twice, once with plain words and once with a
// payload of markup-breaking characters in every string. No file of the
// hostile build may hold more of a dangerous token (`<script`, `</textarea`,
// `]]>`, an attribute break-out...) than the same file of the plain build:
// whatever the generator adds itself is the same in both, so any extra one
// came from the payload, unescaped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "test_support.h"

using namespace sourced;

namespace {

const std::string kPayload = "<script>alert(1)</script>\" onmouseover=\"alert(2)' onfocus='alert(3)</textarea>]]>{\\}@x";

std::string json_escape(const std::string& s) { return nlohmann::json(s).dump(); }  // with quotes

// The payload as a URL may hold it: '[' and ']' belong in a URL's host only, so a
// URL with them is refused (REG006, web_url.h); the rest is percent-encoded or escaped.
std::string in_url(std::string word) {
    word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return c == '[' || c == ']'; }), word.end());
    return word;
}

MemoryFileSystem site(const std::string& word) {
    const std::string j = json_escape(word);
    MemoryFileSystem files = test::project_files();
    files.add("content/site.json", R"({"title": )" + j + R"(, "description": )" + j +
                                       R"(, "base_url": "https://example.org/", "authors": [)" + j + "]}");
    files.add("content/registry.json", R"({
  "sources": [
    {"id": "src", "type": "report", "title": )" + j + R"(, "author": [{"family": )" + j + R"(, "given": )" + j +
                                           R"(}, {"literal": )" + j + R"(}],
     "publisher": )" + j + R"(, "container-title": )" + j + R"(, "DOI": )" + json_escape("10.1000/" + word) + R"(,
     "URL": )" + json_escape("https://example.org/?q=" + in_url(word)) + R"(, "issued": {"date-parts": [[2025, 3]]},
     "custom": {"kind": "secondary", "archive_url": )" + json_escape("https://archive.example/" + in_url(word)) + R"(}}
  ],
  "figures": [
    {"id": "share", "value": 75, "unit": )" + j + R"(, "display": "75%", "claim": )" + j + R"(,
     "status": "reported", "sources": [{"id": "src", "quote": )" + json_escape("75% " + word) + R"(, "locator": )" + j + R"(}],
     "as_of": "2025", "note": )" + j + R"(, "quantity": )" + j + R"(},
    {"id": "chips", "value": 2, "unit": "chips", "display": "2 chips", "claim": )" + j + R"(,
     "status": "disputed", "sources": [{"id": "src", "quote": )" + j + R"(}], "as_of": "2025-01", "note": )" + j + R"(}
  ]
})");
    const std::string yaml = json_escape(word);  // a JSON string is a YAML double-quoted string
    files.add("content/index.md", "---\ntitle: " + yaml + "\nsummary: " + yaml + "\ndate: 2025-04-01\n---\n"
                                  "Share [75%](fig:share), chips [](fig:chips), see [the source](cite:src).\n\n"
                                  "```chart\ntype: bar\ntitle: " + yaml + "\nseries:\n  - figure: share\n    label: " + yaml + "\n```\n");
    return files;
}

bool contains_payload(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>().find(kPayload) != std::string::npos;
    if (value.is_structured())
        for (const auto& item : value) if (contains_payload(item)) return true;
    return false;
}

}  // namespace

TEST_CASE("hostile registry, site and front matter strings are escaped in every output format", "[hostile]") {
    BuildResult plain = test::build_in_memory(site("Plain words"));
    INFO(test::diagnostics_text(plain));
    REQUIRE(plain.ok);
    BuildResult hostile = test::build_in_memory(site(kPayload));
    INFO(test::diagnostics_text(hostile));
    REQUIRE(hostile.ok);

    std::set<std::string> formats;
    for (const auto& [path, bytes] : hostile.output) {
        if (path.rfind("assets/", 0) == 0 && path != "assets/search-index.js") continue;
        if (ends_with(path, ".png") || ends_with(path, ".txt")) continue;  // pixels; plain text is not markup
        INFO(path);
        REQUIRE(plain.output.count(path));
        const std::string& reference = plain.output.at(path);
        const bool markup_file = !ends_with(path, ".bib") && !ends_with(path, ".js");  // those: checked below
        const bool json = ends_with(path, ".json");  // JSON is data: its strings may hold anything, escaped as JSON
        auto snippet = [](const std::string& text) {  // oEmbed's "html"
            nlohmann::json parsed = nlohmann::json::parse(text);
            return parsed.is_object() ? parsed.value("html", "") : std::string();
        };
        auto without_json_ld = [](std::string html) {  // JSON-LD is JSON: checked below by parsing it
            const std::string open = "<script type=\"application/ld+json\">";
            for (auto at = html.find(open); at != std::string::npos; at = html.find(open))
                html.erase(at, html.find("</script>", at) + 9 - at);
            return html;
        };
        const std::string markup = json ? snippet(bytes) : without_json_ld(bytes);
        const std::string reference_markup = json ? snippet(reference) : without_json_ld(reference);
        for (const char* token : {"<script", "</script", "</textarea", "]]>", "onmouseover=\"", "onfocus='",
                                  "<iframe", "javascript:"}) {
            if (!markup_file) break;
            // Embed snippets keep ' as it is (embed_snippets.cpp: every attribute there is double-quoted).
            if (json && std::string(token) == "onfocus='") continue;
            INFO(token);
            CHECK(test::count_occurrences(markup, token) == test::count_occurrences(reference_markup, token));
        }
        formats.insert(path.substr(path.find_last_of('.')));

        if (ends_with(path, ".json")) {  // oEmbed, CSL: valid JSON carrying the strings as data
            nlohmann::json parsed = nlohmann::json::parse(bytes);
            CHECK(contains_payload(parsed));
        }
        if (ends_with(path, ".html")) {  // JSON-LD blocks parse and carry the strings as data
            const std::string open = "<script type=\"application/ld+json\">";
            for (auto at = bytes.find(open); at != std::string::npos; at = bytes.find(open, at + 1)) {
                auto start = at + open.size();
                nlohmann::json ld = nlohmann::json::parse(bytes.substr(start, bytes.find("</script>", start) - start));
                CHECK(contains_payload(ld));
                formats.insert("json-ld");
            }
        }
        if (ends_with(path, ".bib")) {  // braces balance: no field can end early
            int depth = 0, lowest = 0;
            for (size_t i = 0; i < bytes.size(); ++i) {
                if (bytes[i] == '\\') ++i;
                else if (bytes[i] == '{') ++depth;
                else if (bytes[i] == '}') lowest = std::min(lowest, --depth);
            }
            CHECK(depth == 0);
            CHECK(lowest == 0);
        }
    }
    for (const char* format : {".html", ".svg", ".xml", ".bib", ".json", ".js", "json-ld"}) {
        INFO(format);
        CHECK(formats.count(format));
    }
    // The hostile strings did land: escaped in HTML text and attributes.
    const std::string& index = hostile.output.at("index.html");
    CHECK(index.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)&#39; onfocus=&#39;") !=
          std::string::npos);
}
