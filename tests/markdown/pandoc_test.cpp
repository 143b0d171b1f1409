// Pandoc citation syntax: found in text, rewritten into cite: links on the
// tree, resolved with positions, rendered like a numeric Pandoc style.
#include <catch2/catch.hpp>
#include <cmark-gfm.h>

#include "page_renderer.h"
#include "pandoc_citations.h"
#include "reference_resolver.h"
#include "test_support.h"

using namespace sourced;

namespace {

Registry sample() {
    Diagnostics d;
    Registry r = load_registry("registry.json", test::sample_registry(), d);
    REQUIRE(d.all().empty());
    return r;
}

std::string keys_of(const std::string& text) {
    std::string out;
    for (const PandocCitation& c : find_pandoc_citations(text)) {
        out += c.in_text ? "T(" : "B(";
        for (const auto& item : c.items)
            out += (item.suppress_author ? "-" : "") + item.prefix + "|" + item.key + "|" + item.suffix + ";";
        out += ")";
    }
    return out;
}

std::string diagnostics_of(const Diagnostics& d) {
    std::string text;
    for (const auto& item : sorted_diagnostics(d)) text += format_diagnostic(item) + "\n";
    return text;
}

}  // namespace

TEST_CASE("Pandoc citations are found with prefixes, locators and suppress-author", "[pandoc]") {
    CHECK(keys_of("as [@csis] says") == "B(|csis|;)");
    CHECK(keys_of("[@csis, p. 4]") == "B(|csis|, p. 4;)");
    CHECK(keys_of("[see @a; @b, chap. 2]") == "B(see|a|;|b|, chap. 2;)");
    CHECK(keys_of("[-@csis]") == "B(-|csis|;)");
    CHECK(keys_of("@allenChina2025 argues.") == "T(|allenChina2025|;)");  // trailing '.' is not part of the key
    CHECK(keys_of("(@doe:2024/x)") == "T(|doe:2024/x|;)");
    CHECK(keys_of("@{odd key}") == "T(|odd key|;)");
    // Not citations
    CHECK(keys_of("mail editors@example.org today") == "");
    CHECK(keys_of("[write to a@b.org]") == "");
    // A group with a part that has no key is not a citation group; as in Pandoc, @a is then in-text.
    CHECK(keys_of("[see @a; no key here]") == "T(|a|;)");
    CHECK(keys_of("an @ sign, @ alone, [@] and [@ x]") == "");
    CHECK(keys_of("[plain brackets]") == "");
}

TEST_CASE("Pandoc citations become cite: links the resolver checks, with the @'s position", "[pandoc]") {
    Registry registry = sample();
    MarkdownDocument doc("Intro.\n\nAs [see @csis, p. 4; @v3-report] shows, @csis\nis right [-@csis].\n"
                         "Mail a@b.org; `[@csis]` is code; [@csis](https://example.org) is a link.\n"
                         "Unknown: [@cziss].\n",
                         3);
    Diagnostics d;
    CHECK(rewrite_pandoc_citations(doc, registry, "p.md", d) == 5);
    ResolvedPage page = resolve_references("p.md", doc, registry, d);
    REQUIRE(page.citations.size() == 4);
    CHECK(page.citations[0].source->id == "csis");
    CHECK(page.citations[0].line == 5);
    CHECK(page.citations[0].column == 9);
    CHECK(page.citations[1].source->id == "v3-report");
    CHECK(page.citations[1].column == 22);
    CHECK(page.citations[2].line == 5);   // in-text @csis
    CHECK(page.citations[2].column == 41);
    CHECK(page.citations[3].line == 6);   // [-@csis] after the soft break
    CHECK(page.citations[3].column == 12);
    CHECK(diagnostics_of(d) == "p.md:8:11: error[REF002]: unknown source 'cziss' (did you mean 'csis'?)\n");
}

