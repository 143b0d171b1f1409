// Hostile input: every malformed, oversized, oddly encoded or pathological
// input gives a clear `file:line:col: error[CODE]` (or a safe result), and
// the build finishes. Escaping in the outputs: hostile_output_test.cpp;
// faults while writing: fault_test.cpp.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "input_limits.h"
#include "json_document.h"
#include "one_page_site.h"
#include "test_support.h"

using namespace sourced;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

using test::build_errors;
using test::has;
using test::kPage;
using test::site_with;

}  // namespace

TEST_CASE("malformed JSON is reported at its line and column", "[hostile]") {
    std::string errors = build_errors(site_with(kPage, "{\n  \"sources\": [\n    {\"id\": \"a\",, }\n  ]\n}\n"));
    INFO(errors);
    CHECK(has(errors, "content/registry.json:3:16: error[JSON001]: malformed JSON"));
}

TEST_CASE("malformed YAML front matter is reported at its line and column", "[hostile]") {
    std::string errors = build_errors(site_with("---\ntitle: Page\nsummary: [unclosed\n---\nBody.\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:4:1: error[FM002]"));
}

TEST_CASE("duplicate keys and duplicate ids are errors at the duplicate", "[hostile]") {
    Diagnostics out;
    CHECK_FALSE(parse_json_document("r.json", "{\"id\": \"a\",\n \"id\": \"b\"}", out));
    CHECK(has(format_diagnostic(out.all().at(0)), "r.json:2:2: error[JSON002]: duplicate key 'id'"));

    std::string twice = R"(,
    {"id": "packaging-yield", "value": 75, "unit": "%", "display": "75%", "claim": "Again.",
     "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
    std::string errors = build_errors(site_with(kPage, test::sample_registry(twice)));
    INFO(errors);
    CHECK(has(errors, "error[REG005]: figures[2].id: duplicate figure id 'packaging-yield'"));
}

TEST_CASE("ids with spaces, slashes, dot-dot or non-ASCII letters are rejected", "[hostile]") {
    for (const std::string id : {"a b", "a/b", "..", "../x", "caf\xC3\xA9", "a\\\\b", "<x>"}) {
        INFO(id);
        std::string figure = R"(,
    {"id": ")" + id + R"(", "value": 1, "unit": "%", "display": "1%", "claim": "X.",
     "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
        CHECK(has(build_errors(site_with(kPage, test::sample_registry(figure))), "error[REG004]"));
        std::string registry = test::sample_registry();
        std::string source = R"({"id": ")" + id + R"(", "type": "report", "title": "T"},)";
        registry.insert(registry.find("{\"id\": \"v3-report\""), source);
        CHECK(has(build_errors(site_with(kPage, registry)), "error[REG004]"));
    }
}

TEST_CASE("javascript:, data: and vbscript: source URLs are rejected", "[hostile]") {
    for (const std::string url : {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                  "vbscript:msgbox", " javascript:x", "//evil.example/x"}) {
        INFO(url);
        std::string registry = test::sample_registry();
        registry.replace(registry.find("https://arxiv.org/abs/2412.19437"), 32, url);
        CHECK(has(build_errors(site_with(kPage, registry)), "error[REG006]"));
    }
}

TEST_CASE("raw HTML, iframes and script links in Markdown never reach the page", "[hostile]") {
    MemoryFileSystem files = site_with(kPage + "\n<iframe src=\"https://evil.example\"></iframe>\n\n"
                                               "A <script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n"
                                               "[x](javascript:alert(1)) [y](vbscript:x) [z](data:text/html,x) "
                                               "![i](javascript:alert(2))\n");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& html = result.output.at("index.html");
    CHECK_FALSE(has(html, "<iframe"));
    CHECK_FALSE(has(html, "<script>alert"));
    CHECK_FALSE(has(html, "onerror=alert"));
    CHECK_FALSE(has(html, "javascript:"));
    CHECK_FALSE(has(html, "vbscript:"));
    CHECK_FALSE(has(html, "data:text"));
    CHECK(test::count_occurrences(html, "<!-- raw HTML omitted -->") >= 4);
}

TEST_CASE("link URLs with control characters never reach an href", "[hostile]") {
    MemoryFileSystem files = site_with(kPage + "\n[a](<https://ex\x01" "ample.org>) [b](<java\tscript:x>) "
                                               "[c](https://example.org/\x7f) <https://a\x1b" "b.example>\n");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& html = result.output.at("index.html");
    for (size_t at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1)) {
        std::string href = html.substr(at + 6, html.find('"', at + 6) - at - 6);
        INFO(href);
        for (unsigned char c : href) CHECK((c >= 0x20 && c != 0x7f));
    }
}

TEST_CASE("slugs that try to leave the site are rejected and the writer confines every path", "[hostile]") {
    for (const std::string slug : {"../../x", "/etc/passwd", "a/b", "..", "x/../../y"}) {
        INFO(slug);
        CHECK(has(build_errors(site_with("---\ntitle: P\nslug: \"" + slug + "\"\n---\nBody.\n")), "error[FM002]"));
    }
    for (const std::string path : {"../x.html", "/tmp/x.html", "a/../../x", "a//b", "./a", "a\\b", ""})
        CHECK_FALSE(is_confined_path(path));
    CHECK(is_confined_path("cards/a.html"));
    test::TempDir tmp;
    Diagnostics out;
    CHECK_FALSE(write_site((tmp.path() / "site").string(), {{"../escaped.html", "x"}}, out));
    CHECK(has(format_diagnostic(out.all().at(0)), "error[OUT002]"));
    CHECK_FALSE(fs::exists(tmp.path() / "escaped.html"));
}

TEST_CASE("symlinks in content that leave it are refused and loops end", "[hostile]") {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content";
    test::write_file(content / "registry.json", test::sample_registry());
    test::write_file(content / "index.md", kPage);
    test::write_file(tmp.path() / "secret.md", "---\ntitle: Secret\n---\nOutside.\n");
    fs::create_symlink(tmp.path() / "secret.md", content / "leak.md");
    fs::create_directories(content / "pages");
    fs::create_directory_symlink(content, content / "pages" / "loop");  // content/pages/loop -> content
    fs::create_directory_symlink(tmp.path(), content / "up");
    BuildOptions options;
    options.content_dir = content.string();
    options.write = false;
    BuildResult result = build_site(options, DiskFileSystem());
    std::string errors = test::diagnostics_text(result);
    INFO(errors);
    CHECK(has(errors, (content / "leak.md").string() + ": error[LOAD007]: page is a link to a file outside"));
    CHECK(result.pages == 1);  // index.md only: directory links are not followed
}

TEST_CASE("site.json, registry.json and the sources file may not be links to files outside content", "[hostile]") {
    for (const std::string name : {"site.json", "registry.json", "sources.json"}) {
        INFO(name);
        test::TempDir tmp;
        fs::path content = tmp.path() / "content";
        nlohmann::json registry = nlohmann::json::parse(test::sample_registry());
        test::write_file(content / "sources.json", registry["sources"].dump());  // a separate CSL-JSON file
        registry["sources"] = "sources.json";
        test::write_file(content / "registry.json", registry.dump());
        test::write_file(content / "site.json", "{\"title\": \"T\"}");
        test::write_file(content / "index.md", kPage);
        BuildOptions options;
        options.content_dir = content.string();
        options.write = false;
        REQUIRE(build_site(options, DiskFileSystem()).ok);  // the split registry builds as it is
        fs::rename(content / name, tmp.path() / name);
        fs::create_symlink(tmp.path() / name, content / name);
        BuildResult result = build_site(options, DiskFileSystem());
        std::string errors = test::diagnostics_text(result);
        INFO(errors);
        CHECK_FALSE(result.ok);
        CHECK(has(errors, (content / name).string() + ": error[LOAD007]: data file is a link to a file outside"));
    }
}

TEST_CASE("invalid UTF-8 and NUL bytes are errors at their position", "[hostile]") {
    std::string errors = build_errors(site_with("---\ntitle: Page\n---\nGood line.\nBad \xC3\x28 byte.\n"));
    CHECK(has(errors, "content/index.md:5:5: error[ENC001]: invalid UTF-8 (byte 0xC3)"));
    errors = build_errors(site_with(kPage + "a\0b"s));
    CHECK(has(errors, "content/index.md:5:2: error[ENC002]"));
    std::string registry = test::sample_registry();
    registry.replace(registry.find("CSIS analysis"), 4, "\xFF\xFE");
    errors = build_errors(site_with(kPage, registry));
    CHECK(has(errors, "content/registry.json:") );
    CHECK(has(errors, "error[ENC001]: invalid UTF-8 (byte 0xFF)"));
}

TEST_CASE("the UTF-8 check rejects overlong forms, surrogates and code points past U+10FFFF", "[hostile]") {
    CHECK_FALSE(first_invalid_utf8("plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80"));
    CHECK(first_invalid_utf8("ab\xC0\x80") == 2u);          // overlong NUL
    CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);        // overlong '/'
    CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1u);       // surrogate U+D800
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);    // U+110000
    CHECK(first_invalid_utf8("ok\xE2\x82") == 2u);          // truncated
    CHECK(first_invalid_utf8("\x80") == 0u);                // lone continuation
}

