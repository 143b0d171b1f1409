#include "page_renderer.h"

#include <cmark-gfm.h>

#include <map>

#include "figure_markup.h"
#include "html_escape.h"

namespace sourced {

namespace {

// Replaces `node` by a custom node that prints `open`, then node's children,
// then `close`. Custom nodes print their text verbatim: callers escape.
cmark_node* wrap_children(cmark_node* node, cmark_node_type type, const std::string& open, const std::string& close) {
    cmark_node* wrapper = cmark_node_new(type);
    cmark_node_set_on_enter(wrapper, open.c_str());
    cmark_node_set_on_exit(wrapper, close.c_str());
    while (cmark_node* child = cmark_node_first_child(node)) {
        cmark_node_unlink(child);
        cmark_node_append_child(wrapper, child);
    }
    cmark_node_replace(node, wrapper);
    cmark_node_free(node);
    return wrapper;
}

}  // namespace

std::string render_page_body(MarkdownDocument& doc, const ResolvedPage& resolved, const Registry& registry,
                             const std::string& root) {
    std::map<std::string, int> source_numbers;
    for (const auto& s : resolved.sources) source_numbers[s.source->id] = s.number;

    for (const FigureUse& use : resolved.figures) {
        cmark_node* wrapper = wrap_children(use.link, CMARK_NODE_CUSTOM_INLINE, figure_open_html(use, root),
                                            figure_close_html(use, registry, root));
        if (!cmark_node_first_child(wrapper)) {
            cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(text, use.figure->display.c_str());
            cmark_node_append_child(wrapper, text);
        }
    }
    for (const CiteUse& use : resolved.citations) {
        std::string number = std::to_string(source_numbers[use.source->id]);
        std::string open = "<a class=\"cite\" id=\"" + escape_html(use.anchor) + "\" href=\"#ref-" +
                           escape_html(use.source->id) + "\">";
        std::string close = "<sup class=\"cite__number\">[" + number + "]</sup></a>";
        cmark_node* wrapper = wrap_children(use.link, CMARK_NODE_CUSTOM_INLINE, open, close);
        if (!cmark_node_first_child(wrapper)) {
            cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(text, use.source->title.c_str());
            cmark_node_append_child(wrapper, text);
        }
    }
    for (const Heading& h : resolved.headings) {
        std::string tag = "h" + std::to_string(h.level);
        wrap_children(h.node, CMARK_NODE_CUSTOM_BLOCK, "<" + tag + " id=\"" + escape_html(h.id) + "\">",
                      "</" + tag + ">");
    }
    return doc.render_html();
}

}  // namespace sourced
