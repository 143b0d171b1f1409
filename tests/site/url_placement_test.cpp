// Hardening (issue #20): source and base URLs parsed and normalised once and
// used so everywhere; errors placed where the problem is written (a duplicate
// id, a number for an id, a slug too long to be a file name); links to pages
// that lead nowhere said, not skipped in silence.
#include <catch2/catch.hpp>

#include <filesystem>

#include "one_page_site.h"
#include "site_writer.h"
#include "test_support.h"
#include "text_position.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

using test::build_errors;
using test::has;
using test::kPage;
using test::site_with;

const std::string kArxiv = "https://arxiv.org/abs/2412.19437";

// The sample registry with the first source's URL replaced by `url` (as JSON text).
std::string registry_with_url(const std::string& url) {
    std::string registry = test::sample_registry();
    registry.replace(registry.find(kArxiv), kArxiv.size(), url);
    return registry;
}

// "content/registry.json:L:C" for the first occurrence of `needle` in `text`.
std::string where(const std::string& path, const std::string& text, const std::string& needle) {
    TextPosition p = position_of_offset(text, text.find(needle));
    return path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

const std::string kCitingPage =
    "---\ntitle: Page\n---\nCompute was [2.66M GPU-hours](fig:v3-pretrain-gpu-hours) [per the report](cite:v3-report).\n";

}  // namespace