TEST_CASE("a BOM and CRLF line endings are read, CR-only endings and empty files are clear errors", "[hostile]") {
    BuildResult bom = test::build_in_memory(site_with("\xEF\xBB\xBF---\r\ntitle: With BOM\r\n---\r\nBody [a](fig:packaging-yield).\r\n"));
    INFO(test::diagnostics_text(bom));
    REQUIRE(bom.ok);
    CHECK(has(bom.output.at("index.html"), "With BOM"));
    CHECK_FALSE(has(bom.output.at("index.html"), "With BOM\r"));
    CHECK(has(build_errors(site_with("---\rtitle: Old Mac\r---\rBody.\r")), "content/index.md:1:4: error[ENC003]"));
    CHECK(has(build_errors(site_with("")), "content/index.md:1:1: error[FM001]"));
    CHECK(has(build_errors(site_with(kPage, "")), "content/registry.json:1:1: error[JSON001]"));
}

TEST_CASE("a 50 MB page is refused by the page size limit", "[hostile]") {
    std::string huge = kPage;
    huge.reserve(50u << 20);
    while (huge.size() < (50u << 20)) huge += "A line of ordinary prose that goes on.\n\n";
    std::string errors = build_errors(site_with(huge));
    CHECK(has(errors, "content/index.md:1:1: error[LIM001]: the page is 50.0 MiB, over the limit of 4.0 MiB"));
}

