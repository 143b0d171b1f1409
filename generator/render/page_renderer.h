// The render stage for one Markdown page: resolved tree -> HTML fragment.
//
// Owns rewriting the cmark-gfm tree so that fig: links become flagged figure
// links with cards, cite: links become numbered references to the page's
// Sources list, and headings carry their ids; then renders the fragment with
// raw HTML filtered. It reads no files and knows nothing of templates.
#pragma once

#include <string>

#include "link_style.h"
#include "markdown_document.h"
#include "reference_resolver.h"
#include "registry.h"
#include "registry_marks.h"

namespace sourced {

// Rewrites `doc` in place (so call it once per document) and returns the
// HTML. `marks`: what the registry checks found, shown on the figure cards.
std::string render_page_body(MarkdownDocument& doc, const ResolvedPage& resolved, const Registry& registry,
                             const RegistryMarks& marks, const LinkStyle& links);

}  // namespace sourced
