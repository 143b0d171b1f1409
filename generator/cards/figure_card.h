// Citable figure cards: one standalone page per registry figure.
//
// Owns what the build writes under site/cards/ for each figure:
//   cards/<id>.html         the card page: value, claim, status and its reason,
//                           evidence, source, as-of date, revision, ledger link,
//                           and the embed snippets to copy;
//   cards/<id>.embed.html   the card alone, which the <iframe> snippet loads;
//   cards/<id>.oembed.json  oEmbed 1.0 (type rich) for the card;
//   cards/<id>.svg, .png    the social image (see figure_image.h), named by
//                           Open Graph / Twitter meta tags on the card page;
//   cards/<id>.cite.txt, .bib, .csl.json   "cite this figure" (figure_citation.h).
// Both HTML files are self-contained: inline CSS, no script, no request for
// anything but the links a reader follows. It also adds the card fields
// (card link, snippets, revision) to the figure ledger's view.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "embed_snippets.h"
#include "registry.h"
#include "site_config.h"
#include "image_cache.h"
#include "site_output.h"
#include "template_engine.h"

namespace sourced {

// The view templates/card.mustache renders; `embed` leaves out the page
// furniture (snippets, canonical, oEmbed link) for the iframe variant.
nlohmann::json card_view(const CardFacts& card, const Registry& registry, const SiteConfig& config, bool embed);

// The oEmbed 1.0 response for a card.
nlohmann::json card_oembed(const CardFacts& card, const Registry& registry, const SiteConfig& config);

// What building the PNG social images cost: images rendered with librsvg,
// taken from the image cache, cache entries found corrupt (and rendered
// again), and the time spent on them summed over the threads.
struct CardImageCounts {
    int rendered = 0;
    int reused = 0;
    int discarded = 0;
    double milliseconds = 0;
};

// Renders every figure's card files into `output`, one task per figure on up
// to `jobs` threads (one template engine each). `images` not null: also each
// card's PNG social image (about 25 ms a figure when rendered, the costliest
// file), through that cache.
CardImageCounts add_card_pages(SiteOutput& output, const std::vector<TemplateEngine>& thread_templates,
                               const Registry& registry, const SiteConfig& config, int jobs, ImageCache* images,
                               Diagnostics& out);

// Adds the card's links (card_href, image_svg, image_png, cite_*), revision,
// changed, iframe_snippet and html_snippet to figure `f`'s ledger entry
// (ledger_entry_view).
void add_card_fields(nlohmann::json& entry, const Figure& f, const Registry& registry, const SiteConfig& config);

}  // namespace sourced
