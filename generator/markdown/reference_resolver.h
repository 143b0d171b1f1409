// The resolve stage: find fig:, cite: links and headings in a parsed page.
//
// Owns the link schemes: `[text](fig:ID)` names a registry figure and
// `[text](cite:ID)` a registry source; ```chart blocks name figures too. It walks the cmark-gfm tree (never
// the raw text), checks every id against the registry, numbers each use so
// it has a stable anchor, orders the page's sources for its reference list,
// and gives headings ids unique on the page: a heading never takes an id the
// generator makes (`figref-`, `card-`, `cite-`, `ref-`, `chart-`, cmark-gfm's
// footnotes `fn-` and `fnref-`, the article's own). An image cannot be a fig:
// or cite: link (REF003). It does not change the tree: rendering does.
#pragma once

#include <string>
#include <vector>

#include "chart_spec.h"
#include "diagnostics.h"
#include "embed_block.h"
#include "input_limits.h"
#include "local_links.h"
#include "markdown_document.h"
#include "registry.h"

namespace sourced {

struct FigureUse {
    cmark_node* link = nullptr;
    const Figure* figure = nullptr;
    std::string anchor;       // "figref-<id>-<n>", unique on the page
    std::string text;         // link text as written (empty: use display)
    int line = 0;
    int column = 0;
};

struct CiteUse {
    cmark_node* link = nullptr;
    const Source* source = nullptr;
    std::string anchor;       // "cite-<id>-<n>"
    int line = 0;
    int column = 0;
};

// A ```chart block: its resolved spec and the figure uses of its data table.
struct ChartUse {
    cmark_node* block = nullptr;
    ResolvedChart chart;
    std::string anchor;            // "chart-<n>"
    std::vector<FigureUse> uses;   // link is null: these are not Markdown links
    std::string card_id;           // its card's id (chart_card.h), set by a site build; empty in a report
};

struct Heading {
    cmark_node* node = nullptr;
    int level = 2;
    std::string text;
    std::string id;
};

// One entry of the page's reference list: a source, its number, and every
// place on the page that rests on it (cite: links and figures).
struct PageSource {
    const Source* source = nullptr;
    int number = 0;
    std::vector<std::string> anchors;
};

struct ResolvedPage {
    std::vector<FigureUse> figures;
    std::vector<CiteUse> citations;
    std::vector<ChartUse> charts;
    std::vector<Heading> headings;
    std::vector<PageSource> sources;  // numbered in order of first use
    std::string id_prefix;            // in front of every id this page's HTML defines
    std::vector<cmark_node*> bare_marks;  // [text](fig:-): an intentional bare number, rendered as text
    std::vector<cmark_node*> refused_images;  // ![alt](fig:ID), ![alt](cite:ID): REF003, rendered as their alt text
    std::vector<LocalLink> local_links;       // links and images to files of the site (local_links.h)
    std::vector<EmbedUse> embeds;             // ```embed blocks (embed_block.h)
};

// The id of a source's entry in the page's reference list.
inline std::string reference_id(const ResolvedPage& page, const std::string& source_id) {
    return page.id_prefix + "ref-" + source_id;
}

// LIM006: more than `limits.max_references_per_page` fig: and cite: links
// (after [@key] became cite: links) is an error at the first one over it,
// found before anything is resolved: each use costs a card of HTML.
bool check_reference_count(const std::string& path, const MarkdownDocument& doc, Diagnostics& out,
                           const InputLimits& limits = default_input_limits());

// `id_prefix` goes in front of every anchor and heading id, so pages can be
// combined into one file without collisions ("" for a site).
ResolvedPage resolve_references(const std::string& path, const MarkdownDocument& doc, const Registry& registry,
                                Diagnostics& out, const std::string& id_prefix = "");

}  // namespace sourced
