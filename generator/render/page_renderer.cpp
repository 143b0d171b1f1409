#include "page_renderer.h"

#include <cmark-gfm.h>

#include <map>

#include "chart_card.h"
#include "chart_svg.h"
#include "figure_markup.h"
#include "html_escape.h"
#include "pandoc_citations.h"

namespace sourced {

namespace {

// Replaces the inline `node` by raw HTML `open`, node's children (or
// `fallback_text` if it has none), then raw HTML `close`. Siblings rather
// than a wrapper, because table cells accept raw HTML but no custom nodes.
// Raw HTML prints verbatim: callers escape.
void surround_inline(cmark_node* node, const std::string& open, const std::string& close,
                     const std::string& fallback_text) {
    cmark_node* open_node = cmark_node_new(CMARK_NODE_HTML_INLINE);
    cmark_node_set_literal(open_node, open.c_str());
    cmark_node_insert_before(node, open_node);
    if (!cmark_node_first_child(node)) {
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, fallback_text.c_str());
        cmark_node_insert_before(node, text);
    }
    while (cmark_node* child = cmark_node_first_child(node)) {
        cmark_node_unlink(child);
        cmark_node_insert_before(node, child);
    }
    cmark_node* close_node = cmark_node_new(CMARK_NODE_HTML_INLINE);
    cmark_node_set_literal(close_node, close.c_str());
    cmark_node_insert_before(node, close_node);
    cmark_node_free(node);  // unlinks it
}

// Replaces the block `node` by a custom block printing `open`, its
// children, then `close`.
void wrap_block(cmark_node* node, const std::string& open, const std::string& close) {
    cmark_node* wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(wrapper, open.c_str());
    cmark_node_set_on_exit(wrapper, close.c_str());
    while (cmark_node* child = cmark_node_first_child(node)) {
        cmark_node_unlink(child);
        cmark_node_append_child(wrapper, child);
    }
    cmark_node_replace(node, wrapper);
    cmark_node_free(node);
}

}  // namespace

std::string render_page_body(MarkdownDocument& doc, const ResolvedPage& resolved, const Registry& registry,
                             const RegistryMarks& marks, const LinkStyle& links) {
    std::map<std::string, int> source_numbers;
    for (const auto& s : resolved.sources) source_numbers[s.source->id] = s.number;

    for (const FigureUse& use : resolved.figures) {
        // In print, cards are hidden: the figure's sources appear as note numbers
        // into the page's Sources list instead.
        std::string notes;
        for (const Evidence& ev : use.figure->evidence)
            if (auto n = source_numbers.find(ev.source_id); n != source_numbers.end())
                notes += (notes.empty() ? "" : ",") + std::to_string(n->second);
        std::string close = figure_close_html(use, registry, marks, links);
        if (!notes.empty()) close += "<sup class=\"fig__notes\">[" + notes + "]</sup>";
        surround_inline(use.link, figure_open_html(use, links), close, use.figure->display);
    }
    for (cmark_node* mark : resolved.bare_marks) surround_inline(mark, "", "", "");
    for (cmark_node* image : resolved.refused_images) surround_inline(image, "", "", "");  // never <img src="fig:...">
    for (const CiteUse& use : resolved.citations) {
        std::string number = std::to_string(source_numbers[use.source->id]);
        std::string open = "<a class=\"cite\" id=\"" + escape_html(use.anchor) + "\" href=\"#" +
                           escape_html(reference_id(resolved, use.source->id)) + "\">";
        // A bracketed Pandoc citation shows just its number; the brackets, prefix and locator are text around it.
        const char* title = cmark_node_get_title(use.link);
        if (title && std::string(title) == kPandocItemTitle) {
            surround_inline(use.link, open, "</a>", number);
            continue;
        }
        std::string close = "<sup class=\"cite__number\">[" + number + "]</sup></a>";
        surround_inline(use.link, open, close, use.source->title);
    }
    for (const ChartUse& chart : resolved.charts) {
        cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
        std::string html = render_chart_html(chart.chart, chart.anchor, chart.uses, registry, marks, links);
        if (!chart.card_id.empty() && !links.single_file)  // a link to the chart's embeddable card
            html.insert(html.rfind("</figure>"), "<p class=\"chart__embed\"><a href=\"" +
                                                     escape_html(links.root + chart_card_path(chart.card_id)) +
                                                     "\">Embed this chart</a></p>\n");
        cmark_node_set_on_enter(block, html.c_str());
        cmark_node_set_on_exit(block, "");
        cmark_node_replace(chart.block, block);
        cmark_node_free(chart.block);
    }
    for (const EmbedUse& embed : resolved.embeds) {
        if (!embed.block) continue;
        cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
        cmark_node_set_on_enter(block, embed_html(embed).c_str());
        cmark_node_set_on_exit(block, "");
        cmark_node_replace(embed.block, block);
        cmark_node_free(embed.block);
    }
    for (const LocalLink& link : resolved.local_links)  // post-training.md -> training-costs.html
        if (link.node && link.href != link.written) cmark_node_set_url(link.node, link.href.c_str());
    for (const Heading& h : resolved.headings) {
        std::string tag = "h" + std::to_string(h.level);
        wrap_block(h.node, "<" + tag + " id=\"" + escape_html(h.id) + "\">",
                      "</" + tag + ">");
    }
    return doc.render_html();
}

}  // namespace sourced
