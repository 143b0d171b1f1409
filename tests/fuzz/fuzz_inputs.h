// What each fuzz target does with one input, shared with the regression test
// (tests/site/fuzz_regression_test.cpp) that replays every saved finding in
// tests/fuzz/regressions/<target>/ through the same code. Each function
// must neither crash nor throw; a broken invariant calls __builtin_trap().
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "check_stage.h"
#include "content_loader.h"
#include "derived_expression.h"
#include "embed_snippets.h"
#include "figure_card.h"
#include "figure_citation.h"
#include "input_limits.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "pandoc_citations.h"
#include "prose_checks.h"
#include "reference_resolver.h"
#include "registry.h"
#include "site_config.h"

namespace sourced::fuzz {

// The shipped registry, loaded once.
inline const Registry& shipped_registry() {
    static const Registry registry = [] {
        DiskFileSystem disk;
        std::string path = std::string(SOURCED_PROJECT_DIR) + "/content/registry.json";
        Diagnostics ignored;
        return load_registry(path, disk.read(path).value_or("{}"), ignored);
    }();
    return registry;
}

// A registry.json through loading and the registry checks (figure rules,
// derived expressions, quotes, source hygiene), as a build runs them.
inline void registry_input(const std::string& text) {
    Diagnostics out;
    LoadedContent content;
    content.registry_path = "content/registry.json";
    content.registry = load_registry(content.registry_path, text, out);
    std::map<std::string, std::string> texts = {{content.registry_path, text}};
    MemoryFileSystem files;
    CheckReport report;
    check_registry_content(content, texts, {"content/snapshots", "2026-12-01"}, files, "content", out, report);
}

// A page's text split into front matter and body, the YAML read.
// Front matter through the input guard and the YAML parse. Beyond crashes, it
// checks what the parse promises when it reports no error: no value carries a
// control character (YAML escapes such as "\e" or "\x01", FM005) and no key
// was given twice (FM004): a later `slug:` never silently wins.
inline void front_matter_input(const std::string& text) {
    Diagnostics out;
    if (!check_page_input("page.md", text, out)) return;
    SplitPage split = split_front_matter(text);
    FrontMatter fm = parse_front_matter("page.md", split, out);
    if (out.has_errors()) return;
    for (const std::string* value : {&fm.title, &fm.summary, &fm.date, &fm.slug})
        if (control_character(*value)) __builtin_trap();
    try {
        YAML::Node root = YAML::Load(split.yaml);
        if (!root.IsMap()) return;
        std::set<std::string> keys;
        for (const auto& item : root)
            if (item.first.IsScalar() && !keys.insert(item.first.Scalar()).second) __builtin_trap();
    } catch (const YAML::Exception&) {
        __builtin_trap();  // the parse reported no error, so the text is YAML
    }
}

// One page through the input guard, parse, resolve, prose checks and render
// against the shipped registry, as the build runs it.
inline void page_input(const std::string& text) {
    const Registry& registry = shipped_registry();
    Diagnostics out;
    if (!check_page_input("page.md", text, out)) return;
    MarkdownDocument document(text, 1);
    rewrite_pandoc_citations(document, registry, "page.md", out);
    ResolvedPage resolved = resolve_references("page.md", document, registry, out);
    std::vector<BareFigure> bare;
    check_page_prose("page.md", document, resolved, text, bare, out);
    if (!out.has_errors()) (void)render_page_body(document, resolved, registry, RegistryMarks(), "");
}

// The derived-figure expression parser and evaluator; error offsets stay in the text.
inline void derived_input(const std::string& expression) {
    auto lookup = [](const std::string& id) -> std::optional<double> {
        if (id.empty() || id[0] == 'x') return std::nullopt;  // some ids are unknown
        return static_cast<double>(id.size());
    };
    DerivedResult result = evaluate_derived(expression, lookup);
    if (!result.ok && result.error_offset > expression.size()) __builtin_trap();
}

// A registry, then every figure through the card writers: card view, oEmbed,
// CSL JSON (which must serialise: valid UTF-8), plain citation, and BibTeX,
// whose braces must balance.
inline void cards_input(const std::string& text) {
    Diagnostics out;
    Registry registry = load_registry("registry.json", text, out);
    if (out.has_errors()) return;
    SiteConfig config;
    config.title = "Fuzz";
    config.base_url = "https://example.org/";
    for (const Figure& figure : registry.figures) {
        CardFacts card = card_facts(figure, registry, config.title);
        (void)card_view(card, registry, config, false).dump();
        (void)card_oembed(card, registry, config).dump();
        (void)citation_csl(card, registry, config).dump();
        (void)citation_text(card, registry, config);
        std::string bib = citation_bibtex(card, registry, config);
        int depth = 0;
        for (std::size_t i = 0; i < bib.size(); ++i) {
            if (bib[i] == '\\') ++i;
            else if (bib[i] == '{') ++depth;
            else if (bib[i] == '}' && --depth < 0) __builtin_trap();
        }
        if (depth != 0) __builtin_trap();
    }
}

}  // namespace sourced::fuzz
