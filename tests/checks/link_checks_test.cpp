// Internal links and fragments (LINK...), raw HTML (HTML001), ```embed blocks
// (EMBED...) and images (IMG...): link_checks.h, embed_block.h, page_images.h.
#include <catch2/catch.hpp>

#include <filesystem>

#include "build_cache.h"
#include "test_support.h"

using namespace sourced;

namespace {

const std::string kUses = "[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n";

// A site: the front page uses both figures; `pages` adds content files.
MemoryFileSystem site_with(const std::map<std::string, std::string>& pages, const std::string& site_json = "") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: Home\n---\n" + kUses);
    if (!site_json.empty()) files.add("content/site.json", site_json);
    for (const auto& [path, text] : pages) files.add(path, text);
    return files;
}

// The diagnostics whose code starts with one of `prefixes`, one a line.
std::string lines_of(const BuildResult& r, std::initializer_list<const char*> prefixes) {
    std::string text;
    for (const auto& d : sorted_diagnostics(r.diagnostics))
        for (const char* prefix : prefixes)
            if (d.code.rfind(prefix, 0) == 0) text += format_diagnostic(d) + "\n";
    return text;
}

const std::string kTraining = "---\ntitle: Post-training\nslug: training-costs\n---\n## Costs\n\nText.\n";

}  // namespace

TEST_CASE("check reports every kind of internal link, with positions, and rewrites .md links", "[links]") {
    std::string page = "---\ntitle: Links\n---\n"
                       "[good page](training-costs.html) and [broken page](no-such-page.html).\n"
                       "\n"
                       "[good fragment](training-costs.html#costs), [broken fragment](figures/index.html#fig-nope).\n"
                       "\n"
                       "[here](#nope), [md](post-training.md#costs), [bad md](post-trainin.md).\n"
                       "\n"
                       "[ledger](figures/index.html#fig-packaging-yield) [external](https://example.org/nope.html#x) "
                       "[mail](mailto:a@example.org) [dir](sources/) [up](../x.html) [root](/x.html)\n";
    BuildResult r = test::build_in_memory(
        site_with({{"content/pages/links.md", page}, {"content/pages/post-training.md", kTraining}}));
    INFO(test::diagnostics_text(r));
    CHECK(lines_of(r, {"LINK"}) ==
          "content/pages/links.md:4:38: error[LINK001]: link 'no-such-page.html': the site has no file 'no-such-page.html'\n"
          "content/pages/links.md:6:45: error[LINK002]: link 'figures/index.html#fig-nope': 'figures/index.html' has no element with id 'fig-nope'\n"
          "content/pages/links.md:8:1: error[LINK002]: link '#nope': this page has no element with id 'nope'\n"
          "content/pages/links.md:8:46: error[LINK003]: link 'post-trainin.md' names 'content/pages/post-trainin.md', which is no page of the site (a draft, or no such file)\n"
          "content/pages/links.md:10:139: error[LINK005]: link '../x.html' leads outside the site\n"
          "content/pages/links.md:10:155: warning[LINK004]: link '/x.html' starts at the host's root: it breaks when the site is opened from disk or published under a sub-path; write it relative to the page\n");
    CHECK_FALSE(r.ok);

    // The same page, its broken links removed: it builds, and the .md link leads to the page's output.
    std::string good = "---\ntitle: Links\n---\n[md](post-training.md#costs) [md2](./post-training.md) [home](../index.md)\n";
    BuildResult ok = test::build_in_memory(
        site_with({{"content/pages/links.md", good}, {"content/pages/post-training.md", kTraining}}), true);
    INFO(test::diagnostics_text(ok));
    REQUIRE(ok.ok);
    const std::string& html = ok.output.at("links.html");
    CHECK(html.find("<a href=\"training-costs.html#costs\">md</a>") != std::string::npos);
    CHECK(html.find("<a href=\"training-costs.html\">md2</a>") != std::string::npos);
    CHECK(html.find("<a href=\"index.html\">home</a>") != std::string::npos);
}

TEST_CASE("a link to a draft's .md file is LINK003", "[links]") {
    BuildResult r = test::build_in_memory(site_with({
        {"content/pages/a.md", "---\ntitle: A\n---\nSee [the draft](b.md).\n"},
        {"content/pages/b.md", "---\ntitle: B\ndraft: true\n---\nText.\n"},
    }));
    CHECK(lines_of(r, {"LINK"}) == "content/pages/a.md:4:5: error[LINK003]: link 'b.md' names 'content/pages/b.md', "
                                   "which is no page of the site (a draft, or no such file)\n");
}

