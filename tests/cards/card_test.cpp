// Figure cards: the card pages, the embed snippets, oEmbed, and revisions.
#include <catch2/catch.hpp>

#include <cmark-gfm.h>

#include <regex>
#include <set>

#include "embed_snippets.h"
#include "figure_citation.h"
#include "figure_image.h"
#include "figure_revision.h"
#include "test_support.h"

using namespace sourced;
using nlohmann::json;

namespace {

BuildResult build_cards(const std::string& registry, const std::string& base_url = "") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", registry);
    files.add("content/index.md", "---\ntitle: Home\n---\nText.\n");
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.base_url = base_url;
    options.write = false;
    return build_site(options, files);
}

std::vector<std::string> attribute_values(const std::string& html, const std::string& attribute) {
    std::vector<std::string> values;
    std::regex pattern("\\s" + attribute + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern); it != std::sregex_iterator(); ++it)
        values.push_back((*it)[1]);
    return values;
}

bool has_scheme(const std::string& url) { return std::regex_search(url, std::regex("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")); }

const std::string kHostile = test::sample_registry(R"(,
    {"id": "hostile", "value": 3, "unit": "x", "display": "<b>3</b> & \"more\"",
     "claim": "A claim with <script>alert(1)</script> & \"quotes\"", "status": "disputed",
     "sources": [{"id": "evil", "quote": "</q><img src=x onerror=alert(1)> & \"q\"", "locator": "p. <1>"}],
     "as_of": "2026-06", "note": "Because <i>reasons</i> & \"so\""})");

std::string with_evil_source(std::string registry) {
    const std::string anchor = R"("sources": [)";
    return registry.replace(registry.find(anchor), anchor.size(),
                            anchor + R"({"id": "evil", "type": "report", "title": "Title <with> & \"quotes\"",
     "publisher": "Pub & <Co>", "issued": {"date-parts": [[2026, 6, 1]]},
     "URL": "https://example.org/?a=1&b=\"2\"", "custom": {"kind": "secondary"}},
    )");
}

}  // namespace

