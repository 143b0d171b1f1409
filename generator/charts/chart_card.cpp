#include "chart_card.h"

#include <cmath>
#include <map>

#include "chart_svg.h"
#include "embed_snippets.h"
#include "html_escape.h"
#include "link_style.h"
#include "reference_resolver.h"
#include "site_views.h"

namespace sourced {

using nlohmann::json;

namespace {

constexpr int kIframeWidth = 640;

// From inside cards/, the site root is one level up; absolute under a base URL.
std::string root_from_cards(const SiteConfig& config) { return config.base_url.empty() ? "../" : config.base_url; }

std::string unit_text(const ResolvedChart& chart) {
    return chart.unit + (chart.spec.scale == ChartScale::log ? ", log scale" : "");
}

// escape_html, but leaving ' as it is (as embed_snippets.cpp does): every
// attribute in a snippet is double-quoted.
std::string escape(const std::string& text) {
    std::string out = escape_html(text);
    for (size_t at = out.find("&#39;"); at != std::string::npos; at = out.find("&#39;", at + 1)) out.replace(at, 5, "'");
    return out;
}

std::string status_text(const Figure& f) { return status_symbol(f.status) + " " + status_name(f.status); }

// Mirrors templates/chart-card.mustache's embed layout at kIframeWidth: 12 px
// padding and a 1 px border around the caption (about 24 px), the SVG scaled
// to the inner width, the table (26 px a row with its header), the meta line.
int iframe_height(const ChartCard& card) {
    ChartSvg svg = render_chart_svg(card.chart, "chart", LinkStyle("../"));
    double inner = kIframeWidth - 2 * 12 - 2;
    double h = 2 * 12 + 2 + 28 + svg.height * inner / svg.width + 8 + 26.0 * (card.chart.marks.size() + 1) + 8 + 22 + 16;
    return static_cast<int>(std::ceil(h));
}

}  // namespace

std::vector<ChartCard> chart_cards_on(const std::string& slug, const std::string& title, const std::string& path,
                                      const std::vector<ChartUse>& charts) {
    std::vector<ChartCard> cards;
    for (const ChartUse& chart : charts) cards.push_back({chart.card_id, slug, title, path, chart.chart});
    return cards;
}

std::string chart_card_id(const ChartSpec& spec, const std::string& slug, size_t n) {
    return spec.id.empty() ? slug + "-" + std::to_string(n) : spec.id;
}

std::string chart_card_path(const std::string& id) { return "cards/chart-" + id + ".html"; }

namespace {

// Where the chart alone and its SVG image are, from the site root.
std::string chart_embed_path(const std::string& id) { return "cards/chart-" + id + ".embed.html"; }
std::string chart_svg_path(const std::string& id) { return "cards/chart-" + id + ".svg"; }

}  // namespace

void check_chart_card_ids(const std::vector<ChartCard>& cards, const Registry& registry, Diagnostics& out) {
    std::map<std::string, const ChartCard*> seen;
    for (const ChartCard& card : cards) {
        if (registry.figure("chart-" + card.id))
            out.error(card.page_path, card.chart.spec.line, card.chart.spec.column, "CHART005",
                      "chart id '" + card.id + "' would give the chart the card files of figure 'chart-" + card.id +
                          "' (give the chart another 'id:')");
        auto [at, fresh] = seen.emplace(card.id, &card);
        if (fresh) continue;
        const ChartCard& first = *at->second;
        out.error(card.page_path, card.chart.spec.line, card.chart.spec.column, "CHART005",
                  "chart id '" + card.id + "' is already used by the chart at " + first.page_path + ":" +
                      std::to_string(first.chart.spec.line) + " (give one of them another 'id:')");
    }
}

std::string chart_card_svg(const ChartCard& card, const SiteConfig& config) {
    ChartSvg drawn = render_chart_svg(card.chart, "chart", LinkStyle(root_from_cards(config)));
    std::string svg = drawn.svg;
    const std::string open = "<svg class=\"chart__svg\"";
    std::string size = " width=\"" + std::to_string(static_cast<int>(drawn.width)) + "\" height=\"" +
                       std::to_string(static_cast<int>(std::ceil(drawn.height))) + "\"";
    svg.replace(0, open.size(), "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart__svg\"" + size);
    // Colours of its own, for black-on-white wherever it is shown; the title
    // the page's caption would give. Status words and hatching say the rest.
    size_t body = svg.find('>') + 1;
    svg.insert(body, "<title id=\"chart-title\">" + escape_html(card.chart.spec.title + " (" + unit_text(card.chart) + ")") +
                         "</title><style>svg{color:#0b57a4;font-family:system-ui,sans-serif;font-size:13px;background:#fff}"
                         "text{fill:#1d1d1f}.chart__axis text{fill:#55555b;font-size:11px}.chart__grid{stroke:#dddad2}"
                         ".chart__value,.chart__status{text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
                         ".chart__mark--reported{color:#7a4e00}.chart__mark--self-reported{color:#8a3b00}"
                         ".chart__mark--projected{color:#3f4fa8}.chart__mark--unverified{color:#8a1c1c}"
                         ".chart__mark--disputed{color:#8a1c5c}.chart__mark--false{color:#a30000}</style>");
    return svg + "\n";
}

// The copy-paste snippets; every string escaped.
std::string chart_iframe_snippet(const ChartCard& card, const SiteConfig& config) {
    std::string title = card.chart.spec.title + " (" + config.title + ")";
    return "<iframe src=\"" + escape(config.base_url + chart_embed_path(card.id)) + "\" title=\"" + escape(title) +
           "\" width=\"" + std::to_string(kIframeWidth) + "\" height=\"" + std::to_string(iframe_height(card)) +
           "\" style=\"border:0;max-width:100%\" loading=\"lazy\" referrerpolicy=\"no-referrer\""
           " sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"></iframe>";
}

std::string chart_html_snippet(const ChartCard& card, const SiteConfig& config) {
    const std::string root = config.base_url;  // "" gives paths from the site root, as figure snippets do
    const ResolvedChart& chart = card.chart;
    std::string html = "<figure cite=\"" + escape(root + chart_card_path(card.id)) + "\" style=\"margin:1em 0\">\n";
    html += "<figcaption style=\"font-weight:bold\">" + escape(chart.spec.title) + " (" + escape(unit_text(chart)) +
            ")</figcaption>\n";
    if (!root.empty())
        html += "<img src=\"" + escape(root + chart_svg_path(card.id)) + "\" alt=\"" + escape(chart_description(chart)) +
                "\" style=\"max-width:100%;height:auto\">\n";
    html += "<ul style=\"margin:0.3em 0;padding-left:1.2em\">\n";
    for (const ChartMark& m : chart.marks) {
        auto value = [&](const Figure& f) {
            return "<a href=\"" + escape(safe_url(root + "figures/index.html#fig-" + f.id)) + "\">" + escape(f.display) +
                   "</a> <strong style=\"color:" + status_colour(f.status) + "\">" + escape(status_text(f)) + "</strong>";
        };
        html += "<li>" + escape(m.label) + ": " + (m.from ? value(*m.from) + " to " : "") + value(*m.figure) + "</li>\n";
    }
    html += "</ul>\n<p style=\"margin:0.3em 0 0;font-size:0.8em\"><a href=\"" + escape(safe_url(root + chart_card_path(card.id))) +
            "\">Chart and sources: " + escape(config.title) + "</a></p>\n</figure>";
    return html;
}

json chart_card_view(const ChartCard& card, const SiteConfig& config, bool embed) {
    const std::string root = root_from_cards(config);
    const bool absolute = !config.base_url.empty();
    const ResolvedChart& chart = card.chart;
    LinkStyle links(root);
    json rows = json::array();
    for (const ChartMark& m : chart.marks) {
        json cells = json::array();
        for (const Figure* f : {m.from, m.figure}) {
            if (!f) continue;
            cells.push_back({{"display", f->display},
                             {"href", links.figure(f->id)},
                             {"card_href", absolute ? config.base_url + CardUrls::card_path(f->id) : f->id + ".html"},
                             {"status", status_name(f->status)},
                             {"symbol", status_symbol(f->status)},
                             {"flagged", is_flagged(f->status)}});
        }
        rows.push_back({{"label", m.label}, {"cells", cells}});
    }
    std::string card_url = config.base_url + chart_card_path(card.id);
    return {{"id", card.id},
            {"embed", embed},
            {"page", !embed},
            {"language", config.language},
            {"site_title", config.title},
            {"title", chart.spec.title},
            {"unit", unit_text(chart)},
            {"type", chart_type_name(chart.spec.type)},
            {"dot", chart.spec.type == ChartType::dot},
            {"svg", render_chart_svg(chart, "chart", links).svg},
            {"rows", rows},
            {"page_href", root + page_href(card.page_slug)},
            {"page_title", card.page_title},
            {"absolute", absolute},
            {"canonical", absolute ? card_url : ""},
            {"svg_href", "chart-" + card.id + ".svg"},
            {"width", std::to_string(kIframeWidth)},
            {"height", std::to_string(iframe_height(card))},
            {"iframe_snippet", chart_iframe_snippet(card, config)},
            {"html_snippet", chart_html_snippet(card, config)}};
}

void add_chart_card_pages(SiteOutput& output, const TemplateEngine& templates, const std::vector<ChartCard>& cards,
                          const SiteConfig& config) {
    for (const ChartCard& card : cards) {
        output.put(chart_card_path(card.id), templates.render("chart-card", chart_card_view(card, config, false)));
        output.put(chart_embed_path(card.id), templates.render("chart-card", chart_card_view(card, config, true)));
        output.put(chart_svg_path(card.id), chart_card_svg(card, config));
    }
}

}  // namespace sourced