TEST_CASE("every file and id a build makes is a good link target", "[links]") {
    // Build the shipped site, then link to every file it made and every id of
    // its articles, figure ledger, sources page and legend: no LINK error.
    MemoryFileSystem files = test::shipped_site();
    BuildResult first = test::build_in_memory(files);
    INFO(test::diagnostics_text(first));
    REQUIRE(first.ok);
    CHECK(lines_of(first, {"LINK", "IMG", "HTML", "EMBED"}).empty());
    std::string links;
    for (const auto& [path, bytes] : first.output) {
        if (path.find('(') != std::string::npos || path.find(' ') != std::string::npos) continue;
        links += "[f](" + path + ")\n";
        bool ids_known = path == "figures/index.html" || path == "sources/index.html" || path == "legend.html" ||
                         path.find('/') == std::string::npos;
        if (!ids_known || path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
        for (size_t at = bytes.find(" id=\""); at != std::string::npos; at = bytes.find(" id=\"", at + 1)) {
            size_t start = at + 5, end = bytes.find('"', start);
            links += "[i](" + path + "#" + bytes.substr(start, end - start) + ")\n";
        }
    }
    files.add("content/pages/every-link.md", "---\ntitle: Every link\n---\n" + links);
    BuildResult second = test::build_in_memory(files);
    CHECK(lines_of(second, {"LINK"}) == "");
}

TEST_CASE("raw HTML the page drops is a warning at its line, HTML001", "[links][html]") {
    BuildResult r = test::build_in_memory(site_with({{"content/pages/a.md",
        "---\ntitle: A\n---\nText.\n\n<iframe src=\"https://datawrapper.dwcdn.net/AbC/1/\"></iframe>\n\n"
        "Water<sup>2</sup> and <!-- a note -->.\n"}}));
    CHECK(lines_of(r, {"HTML"}) ==
          "content/pages/a.md:6:1: warning[HTML001]: raw HTML '<iframe>' is not rendered (the page gets a comment in its "
          "place); to embed a chart, use an ```embed block (docs/markdown.md)\n"
          "content/pages/a.md:8:6: warning[HTML001]: raw HTML '<sup>' is not rendered (the page gets a comment in its "
          "place); write it in Markdown\n");
    CHECK(r.ok);  // a warning
    CHECK_FALSE(test::build_in_memory(site_with({{"content/pages/a.md", "---\ntitle: A\n---\n<b>x</b>\n"}}), true).ok);
}

TEST_CASE("an embed block from an allowed host becomes a sandboxed frame, others are errors", "[links][embed]") {
    const std::string hosts = R"({"title": "T", "embed_hosts": ["datawrapper.dwcdn.net"]})";
    auto page = [](const std::string& block) { return "---\ntitle: A\n---\nText.\n\n```embed\n" + block + "```\n"; };
    BuildResult good = test::build_in_memory(site_with(
        {{"content/pages/a.md", page("url: https://datawrapper.dwcdn.net/AbC/1/?x=1&y=2\ntitle: Yield \"by\" <quarter>\nheight: 420\n")}},
        hosts), true);
    INFO(test::diagnostics_text(good));
    REQUIRE(good.ok);
    CHECK(good.output.at("a.html").find(
              "<figure class=\"embed\">\n<iframe class=\"embed__frame\" src=\"https://datawrapper.dwcdn.net/AbC/1/?x=1&amp;y=2\" "
              "title=\"Yield &quot;by&quot; &lt;quarter&gt;\" height=\"420\" loading=\"lazy\" referrerpolicy=\"no-referrer\" "
              "sandbox=\"allow-scripts allow-popups\"></iframe>\n<figcaption class=\"embed__link\"><a "
              "href=\"https://datawrapper.dwcdn.net/AbC/1/?x=1&amp;y=2\">Yield &quot;by&quot; &lt;quarter&gt;</a> "
              "(datawrapper.dwcdn.net)</figcaption>\n</figure>") != std::string::npos);

    auto error_of = [&](const std::string& block, const std::string& site_json) {
        return lines_of(test::build_in_memory(site_with({{"content/pages/a.md", page(block)}}, site_json)), {"EMBED"});
    };
    CHECK(error_of("url: https://evil.example/x\ntitle: T\n", hosts) ==
          "content/pages/a.md:6:1: error[EMBED001]: embed host 'evil.example' is not in site.json's embed_hosts; add it "
          "there if you trust it to run scripts in a frame on your pages\n");
    // Exactly the host: not a subdomain, not a look-alike.
    CHECK(error_of("url: https://x.datawrapper.dwcdn.net/a\ntitle: T\n", hosts).find("EMBED001") != std::string::npos);
    CHECK(error_of("url: https://datawrapper.dwcdn.net.evil.example/a\ntitle: T\n", hosts).find("EMBED001") != std::string::npos);
    CHECK(error_of("url: https://datawrapper.dwcdn.net/a\ntitle: T\n", "").find("(it lists none)") != std::string::npos);
    CHECK(error_of("url: javascript:alert(1)\ntitle: T\n", hosts).find("error[EMBED002]: embed URL 'javascript:alert(1)'") !=
          std::string::npos);
    CHECK(error_of("title: T\n", hosts) == "content/pages/a.md:6:1: error[EMBED002]: embed block has no 'url'\n");
    CHECK(error_of("url: https://datawrapper.dwcdn.net/a\n", hosts).find("error[EMBED003]: embed block has no 'title'") !=
          std::string::npos);
    CHECK(error_of("url: https://datawrapper.dwcdn.net/a\ntitle: T\nwidth: 3\n", hosts).find("unknown embed key 'width'") !=
          std::string::npos);
    CHECK(error_of("url: https://datawrapper.dwcdn.net/a\ntitle: T\nheight: 1e9\n", hosts).find("EMBED003") !=
          std::string::npos);
}

TEST_CASE("embed_hosts must be host names, EMBED004", "[links][embed]") {
    BuildResult r = test::build_in_memory(
        site_with({}, "{\"title\": \"T\",\n \"embed_hosts\": [\"datawrapper.dwcdn.net\", \"https://evil.example/\", \"*.x.org\"]}"));
    CHECK(lines_of(r, {"EMBED"}) ==
          "content/site.json:2:43: error[EMBED004]: embed host 'https://evil.example/' is not a lower-case host name "
          "such as 'datawrapper.dwcdn.net' (no scheme, path, port or wildcard)\n"
          "content/site.json:2:68: error[EMBED004]: embed host '*.x.org' is not a lower-case host name such as "
          "'datawrapper.dwcdn.net' (no scheme, path, port or wildcard)\n");
}

TEST_CASE("images under content/ are copied to the same path, a missing one is an error at its position", "[links][images]") {
    MemoryFileSystem files = site_with({{"content/pages/a.md",
        "---\ntitle: A\n---\n![chart](img/x.png) ![remote](https://example.org/y.png)\n\n[the file](pages/img/x.png)\n"}});
    files.add("content/pages/img/x.png", std::string("\x89PNG\r\n\x1a\n", 8));
    BuildResult r = test::build_in_memory(files, true);
    INFO(test::diagnostics_text(r));
    REQUIRE(r.ok);
    CHECK(r.output.at("pages/img/x.png") == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(r.output.at("a.html").find("<img src=\"pages/img/x.png\" alt=\"chart\" />") != std::string::npos);
    CHECK(r.output.at("a.html").find("<img src=\"https://example.org/y.png\" alt=\"remote\" />") != std::string::npos);

    BuildResult bad = test::build_in_memory(site_with({{"content/pages/a.md",
        "---\ntitle: A\n---\n![missing](img/nope.png)\n\n![up](../../secret.png) ![root](/x.png) ![gen](../index.html)\n"}}));
    CHECK(lines_of(bad, {"IMG"}) ==
          "content/pages/a.md:4:1: error[IMG001]: image 'img/nope.png' not found: no file 'content/pages/img/nope.png'\n"
          "content/pages/a.md:6:1: error[IMG002]: image '../../secret.png' is outside the content directory; put it under "
          "content/ and write its path relative to the page\n"
          "content/pages/a.md:6:25: error[IMG002]: image '/x.png' is outside the content directory; put it under content/ "
          "and write its path relative to the page\n"
          "content/pages/a.md:6:41: error[IMG003]: image '../index.html' would be written to 'index.html', a file sourced "
          "generates; move or rename it\n");
}

TEST_CASE("an image that is a link to a file outside content/ is refused, IMG002", "[links][images]") {
    test::TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directories(dir.path() / "content");
    test::write_file(dir.path() / "content/index.md", "---\ntitle: Home\n---\n![x](x.png) ![y](y.png)\n");
    test::write_file(dir.path() / "secret.png", "secret");
    test::write_file(dir.path() / "content/y.png", "fine");
    test::write_file(dir.path() / "content/registry.json", "{\"sources\": [], \"figures\": []}\n");
    fs::create_symlink(dir.path() / "secret.png", dir.path() / "content/x.png");
    BuildOptions options = test::memory_options();
    options.content_dir = (dir.path() / "content").string();
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    BuildResult r = build_site(options, DiskFileSystem());
    std::string text = lines_of(r, {"IMG"});
    CHECK(text == options.content_dir + "/index.md:4:1: error[IMG002]: image 'x.png' is a link to a file outside the content directory\n");
    CHECK(r.output.count("x.png") == 0);
}

TEST_CASE("an incremental build copies a changed image, as a full build does", "[links][images]") {
    MemoryFileSystem files = site_with({{"content/pages/a.md", "---\ntitle: A\n---\n![chart](img/x.png)\n"}});
    files.add("content/pages/img/x.png", "first");
    BuildCache cache = BuildCache::in_memory();
    BuildOptions options = test::memory_options();
    options.incremental = &cache;
    BuildResult first = build_site(options, files);
    INFO(test::diagnostics_text(first));
    REQUIRE(first.ok);
    CHECK(first.output.at("pages/img/x.png") == "first");
    files.add("content/pages/img/x.png", "second");
    BuildResult second = build_site(options, files);
    REQUIRE(second.ok);
    CHECK(second.output.at("pages/img/x.png") == "second");
    CHECK(test::differing_files(second.output, build_site(test::memory_options(), files).output).empty());
    CHECK(cache.rendered.count("a.html") == 0);  // the page itself is unchanged
}