TEST_CASE("deep nesting, huge paragraphs and cmark-gfm's slow cases are refused before parsing", "[hostile]") {
    std::string deep_list;
    for (int i = 0; i < 1000; ++i) deep_list += std::string(static_cast<size_t>(2 * i), ' ') + "- item\n";
    CHECK(has(build_errors(site_with(kPage + "\n" + deep_list)), "error[LIM003]"));
    CHECK(has(build_errors(site_with(kPage + "\n" + std::string(10000, '>') + " quote\n")), "content/index.md:6:1: error[LIM003]"));
    std::string compact_list;
    for (int i = 0; i < 10000; ++i) compact_list += "- ";
    CHECK(has(build_errors(site_with(kPage + "\n" + compact_list + "x\n")), "error[LIM003]"));
    std::string links;
    for (int i = 0; i < 100000; ++i) links += "[a](b) ";
    CHECK(has(build_errors(site_with(kPage + "\n" + links + "\n")), "content/index.md:6:1: error[LIM004]"));
    std::string www;
    for (int i = 0; i < 25000; ++i) www += "www._";
    CHECK(has(build_errors(site_with(kPage + "\n" + www + "\n")), "error[LIM004]"));
    std::string cdata = "x";
    for (int i = 0; i < 50000; ++i) cdata += "<![CDATA[";
    CHECK(has(build_errors(site_with(kPage + "\n" + cdata + "\n")), "error[LIM004]"));
}

