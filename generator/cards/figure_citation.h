// "Cite this figure": one figure of this site as a citable work, in plain
// text (APA-like), BibTeX and CSL-JSON.
//
// The cited work is the figure's card on this site (authors: site.json's
// authors; date: the figure's changed date; version: its revision); the
// figure's own source is named in a note so a reader can go to the origin.
// Owns the escaping each format needs: BibTeX special characters, JSON via
// nlohmann. Plain text is plain text; HTML escaping is the template's job.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "embed_snippets.h"
#include "registry.h"
#include "site_config.h"

namespace sourced {

std::string citation_text(const CardFacts& card, const Registry& registry, const SiteConfig& config);
std::string citation_bibtex(const CardFacts& card, const Registry& registry, const SiteConfig& config);
nlohmann::json citation_csl(const CardFacts& card, const Registry& registry, const SiteConfig& config);

// Escapes BibTeX/LaTeX specials (\ { } $ & % # _ ^ ~) in a braced field value.
std::string escape_bibtex(const std::string& text);

}  // namespace sourced