TEST_CASE("Pandoc citations render as numbers with prefix and locator and in-text shows the author", "[pandoc]") {
    Registry registry = sample();
    MarkdownDocument doc("As [see @csis, p. 4; @v3-report] shows, @csis is right [-@csis].\n\n"
                         "Mail a@b.org or `@code`.\n",
                         1);
    Diagnostics d;
    rewrite_pandoc_citations(doc, registry, "p.md", d);
    ResolvedPage page = resolve_references("p.md", doc, registry, d);
    std::string html = render_page_body(doc, page, registry, RegistryMarks(), "");
    INFO(html);
    CHECK(html.find("As [see <a class=\"cite\" id=\"cite-csis-1\" href=\"#ref-csis\">1</a>, p. 4; "
                    "<a class=\"cite\" id=\"cite-v3-report-1\" href=\"#ref-v3-report\">2</a>] shows, ") != std::string::npos);
    CHECK(html.find("<a class=\"cite\" id=\"cite-csis-2\" href=\"#ref-csis\">Allen<sup class=\"cite__number\">[1]</sup></a> is right "
                    "[<a class=\"cite\" id=\"cite-csis-3\" href=\"#ref-csis\">1</a>].") != std::string::npos);
    CHECK(html.find("Mail <a href=\"mailto:a@b.org\">a@b.org</a> or <code>@code</code>.") != std::string::npos);
}

TEST_CASE("author-in-text names follow Pandoc: one, two, or first et al.", "[pandoc]") {
    Source s;
    s.title = "Untitled report";
    CHECK(citation_author_text(s) == "Untitled report");
    s.csl = nlohmann::json::parse(R"({"author": [{"literal": "DeepSeek-AI"}]})");
    CHECK(citation_author_text(s) == "DeepSeek-AI");
    s.csl = nlohmann::json::parse(R"({"author": [{"family": "Allen", "given": "G."}, {"family": "Vries", "non-dropping-particle": "de"}]})");
    CHECK(citation_author_text(s) == "Allen and de Vries");
    s.csl = nlohmann::json::parse(R"({"author": [{"family": "A"}, {"family": "B"}, {"family": "C"}]})");
    CHECK(citation_author_text(s) == "A et al.");
}

TEST_CASE("a page written for Pandoc with a CSL-JSON bibliography builds unchanged", "[pandoc][e2e]") {
    DiskFileSystem files;
    BuildOptions options;
    options.content_dir = std::string(SOURCED_TEST_DIR) + "/fixtures/pandoc/content";
    options.strict = true;
    options.write = false;
    BuildResult result = build_site(options, files);
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    const std::string& html = result.output.at("index.html");
    INFO(html);
    CHECK(html.find("English–German [<a class=\"cite\" id=\"cite-vaswaniAttentionAllYou2017-1\" "
                    "href=\"#ref-vaswaniAttentionAllYou2017\">1</a>, p. 8].") != std::string::npos);
    CHECK(html.find(">Hoffmann et al.<sup class=\"cite__number\">[2]</sup></a> argue") != std::string::npos);
    CHECK(html.find("[see <a class=\"cite\" id=\"cite-kaplanScalingLawsNeural2020-1\"") != std::string::npos);
    CHECK(html.find(">3</a>; <a class=\"cite\" id=\"cite-hoffmannTrainingComputeOptimalLarge2022-2\"") != std::string::npos);
    CHECK(html.find(">2</a>, sec. 3].") != std::string::npos);
    CHECK(html.find("Write to <a href=\"mailto:editors@example.org\">editors@example.org</a>; <code>@notACitation</code> is code.") != std::string::npos);
    CHECK(html.find("@vaswani") == std::string::npos);
    CHECK(html.find("@deepseek") == std::string::npos);  // after a soft break
    CHECK(html.find("[<a class=\"cite\" id=\"cite-deepseekV3TechnicalReport2024-1\" href=\"#ref-deepseekV3TechnicalReport2024\">5</a>, pp. 1-2].") !=
          std::string::npos);
    // The DOI-only article links to its DOI in the page's sources list.
    CHECK(html.find("https://doi.org/10.1038/s41586-021-03819-2") != std::string::npos);
}

namespace {

std::string warnings_and_errors(const BuildResult& r) {
    std::string out;
    for (const auto& d : sorted_diagnostics(r.diagnostics))
        if (d.severity != Severity::note) out += format_diagnostic(d) + "\n";
    return out;
}

BuildResult build_one_page(const std::string& body) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: T\n---\n[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n\n" + body);
    return test::build_in_memory(files);
}

}  // namespace