TEST_CASE("source and base URLs with spaces or non-ASCII are percent-encoded in every output", "[hardening]") {
    // "DeepSeek V3/résumé?q=ä b#sec 2", and an archive URL with a space.
    std::string registry = registry_with_url("https://Example.ORG/DeepSeek V3/./r\xC3\xA9sum\xC3\xA9?q=\xC3\xA4 b#sec 2");
    const std::string custom = "\"custom\": {\"kind\": \"primary\"}";
    registry.replace(registry.find(custom), custom.size(),
                     "\"custom\": {\"kind\": \"primary\", \"archive_url\": \"https://web.archive.org/web/2025/arch ive\"}");
    MemoryFileSystem files = site_with(kCitingPage, registry);
    files.add("content/site.json", "{\"title\": \"T\", \"base_url\": \"https://Example.org/my site\"}");
    BuildResult result = test::build_in_memory(files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string encoded = "https://example.org/DeepSeek%20V3/r%C3%A9sum%C3%A9?q=%C3%A4%20b#sec%202";
    CHECK(has(result.output.at("index.html"), "href=\"" + encoded + "\""));
    CHECK(has(result.output.at("sources/index.html"), "href=\"" + encoded + "\""));
    CHECK(has(result.output.at("sources/index.html"), "https://web.archive.org/web/2025/arch%20ive"));
    CHECK(has(result.output.at("index.html"), "https://example.org/my%20site/index.html"));  // canonical
    int outputs_with_url = 0;
    for (const auto& [path, bytes] : result.output) {
        INFO(path);
        CHECK_FALSE(has(bytes, "DeepSeek V3/"));  // nowhere as written: HTML, JSON-LD, cards, feed, BibTeX
        CHECK_FALSE(has(bytes, "r\xC3\xA9sum"));
        CHECK_FALSE(has(bytes, "arch ive"));
        CHECK_FALSE(has(bytes, "my site"));
        if (has(bytes, "DeepSeek%20V3")) ++outputs_with_url;
    }
    CHECK(outputs_with_url >= 3);
}

TEST_CASE("a source URL that does not parse is an error at the URL", "[hardening]") {
    for (const std::string url : {"http://exa mple.com/", "http://[::1", "https://b\xC3\xBC" "cher.de/",
                                  "https://x.org/%zz", "https://trusted.org@evil.example/"}) {
        INFO(url);
        std::string registry = registry_with_url(url);
        std::string errors = build_errors(site_with(kPage, registry));
        INFO(errors);
        CHECK(has(errors, where("content/registry.json", registry, "\"" + url) +
                              ": error[REG006]: sources[0].URL: source 'v3-report': URL '" + url + "' "));
    }
    std::string errors = build_errors(site_with(kPage, registry_with_url("http://exa mple.com/")));
    CHECK(has(errors, "URL 'http://exa mple.com/' has a host 'exa mple.com' that may hold only letters"));
    errors = build_errors(site_with(kPage, registry_with_url("http://[::1")));
    CHECK(has(errors, "URL 'http://[::1' is not a URL (RFC 3986): it ends too early"));

    MemoryFileSystem files = site_with(kPage);
    files.add("content/site.json", "{\"title\": \"T\",\n \"base_url\": \"https://exa mple.org/\"}");
    CHECK(has(build_errors(files), "content/site.json:2:14: error[CFG002]: base URL 'https://exa mple.org/' has a host"));
}

TEST_CASE("a duplicate figure or source id is an error at the duplicate, naming the first", "[hardening]") {
    std::string twice = R"(,
    {"id": "packaging-yield", "value": 75, "unit": "%", "display": "75%", "claim": "Again.",
     "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
    std::string registry = test::sample_registry(twice);
    std::string errors = build_errors(site_with(kPage, registry));
    INFO(errors);
    std::string duplicate = "{\"id\": \"packaging-yield\", \"value\": 75, \"unit\": \"%\", \"display\": \"75%\", \"claim\": \"Again.\"";
    TextPosition first = position_of_offset(registry, registry.find("\"id\": \"packaging-yield\""));
    CHECK(has(errors, where("content/registry.json", registry, duplicate.substr(1)) +
                          ": error[REG005]: figures[2].id: duplicate figure id 'packaging-yield' (first at line " +
                          std::to_string(first.line) + ", column " + std::to_string(first.column) + ")"));

    registry = test::sample_registry();
    std::string again = "{\"id\": \"csis\", \"type\": \"report\", \"title\": \"Again\"}\n";
    registry.insert(registry.find("  ],\n  \"figures\""), "    " + again);
    registry.replace(registry.find("\"custom\": {\"kind\": \"secondary\"}}\n"), 33, "\"custom\": {\"kind\": \"secondary\"}},\n");
    errors = build_errors(site_with(kPage, registry));
    INFO(registry);
    CHECK(has(errors, where("content/registry.json", registry, "\"id\": \"csis\", \"type\": \"report\", \"title\": \"Again\"") +
                          ": error[REG005]: sources[2].id: duplicate source id 'csis' (first at line 6, column 6)"));
}

TEST_CASE("an id that is a number is an error at the number", "[hardening]") {
    std::string figure = R"(,
    {"id": 123, "value": 1, "unit": "%", "display": "1%", "claim": "X.",
     "status": "reported", "sources": [{"id": "csis"}], "as_of": "2025"})";
    std::string registry = test::sample_registry(figure);
    std::string errors = build_errors(site_with(kPage, registry));
    INFO(errors);
    CHECK(has(errors, where("content/registry.json", registry, "123, \"value\"") +
                          ": error[REG003]: figures[2].id: figure #3: field 'id' must be a string"));
    // The same for any field of the wrong type, and evidence that is not an object.
    registry = test::sample_registry();
    registry.replace(registry.find("\"value\": 75"), 11, "\"value\": \"75%\"");
    registry.replace(registry.find("[{\"id\": \"csis\"}]"), 16, "[\"csis\"]");
    errors = build_errors(site_with(kPage, registry));
    CHECK(has(errors, where("content/registry.json", registry, "\"75%\"") +
                          ": error[REG003]: figures[1].value: figure 'packaging-yield': field 'value' must be a number"));
    CHECK(has(errors, where("content/registry.json", registry, "\"csis\"]") +
                          ": error[REG003]: figures[1].sources[0]: figure 'packaging-yield': each entry of 'sources' must be an object"));
}

TEST_CASE("a slug too long for a file name is an error at the page, not a failed write", "[hardening]") {
    std::string slug(300, 'a');
    std::string errors = build_errors(site_with("---\ntitle: Page\nslug: " + slug + "\n---\nBody.\n"));
    INFO(errors);
    CHECK(has(errors, "content/index.md:3:7: error[FM002]: slug is 300 bytes, over the 200 a slug may have"));
    CHECK_FALSE(has(errors, "too long"));  // not the file system's error
    BuildResult at_limit = test::build_in_memory(site_with("---\ntitle: Page\nslug: " + std::string(200, 'a') + "\n---\nBody.\n"));
    CHECK(at_limit.ok);
    CHECK(at_limit.output.count(std::string(200, 'a') + ".html") == 1);

    // Made from a file name (at most 255 bytes): said at the title, where `slug:` would go.
    MemoryFileSystem files = site_with(kPage);
    files.add("content/" + std::string(240, 'p') + ".md", "---\ntitle:  Long\n---\nBody.\n");
    errors = build_errors(files);
    CHECK(has(errors, "content/" + std::string(240, 'p') +
                          ".md:2:9: error[LOAD009]: the slug made from the file name is 240 bytes, over the 200"));

    // The writer names the file in the site, not its staging path, for a name no file system takes.
    test::TempDir tmp;
    Diagnostics out;
    CHECK_FALSE(write_site((tmp.path() / "site").string(), {{std::string(251, 'n') + ".html", "x"}}, out));
    REQUIRE_FALSE(out.all().empty());
    CHECK(format_diagnostic(out.all().at(0)).rfind(std::string(251, 'n') + ".html: error[OUT008]: output path is too long", 0) == 0);
    CHECK_FALSE(fs::exists(tmp.path() / "site"));
}

TEST_CASE("dangling and looping page links are warnings naming the link, and are skipped", "[hardening]") {
    test::TempDir tmp;
    fs::path content = tmp.path() / "content";
    test::write_file(content / "registry.json", test::sample_registry());
    test::write_file(content / "index.md", kPage);
    fs::create_symlink("nowhere.md", content / "x.md");
    fs::create_directories(content / "pages");
    fs::create_symlink("b.md", content / "pages" / "a.md");
    fs::create_symlink("a.md", content / "pages" / "b.md");
    BuildOptions options;
    options.content_dir = content.string();
    options.write = false;
    options.card_images = false;
    BuildResult result = build_site(options, DiskFileSystem());
    std::string text = test::diagnostics_text(result);
    INFO(text);
    CHECK(result.ok);  // a warning: the build goes on without them
    CHECK(result.pages == 1);
    CHECK(has(text, (content / "x.md").string() +
                        ": warning[LOAD008]: page is a symbolic link to 'nowhere.md', which does not exist; it is skipped"));
    CHECK(has(text, (content / "pages/a.md").string() +
                        ": warning[LOAD008]: page is a symbolic link to 'b.md', which links back to itself; it is skipped"));
    CHECK(has(text, (content / "pages/b.md").string() + ": warning[LOAD008]: page is a symbolic link to 'a.md'"));
    CHECK(result.diagnostics.warning_count() >= 3);
    options.strict = true;  // as every warning, an error with --strict
    CHECK_FALSE(build_site(options, DiskFileSystem()).ok);
}