TEST_CASE("the input limits are exact: at each limit a page passes, one past it is refused", "[hostile]") {
    const InputLimits& limits = default_input_limits();
    auto refusal = [](const std::string& page) {
        Diagnostics out;
        bool passed = check_page_input("p.md", page, out);
        return passed ? std::string("passed") : format_diagnostic(out.all().at(0));
    };
    // LIM001: 4 MiB (blank lines: no paragraph) passes, one byte more is refused.
    CHECK(limits.max_page_bytes == 4u << 20);
    CHECK(refusal(std::string(4u << 20, '\n')) == "passed");
    CHECK(refusal(std::string((4u << 20) + 1, '\n')) == "p.md:1:1: error[LIM001]: the page is 4194305 bytes, over the limit of 4194304 bytes (4.0 MiB)");
    // LIM003: 64 block quotes on a line pass, 65 are refused at that line.
    CHECK(refusal("Text.\n\n" + std::string(64, '>') + " deep\n") == "passed");
    CHECK(refusal("Text.\n\n" + std::string(65, '>') + " deep\n") ==
          "p.md:3:1: error[LIM003]: block quotes and lists nest deeper than 64 levels");
    // LIM004: a paragraph of 64 KiB passes, one byte more is refused at its first line.
    CHECK(refusal("Text.\n\n" + std::string(64u << 10, 'a') + "\n") == "passed");
    CHECK(refusal("Text.\n\n" + std::string((64u << 10) + 1, 'a') + "\n") ==
          "p.md:3:1: error[LIM004]: a paragraph (lines without a blank line between them) is over the limit of 64 KiB; split it with blank lines");
}

TEST_CASE("nesting, emphasis and many links within the limits build", "[hostile]") {
    std::string page = kPage + "\n" + std::string(60, '>') + " deep quote\n\n";
    for (int i = 0; i < 30; ++i) page += std::string(static_cast<size_t>(2 * i), ' ') + "- level\n";
    page += "\n";
    for (int i = 0; i < 9000; ++i) page += "*a **b ";
    page += "\n\n";
    for (int i = 0; i < 20000; ++i) page += "[a](https://example.org/" + std::to_string(i) + ")\n\n";
    BuildResult result = test::build_in_memory(site_with(page));
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    CHECK(test::count_occurrences(result.output.at("index.html"), "<blockquote>") == 60);
    CHECK(test::count_occurrences(result.output.at("index.html"), "href=\"https://example.org/") == 20000);
}

TEST_CASE("JSON nested deeper than the limit is refused before it is parsed", "[hostile]") {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    Diagnostics out;
    CHECK_FALSE(parse_json_document("r.json", deep, out));
    CHECK(format_diagnostic(out.all().at(0)) == "r.json:1:65: error[LIM002]: JSON nests deeper than 64 arrays and objects");
    Diagnostics fine;
    CHECK(parse_json_document("r.json", std::string(64, '[') + std::string(64, ']'), fine));
    CHECK(parse_json_document("r.json", "[\"" + std::string(100, '[') + "\"]", fine));  // brackets in a string
}

TEST_CASE("a number out of range is a clear error at the number", "[hostile]") {
    Diagnostics out;
    CHECK_FALSE(parse_json_document("r.json", "{\n  \"value\": 1e999\n}", out));
    CHECK(format_diagnostic(out.all().at(0)) == "r.json:2:12: error[JSON003]: number out of range: '1e999'");
}

TEST_CASE("the parse budget fails a page that took longer than it", "[hostile]") {
    InputLimits limits;
    limits.parse_budget_seconds = 10;
    Diagnostics out;
    CHECK(check_parse_time("p.md", 9.9, out, limits));
    CHECK_FALSE(check_parse_time("p.md", 12.25, out, limits));
    CHECK(format_diagnostic(out.all().at(0)) ==
          "p.md:1:1: error[LIM005]: parsing the page took 12.2 s, over the budget of 10.0 s; simplify or split the page");
}
