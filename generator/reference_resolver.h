// The resolve stage: find fig:, cite: links and headings in a parsed page.
//
// Owns the link schemes: `[text](fig:ID)` names a registry figure and
// `[text](cite:ID)` a registry source. It walks the cmark-gfm tree (never
// the raw text), checks every id against the registry, numbers each use so
// it has a stable anchor, orders the page's sources for its reference list,
// and gives headings unique ids. It does not change the tree: rendering does.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"
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
    std::vector<Heading> headings;
    std::vector<PageSource> sources;  // numbered in order of first use
    std::vector<cmark_node*> bare_marks;  // [text](fig:-): an intentional bare number, rendered as text
};

ResolvedPage resolve_references(const std::string& path, const MarkdownDocument& doc, const Registry& registry,
                                Diagnostics& out);

// "Post-training is not pre-training" -> "post-training-is-not-pre-training".
std::string heading_slug(const std::string& text);

}  // namespace sourced
