// Fuzz target: a registry, then every figure through the card writers:
// card view, oEmbed JSON, BibTeX, CSL JSON and the plain citation. The JSON
// they make must serialise (valid UTF-8), and BibTeX braces must balance.
#include <cstddef>
#include <cstdint>
#include <string>

#include "embed_snippets.h"
#include "figure_card.h"
#include "figure_citation.h"
#include "registry.h"
#include "site_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    sourced::Diagnostics out;
    sourced::Registry registry = sourced::load_registry("registry.json", text, out);
    if (out.has_errors()) return 0;
    sourced::SiteConfig config;
    config.title = "Fuzz";
    config.base_url = "https://example.org/";
    for (const sourced::Figure& figure : registry.figures) {
        sourced::CardFacts card = sourced::card_facts(figure, registry, config.title);
        (void)sourced::card_view(card, registry, config, false).dump();
        (void)sourced::card_oembed(card, registry, config).dump();
        (void)sourced::citation_csl(card, registry, config).dump();
        (void)sourced::citation_text(card, registry, config);
        std::string bib = sourced::citation_bibtex(card, registry, config);
        int depth = 0;
        for (size_t i = 0; i < bib.size(); ++i) {
            if (bib[i] == '\\') ++i;
            else if (bib[i] == '{') ++depth;
            else if (bib[i] == '}' && --depth < 0) __builtin_trap();
        }
        if (depth != 0) __builtin_trap();
    }
    return 0;
}
