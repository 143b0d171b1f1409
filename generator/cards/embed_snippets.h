// The copy-paste snippets that put a figure card into someone else's page.
//
// Owns the URLs a card is reachable at (absolute under the site's base_url,
// else relative to the site root), the <iframe> snippet sized to the card,
// and the no-iframe snippet: a <blockquote> with inline styles only (no class,
// no <style>, no script, no event handlers) that still says value, claim,
// status and source as plain linked text after a blog's sanitizer strips the
// styles. Every registry string is escaped here.
#pragma once

#include <string>

#include "registry.h"

namespace sourced {

// Where a figure's card, embed page, oEmbed file and ledger entry live.
struct CardUrls {
    std::string base;  // site base_url ("https://x.org/site/") or "" when the site has none

    bool absolute() const { return !base.empty(); }
    // As a foreign page must write them: base + path, or the path from the site root.
    std::string card(const std::string& id) const { return base + card_path(id); }
    std::string embed(const std::string& id) const { return base + embed_path(id); }
    std::string oembed(const std::string& id) const { return base + oembed_path(id); }
    std::string png(const std::string& id) const { return base + png_path(id); }
    std::string ledger(const std::string& id) const { return base + "figures/index.html#fig-" + id; }
    std::string site() const { return base.empty() ? "index.html" : base; }

    static std::string card_path(const std::string& id) { return "cards/" + id + ".html"; }
    static std::string embed_path(const std::string& id) { return "cards/" + id + ".embed.html"; }
    static std::string oembed_path(const std::string& id) { return "cards/" + id + ".oembed.json"; }
    static std::string svg_path(const std::string& id) { return "cards/" + id + ".svg"; }
    static std::string text_path(const std::string& id) { return "cards/" + id + ".cite.txt"; }
    static std::string bibtex_path(const std::string& id) { return "cards/" + id + ".bib"; }
    static std::string csl_path(const std::string& id) { return "cards/" + id + ".csl.json"; }
    static std::string png_path(const std::string& id) { return "cards/" + id + ".png"; }
};

// The facts a snippet states, computed once per figure.
struct CardFacts {
    const Figure* figure = nullptr;
    std::string revision;  // figure_revision()
    std::string changed;   // figure_changed_date(), ISO
    int width = 560;       // iframe size in CSS pixels
    int height = 0;
};

CardFacts card_facts(const Figure& figure, const Registry& registry, const std::string& site_title);

// A mid-tone colour per status, readable on light and dark backgrounds.
const char* status_colour(Status s);

// The first evidence source with its display fields, or null.
const Source* primary_source(const Figure& figure, const Registry& registry);

// "Publisher or container, 26 June 2026" (either part may be missing; "undated").
std::string source_byline(const Source& source);

std::string iframe_snippet(const CardFacts& card, const std::string& site_title, const CardUrls& urls);
std::string html_snippet(const CardFacts& card, const Registry& registry, const std::string& site_title,
                         const CardUrls& urls);

}  // namespace sourced