TEST_CASE("text after a Pandoc citation keeps its file positions for SRC001", "[pandoc][SRC001]") {
    // Lines 1-3 front matter, 4 the figure uses, 5 blank, 6-8 the paragraph.
    BuildResult r = build_one_page("Intro [@csis] shows that\nit cost $5.6M to train, and @csis counts\n"
                                   "2,048 GPUs; [@v3-report, p. 4] says 75%.\n");
    INFO(test::diagnostics_text(r));
    CHECK(warnings_and_errors(r) ==
          "content/index.md:7:9: warning[SRC001]: bare figure '$5.6M' has no source (link it to a figure, or mark it [$5.6M](fig:-))\n"
          "content/index.md:8:1: warning[SRC001]: bare figure '2,048 GPUs' has no source (link it to a figure, or mark it [2,048 GPUs](fig:-))\n"
          "content/index.md:8:37: warning[SRC001]: bare figure '75%' has no source (link it to a figure, or mark it [75%](fig:-))\n");
    // Every node the rewrite makes has a position inside the paragraph, never the front matter's.
    MarkdownDocument doc("A\n\nB [see @csis; @v3-report, p. 2] then @csis x\ny [@csis] z.\n", 4);
    Diagnostics d;
    REQUIRE(rewrite_pandoc_citations(doc, sample(), "p.md", d) == 4);
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    std::vector<std::string> seen;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT) continue;
        seen.push_back(std::string(cmark_node_get_literal(node)) + "@" + std::to_string(doc.file_line(node)) + ":" +
                       std::to_string(doc.file_column(node)));
    }
    cmark_iter_free(iter);
    CHECK(seen == std::vector<std::string>{"A@4:1", "B @6:1", "[@6:3", "see@6:4", " @6:7", "; @6:13", ", p. 2@6:25",
                                           "]@6:31", " then @6:32", "Allen@6:38", " x@6:43", "y @7:1", "[@7:3", "]@7:9",
                                           " z.@7:10"});
}

TEST_CASE("a bare @handle that names no source stays text with a warning, and [@key] stays an error", "[pandoc][REF004]") {
    BuildResult r = build_one_page("Follow @deepseek_ai on X, and @csiss too.\n\nAs [@csiss] says.\n");
    INFO(test::diagnostics_text(r));
    CHECK(warnings_and_errors(r) ==
          "content/index.md:6:8: warning[REF004]: '@deepseek_ai' names no source, so it stays text\n"
          "content/index.md:6:31: warning[REF004]: '@csiss' names no source, so it stays text (did you mean 'csis'?)\n"
          "content/index.md:8:5: error[REF002]: unknown source 'csiss' (did you mean 'csis'?)\n");
    BuildResult handle = build_one_page("Follow @deepseek_ai on X.\n");
    REQUIRE(handle.ok);
    CHECK(handle.output.at("index.html").find("<p>Follow @deepseek_ai on X.</p>") != std::string::npos);
}

TEST_CASE("the GFM spec's examples with @ build: autolinks, emails and @ inside words", "[pandoc][REF004]") {
    // CommonMark 0.29 autolinks (examples 603-605, 613) and GFM's extended email autolinks (628-631).
    const std::vector<std::pair<std::string, std::string>> examples = {
        {"<foo@bar.example.com>", "<p><a href=\"mailto:foo@bar.example.com\">foo@bar.example.com</a></p>"},
        {"<foo+special@Bar.baz-bar0.com>", "<p><a href=\"mailto:foo+special@Bar.baz-bar0.com\">foo+special@Bar.baz-bar0.com</a></p>"},
        {"<foo\\+@bar.example.com>", "bar.example.com"},
        {"foo@bar.baz", "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>"},
        {"hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
         "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>"},
        {"a.b-c_d@a.b.", "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>"},
        {"a.b-c_d@a.b-", "<p>a.b-c_d@a.b-</p>"},
        {"a.b-c_d@a.b_", "<p>a.b-c_d@a.b_</p>"},
        {"write to first.last+@localhost or a.@host", "<p>write to first.last+@localhost or a.@host</p>"},
        {"user@localhost, x@y and me@example.com wrote", "<p>user@localhost, x@y and <a href=\"mailto:me@example.com\">me@example.com</a> wrote</p>"},
    };
    for (const auto& [markdown, html] : examples) {
        BuildResult r = build_one_page(markdown + "\n");
        INFO(markdown << "\n" << test::diagnostics_text(r));
        CHECK(r.ok);
        CHECK(r.diagnostics.warning_count() == 0);
        CHECK(r.output.at("index.html").find(html) != std::string::npos);
    }
    BuildResult handle = build_one_page("@foo\n");  // CommonMark text; no source is named foo
    INFO(test::diagnostics_text(handle));
    CHECK(handle.ok);
    CHECK(warnings_and_errors(handle) ==
          "content/index.md:6:1: warning[REF004]: '@foo' names no source, so it stays text\n");
    CHECK(handle.output.at("index.html").find("<p>@foo</p>") != std::string::npos);
}