TEST_CASE("FNV-1a 64 matches its published test vectors", "[card]") {
    CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("a figure's revision moves with its value, status and evidence, and nothing else", "[card]") {
    Figure base;
    base.id = "f";
    base.value = 75;
    base.unit = "%";
    base.display = "75%";
    base.claim = "Claim.";
    base.status = Status::reported;
    base.evidence = {{"src", "about 75%", "p. 3"}};
    base.as_of = "2025";
    const std::string rev = figure_revision(base);
    CHECK(std::regex_match(rev, std::regex("[0-9a-f]{16}")));

    auto changed = [&](auto edit) {
        Figure f = base;
        edit(f);
        return figure_revision(f) != rev;
    };
    CHECK(changed([](Figure& f) { f.value = 76; }));
    CHECK(changed([](Figure& f) { f.display = "76%"; }));
    CHECK(changed([](Figure& f) { f.unit = "pp"; }));
    CHECK(changed([](Figure& f) { f.status = Status::verified; }));
    CHECK(changed([](Figure& f) { f.evidence[0].quote = "about 76%"; }));
    CHECK(changed([](Figure& f) { f.evidence[0].source_id = "other"; }));
    CHECK(changed([](Figure& f) { f.evidence[0].locator = "p. 4"; }));
    CHECK(changed([](Figure& f) { f.evidence.push_back({"src2", "", ""}); }));
    CHECK_FALSE(changed([](Figure& f) { f.claim = "Reworded claim."; }));
    CHECK_FALSE(changed([](Figure& f) { f.note = "A new note."; }));
    CHECK_FALSE(changed([](Figure& f) { f.as_of = "2026"; }));
    CHECK_FALSE(changed([](Figure& f) { f.id = "renamed"; }));
    // Field boundaries are part of the serialisation: moving text between fields changes it.
    CHECK(changed([](Figure& f) {
        f.evidence[0].quote = "about 75%p. 3";
        f.evidence[0].locator = "";
    }));
}

TEST_CASE("the changed date is the registry's `changed`, else the latest dated fact", "[card]") {
    MemoryFileSystem files;
    Diagnostics out;
    Registry r = load_registry("registry.json", test::sample_registry(R"(,
    {"id": "later", "value": 1, "unit": "x", "display": "1", "claim": "c", "status": "reported",
     "sources": [{"id": "v3-report"}], "as_of": "2024", "changed": "2026-03-04"})"), out);
    REQUIRE_FALSE(out.has_errors());
    CHECK(figure_changed_date(*r.figure("later"), r) == "2026-03-04");
    CHECK(figure_changed_date(*r.figure("v3-pretrain-gpu-hours"), r) == "2026-11-22");  // verified.on
    CHECK(figure_changed_date(*r.figure("packaging-yield"), r) == "2025");               // as_of; source undated

    Diagnostics bad;
    load_registry("registry.json", test::sample_registry(R"(,
    {"id": "bad", "value": 1, "unit": "x", "display": "1", "claim": "c", "status": "reported",
     "sources": [{"id": "v3-report"}], "as_of": "2024", "changed": "yesterday"})"), bad);
    CHECK(bad.has_errors());
}

TEST_CASE("every figure gets a self-contained card page, an embed page and an oEmbed file", "[card]") {
    BuildResult result = build_cards(test::sample_registry());
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::set<std::string> source_urls = {"https://arxiv.org/abs/2412.19437"};
    for (const char* id : {"v3-pretrain-gpu-hours", "packaging-yield"}) {
        INFO(id);
        const std::string page = result.output.at(std::string("cards/") + id + ".html");
        const std::string embed = result.output.at(std::string("cards/") + id + ".embed.html");
        const json oembed = json::parse(result.output.at(std::string("cards/") + id + ".oembed.json"));

        for (const std::string* html : {&page, &embed}) {
            CHECK(html->find("<script") == std::string::npos);
            CHECK(html->find("stylesheet") == std::string::npos);
            CHECK(html->find("@import") == std::string::npos);
            CHECK(html->find("url(") == std::string::npos);
            CHECK(attribute_values(*html, "src").empty());  // nothing is fetched
            for (const std::string& href : attribute_values(*html, "href")) {
                INFO(href);
                CHECK((!has_scheme(href) || source_urls.count(href) == 1 || href == "data:,"));  // data:, is the empty inline favicon
            }
            CHECK(html->find("<style>") != std::string::npos);
            CHECK(html->find("prefers-color-scheme:dark") != std::string::npos);
        }
        // Canonical and oEmbed discovery on the page, not in the iframe variant.
        CHECK(page.find(std::string("<link rel=\"canonical\" href=\"../figures/index.html#fig-") + id + "\">") !=
              std::string::npos);
        CHECK(page.find(std::string("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"") + id +
                        ".oembed.json\"") != std::string::npos);
        CHECK(embed.find("rel=\"canonical\"") == std::string::npos);
        CHECK(embed.find("Embed this figure") == std::string::npos);

        CHECK(oembed.at("version") == "1.0");
        CHECK(oembed.at("type") == "rich");
        for (const char* key : {"title", "provider_name", "provider_url", "revision", "changed"})
            CHECK(oembed.at(key).is_string());
        CHECK(oembed.at("cache_age").is_number_integer());
        const std::string iframe = oembed.at("html");
        CHECK(iframe.rfind(std::string("<iframe src=\"cards/") + id + ".embed.html\"", 0) == 0);
        CHECK(iframe.find("width=\"" + std::to_string(oembed.at("width").get<int>()) + "\"") != std::string::npos);
        CHECK(iframe.find("height=\"" + std::to_string(oembed.at("height").get<int>()) + "\"") != std::string::npos);
        CHECK(oembed.at("height").get<int>() > 150);
        // The card and its snippets state the same revision as the oEmbed file.
        const std::string revision = oembed.at("revision");
        CHECK(page.find("<code>" + revision + "</code>") != std::string::npos);
        CHECK(page.find("revision " + revision) != std::string::npos);  // in the no-iframe snippet
    }
    const std::string yield = result.output.at("cards/packaging-yield.html");
    CHECK(yield.find("<p class=\"card__value\">75%</p>") != std::string::npos);
    CHECK(yield.find("<strong>Why reported:</strong> Cited by CSIS.") != std::string::npos);
    CHECK(yield.find("as of 2025") != std::string::npos);
    // Without a base URL the page says its snippets are relative.
    CHECK(yield.find("built without a base URL") != std::string::npos);
    // The ledger entry carries both snippets and links the card.
    const std::string& ledger = result.output.at("figures/index.html");
    CHECK(ledger.find("<a href=\"../cards/packaging-yield.html\">") != std::string::npos);
    CHECK(test::count_occurrences(ledger, "<pre class=\"snippet\" data-snippet>") == 4);
    CHECK(ledger.find("&lt;iframe src=&quot;cards/packaging-yield.embed.html&quot;") != std::string::npos);
    CHECK(result.output.count("assets/copy-snippet.js") == 1);
}

TEST_CASE("with a base URL, canonical, oEmbed and snippets are absolute", "[card]") {
    BuildResult result = build_cards(test::sample_registry(), "https://example.org/explainer");
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& page = result.output.at("cards/packaging-yield.html");
    CHECK(page.find("<link rel=\"canonical\" href=\"https://example.org/explainer/figures/index.html#fig-packaging-yield\">") !=
          std::string::npos);
    CHECK(page.find("href=\"https://example.org/explainer/cards/packaging-yield.oembed.json\"") != std::string::npos);
    CHECK(page.find("built without a base URL") == std::string::npos);
    json oembed = json::parse(result.output.at("cards/packaging-yield.oembed.json"));
    CHECK(oembed.at("provider_url") == "https://example.org/explainer/");
    CHECK(oembed.at("url") == "https://example.org/explainer/cards/packaging-yield.html");
    CHECK(oembed.at("html").get<std::string>().find("src=\"https://example.org/explainer/cards/packaging-yield.embed.html\"") !=
          std::string::npos);
}

TEST_CASE("the no-iframe snippet is inline-styled plain HTML that states value, claim, status and source", "[card]") {
    Diagnostics out;
    Registry r = load_registry("registry.json", test::sample_registry(), out);
    REQUIRE_FALSE(out.has_errors());
    CardUrls urls{"https://example.org/"};
    for (const Figure& f : r.figures) {
        INFO(f.id);
        std::string html = html_snippet(card_facts(f, r, "Site"), r, "Site", urls);
        CHECK(html.find("class=") == std::string::npos);
        CHECK(html.find("<style") == std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        CHECK_FALSE(std::regex_search(html, std::regex("\\son[a-z]+\\s*=", std::regex::icase)));
        CHECK(html.rfind("<blockquote cite=\"https://example.org/cards/" + f.id + ".html\"", 0) == 0);
        CHECK(html.find(">" + f.display + "</p>") != std::string::npos);
        CHECK(html.find(f.claim) != std::string::npos);
        CHECK(html.find(status_name(f.status) + "</strong>") != std::string::npos);
        CHECK(html.find("<a href=\"https://example.org/figures/index.html#fig-" + f.id + "\">") != std::string::npos);
    }
    std::string v3 = html_snippet(card_facts(*r.figure("v3-pretrain-gpu-hours"), r, "Site"), r, "Site", urls);
    CHECK(v3.find("<a href=\"https://arxiv.org/abs/2412.19437\">“DeepSeek-V3 Technical Report”</a>") != std::string::npos);
}

TEST_CASE("hostile registry strings are escaped in card pages, oEmbed and snippets", "[card][escape]") {
    const std::string registry = with_evil_source(kHostile);
    BuildResult result = build_cards(registry);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    for (const char* path : {"cards/hostile.html", "cards/hostile.embed.html", "figures/index.html"}) {
        INFO(path);
        const std::string& html = result.output.at(path);
        CHECK(html.find("<b>3</b>") == std::string::npos);
        CHECK(html.find("<script>alert") == std::string::npos);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("<i>reasons") == std::string::npos);
        CHECK(html.find("<with>") == std::string::npos);
        CHECK(html.find("<1>") == std::string::npos);  // the locator
        CHECK(html.find("&lt;b&gt;3&lt;/b&gt; &amp; &quot;more&quot;") != std::string::npos);
        CHECK(html.find("p. &lt;1&gt;") != std::string::npos);
    }
    const std::string& card = result.output.at("cards/hostile.html");
    CHECK(card.find("<p class=\"card__value\">&lt;b&gt;3&lt;/b&gt; &amp; &quot;more&quot;</p>") != std::string::npos);
    CHECK(card.find("<a href=\"https://example.org/?a=1&amp;b=%222%22\"") != std::string::npos);  // " percent-encoded
    CHECK(card.find("Title &lt;with&gt; &amp; &quot;quotes&quot;") != std::string::npos);
    // The snippets are shown as text: escaped twice over in the card page.
    CHECK(card.find("&amp;lt;b&amp;gt;3&amp;lt;/b&amp;gt;") != std::string::npos);

    // oEmbed parses, round-trips the raw title, and its html escapes it.
    json oembed = json::parse(result.output.at("cards/hostile.oembed.json"));
    CHECK(oembed.at("title") == "<b>3</b> & \"more\" — A claim with <script>alert(1)</script> & \"quotes\"");
    const std::string iframe = oembed.at("html");
    CHECK(iframe.find("<b>") == std::string::npos);
    CHECK(iframe.find("<script") == std::string::npos);
    CHECK(iframe.find("title=\"&lt;b&gt;3&lt;/b&gt; &amp; &quot;more&quot;") != std::string::npos);

    // The no-iframe snippet escapes text and attribute values.
    Diagnostics out;
    Registry r = load_registry("registry.json", registry, out);
    REQUIRE_FALSE(out.has_errors());
    std::string snippet = html_snippet(card_facts(*r.figure("hostile"), r, "Site"), r, "S<i>te", CardUrls{"https://e.org/"});
    CHECK(snippet.find("<b>") == std::string::npos);
    CHECK(snippet.find("<img") == std::string::npos);
    CHECK(snippet.find("<i>") == std::string::npos);
    CHECK(snippet.find("“Title &lt;with&gt; &amp; &quot;quotes&quot;”") != std::string::npos);
    CHECK(snippet.find("Pub &amp; &lt;Co&gt;") != std::string::npos);
    CHECK(snippet.find("href=\"https://example.org/?a=1&amp;b=%222%22\"") != std::string::npos);
    CHECK(snippet.find("S&lt;i&gt;te") != std::string::npos);
    // ' stays readable: every snippet attribute is double-quoted.
    std::string apostrophe = iframe_snippet(card_facts(*r.figure("hostile"), r, "Site"), "Bob's site", CardUrls{"https://e.org/"});
    CHECK(apostrophe.find("(Bob's site)\" width=") != std::string::npos);
}

TEST_CASE("card output is byte-identical across builds", "[card][determinism]") {
    const std::string registry = with_evil_source(kHostile);
    BuildResult a = build_cards(registry);
    BuildResult b = build_cards(registry);
    REQUIRE(a.ok);
    REQUIRE(b.ok);
    size_t cards = 0;
    for (const auto& [path, bytes] : a.output)
        if (path.rfind("cards/", 0) == 0) {
            ++cards;
            CHECK(b.output.at(path) == bytes);
        }
    CHECK(cards == 3 * 8);  // html, embed.html, oembed.json, svg, png, cite.txt, bib, csl.json
}

namespace {

// Width and height from a PNG's IHDR chunk (big-endian, bytes 16-23).
std::pair<unsigned, unsigned> png_size(const std::string& png) {
    REQUIRE(png.size() > 24);
    REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    REQUIRE(png.compare(12, 4, "IHDR") == 0);
    auto be32 = [&](size_t at) {
        unsigned v = 0;
        for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("each figure has a well-formed SVG image and a 1200x630 PNG rendered from it", "[card][image]") {
    BuildResult result = build_cards(with_evil_source(kHostile));
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    for (const char* id : {"v3-pretrain-gpu-hours", "packaging-yield", "hostile"}) {
        INFO(id);
        const std::string& svg = result.output.at(std::string("cards/") + id + ".svg");
        CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"", 0) == 0);
        std::string error;
        auto reparsed = render_svg_to_png(svg, error);  // librsvg rejects XML that is not well-formed
        INFO(error);
        CHECK(reparsed.has_value());
        auto size = png_size(result.output.at(std::string("cards/") + id + ".png"));
        CHECK(size.first == 1200u);
        CHECK(size.second == 630u);
        const std::string& page = result.output.at(std::string("cards/") + id + ".html");
        CHECK(page.find(std::string("<meta property=\"og:image\" content=\"") + id + ".png\">") != std::string::npos);
        CHECK(page.find("<meta name=\"twitter:card\" content=\"summary_large_image\">") != std::string::npos);
    }
    const std::string& svg = result.output.at("cards/hostile.svg");
    CHECK(svg.find("<b>") == std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("&lt;b&gt;3&lt;/b&gt; &amp; &quot;more&quot;") != std::string::npos);
    CHECK(svg.find("Title &lt;with&gt; &amp; &quot;quotes&quot;") != std::string::npos);

    std::string error;
    CHECK_FALSE(render_svg_to_png("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>a & b</text></svg>", error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("wrap_text wraps on words, counts UTF-8 characters and marks a cut", "[card][image]") {
    CHECK(wrap_text("one two three four", 9, 3) == std::vector<std::string>{"one two", "three", "four"});
    CHECK(wrap_text("one two three four", 9, 2) == std::vector<std::string>{"one two", "three…"});
    CHECK(wrap_text("“ééé” ééé", 5, 2) == std::vector<std::string>{"“ééé”", "ééé"});
    CHECK(wrap_text("abcdefghij", 4, 1) == std::vector<std::string>{"abc…"});
    CHECK(wrap_text("", 10, 2).empty());
}

TEST_CASE("cite this figure: plain text, BibTeX and CSL-JSON, escaped for each format", "[card][cite]") {
    BuildResult result = build_cards(with_evil_source(kHostile), "https://example.org/x/");
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    for (const char* id : {"v3-pretrain-gpu-hours", "packaging-yield", "hostile"}) {
        INFO(id);
        for (const char* ext : {".cite.txt", ".bib", ".csl.json"})
            CHECK(result.output.count(std::string("cards/") + id + ext) == 1);
        const std::string& page = result.output.at(std::string("cards/") + id + ".html");
        CHECK(page.find(std::string("<a href=\"") + id + ".bib\" download>BibTeX</a>") != std::string::npos);
        CHECK(result.output.at("figures/index.html").find(std::string("<a href=\"../cards/") + id + ".csl.json\" download>") !=
              std::string::npos);
    }
    const std::string& bib = result.output.at("cards/hostile.bib");
    CHECK(bib.rfind("@misc{sourced:hostile,\n", 0) == 0);
    CHECK(bib.find("title = {<b>3</b> \\& \"more\": A claim with <script>alert(1)</script> \\& \"quotes\"},") != std::string::npos);
    CHECK(bib.find("url = {https://example.org/x/cards/hostile.html},") != std::string::npos);
    // Braces balance, so no registry text can end a field early.
    int depth = 0;
    for (size_t i = 0; i < bib.size(); ++i) {
        if (bib[i] == '\\') { ++i; continue; }
        if (bib[i] == '{') ++depth;
        if (bib[i] == '}') CHECK(--depth >= 0);
    }
    CHECK(depth == 0);
    BuildResult odd = build_cards(test::sample_registry(), "https://example.org/a_b%20c/");
    REQUIRE(odd.ok);
    CHECK(odd.output.at("cards/packaging-yield.bib").find("url = {https://example.org/a_b%20c/cards/packaging-yield.html},") !=
          std::string::npos);  // verbatim field: not TeX-escaped
    CHECK(escape_bibtex("50% of $x_1 {a} #2 ^ ~ \\") == "50\\% of \\$x\\_1 \\{a\\} \\#2 \\^{} \\~{} \\textbackslash{}");

    json csl = json::parse(result.output.at("cards/hostile.csl.json"));
    REQUIRE(csl.is_array());
    CHECK(csl[0].at("title") == "<b>3</b> & \"more\": A claim with <script>alert(1)</script> & \"quotes\"");
    CHECK(csl[0].at("type") == "webpage");
    CHECK(csl[0].at("URL") == "https://example.org/x/cards/hostile.html");
    CHECK(csl[0].at("issued").at("date-parts") == json::parse("[[2026, 6, 1]]"));  // the evil source's issued date
    CHECK(csl[0].at("note").get<std::string>().find("Source: “Title <with> & \"quotes\"”") != std::string::npos);

    const std::string& text = result.output.at("cards/hostile.cite.txt");
    CHECK(text.find("[disputed figure, revision ") != std::string::npos);
    // Shown on the card page as escaped text.
    CHECK(result.output.at("cards/hostile.html").find("&lt;b&gt;3&lt;/b&gt; &amp; &quot;more&quot;: A claim") != std::string::npos);
}

TEST_CASE("the no-iframe snippet passes through a Markdown blog as one raw HTML block", "[card]") {
    Diagnostics out;
    Registry r = load_registry("registry.json", with_evil_source(kHostile), out);
    REQUIRE_FALSE(out.has_errors());
    for (const Figure& f : r.figures) {
        INFO(f.id);
        std::string snippet = html_snippet(card_facts(f, r, "Site"), r, "Site", CardUrls{"https://e.org/"});
        CHECK(snippet.find("\n\n") == std::string::npos);  // a blank line would end the HTML block
        std::string markdown = "Some prose.\n\n" + snippet + "\n\nMore prose.\n";
        char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_UNSAFE);
        std::string rendered(html);
        free(html);
        CHECK(rendered == "<p>Some prose.</p>\n" + snippet + "\n<p>More prose.</p>\n");
    }
    // Independently of html_snippet: the blog's HTML holds the yield card as one
    // blockquote between the two paragraphs, with its value, claim and status.
    std::string markdown = "Some prose.\n\n" +
                           html_snippet(card_facts(*r.figure("packaging-yield"), r, "Site"), r, "Site", CardUrls{"https://e.org/"}) +
                           "\n\nMore prose.\n";
    char* html = cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_UNSAFE);
    std::string rendered(html);
    free(html);
    CHECK(rendered.rfind("<p>Some prose.</p>\n<blockquote cite=\"https://e.org/cards/packaging-yield.html\"", 0) == 0);
    CHECK(rendered.size() > 40);
    CHECK(rendered.compare(rendered.size() - 33, 33, "</blockquote>\n<p>More prose.</p>\n") == 0);
    CHECK(test::count_occurrences(rendered, "<blockquote") == 1);
    CHECK(rendered.find(">75%</p>") != std::string::npos);
    CHECK(rendered.find("Share of 910C chips surviving packaging.") != std::string::npos);
    CHECK(rendered.find("reported</strong>") != std::string::npos);
}
