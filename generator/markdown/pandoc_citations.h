// Pandoc citation syntax, rewritten into cite: links after parsing.
//
// Owns reading Pandoc's citations in the prose of a parsed page:
// `[@key]`, `[@key, p. 4]`, `[see @a; @b]`, suppress-author `[-@key]` and
// author-in-text `@key`. cmark-gfm leaves them as text (they are not links),
// so this stage finds them in runs of adjacent text nodes, never in code or
// link text, and replaces each cited key by a `cite:key` link node carrying
// the position of its `@`. The resolver then checks the keys like any cite:
// link (unknown key: REF002 with a suggestion) and the renderer numbers them:
// `[see 1, p. 4; 2]` for a bracketed group, `Allen et al.[3]` in text.
// An author-in-text `@word` that names no source is a handle (`@deepseek_ai`),
// not a citation: it stays text, with a warning (REF004, with a suggestion),
// as Pandoc and Quarto only warn. An email address (a@b.org, a+b@c.org) and
// an escaped `\@` are not citations. Every node it makes, text included,
// carries its file position, so the checks that read the text afterwards
// (SRC001) report positions in the paragraph, not at its start.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"
#include "markdown_document.h"
#include "registry.h"

namespace sourced {

// Link title that marks a cite: link made from a bracketed Pandoc citation:
// the renderer shows only its number, the brackets being text around it.
inline constexpr const char* kPandocItemTitle = "sourced:pandoc-item";

struct PandocCitationItem {
    std::string prefix;         // "see " (without the '-' of suppress-author)
    std::string key;            // "csis-allen-2025"
    std::string suffix;         // ", p. 4" as written
    bool suppress_author = false;
    size_t at = 0;              // byte offset of the '@' in the scanned text
    size_t prefix_at = 0;       // byte offsets of the prefix and the suffix as written
    size_t suffix_at = 0;
};

// One citation in a text: a bracketed group, or a single author-in-text key.
struct PandocCitation {
    size_t begin = 0, end = 0;  // byte range in the scanned text ('[' .. ']' inclusive, or "@key")
    bool in_text = false;
    std::vector<PandocCitationItem> items;
};

// Finds Pandoc citations in plain text, in order. Pure: no tree, no registry.
std::vector<PandocCitation> find_pandoc_citations(const std::string& text);

// "Allen", "Allen and Chen", "Allen et al.": the names an author-in-text
// citation shows (the title when a source has no author).
std::string citation_author_text(const Source& source);

// Rewrites every Pandoc citation of `doc` into cite: links (see above);
// REF004 for a handle, in `path`. Returns how many keys were rewritten.
int rewrite_pandoc_citations(MarkdownDocument& doc, const Registry& registry, const std::string& path,
                             Diagnostics& out);

}  // namespace sourced
