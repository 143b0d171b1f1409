// Charts as embeddable cards, the way figure_card.h does it for one figure.
//
// Owns what the build writes under site/cards/ for each ```chart block:
//   cards/chart-<id>.html         the chart, its data with each value's status,
//                                 a link to the page it is on, and the embed
//                                 snippets to copy;
//   cards/chart-<id>.embed.html   the chart alone, which the <iframe> snippet loads;
//   cards/chart-<id>.svg          the chart as a standalone SVG image.
// <id> is the spec's optional `id:`, else "<page slug>-<n>" (n counts the
// page's charts from 1). Every bar and point links
// to its figure's ledger entry: absolute under the site's base_url, else
// relative. Both HTML files are self-contained (inline CSS, no script).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chart_spec.h"
#include "diagnostics.h"
#include "registry.h"
#include "site_config.h"
#include "site_output.h"
#include "template_engine.h"

namespace sourced {

struct ChartCard {
    std::string id;          // without the "chart-" prefix
    std::string page_slug;   // the page the chart is on
    std::string page_title;
    std::string page_path;   // for errors
    ResolvedChart chart;     // figures point into the registry
};

struct ChartUse;  // reference_resolver.h

// The cards of a page's resolved ```chart blocks, in page order.
std::vector<ChartCard> chart_cards_on(const std::string& slug, const std::string& title, const std::string& path,
                                      const std::vector<ChartUse>& charts);

// The card id of the n-th (from 1) chart on the page with `slug`.
std::string chart_card_id(const ChartSpec& spec, const std::string& slug, size_t n);

// Where a chart card's page is, from the site root.
std::string chart_card_path(const std::string& id);

// The standalone SVG image: namespaced, sized, with its own colours.
std::string chart_card_svg(const ChartCard& card, const SiteConfig& config);

// The copy-paste snippets (`sourced card chart-<id>` prints them too); every string escaped.
std::string chart_iframe_snippet(const ChartCard& card, const SiteConfig& config);
std::string chart_html_snippet(const ChartCard& card, const SiteConfig& config);

// CHART005 at the later chart when two charts share one card id, or at a
// chart whose card files would be a figure's (a figure with id "chart-<id>").
void check_chart_card_ids(const std::vector<ChartCard>& cards, const Registry& registry, Diagnostics& out);

// The view templates/chart-card.mustache renders; `embed` leaves out the snippets.
nlohmann::json chart_card_view(const ChartCard& card, const SiteConfig& config, bool embed);

// Puts the three files of every chart card into `output`.
void add_chart_card_pages(SiteOutput& output, const TemplateEngine& templates, const std::vector<ChartCard>& cards,
                          const SiteConfig& config);

}  // namespace sourced
