// Checks over the prose of one page: SRC001 and SRC002.
//
// SRC001: a figure-like number (see figure_numbers.h) in a page's text that
// is not inside a `fig:` link. Text nodes are read from the cmark-gfm tree,
// so code spans, code blocks, raw HTML, URLs and image alt text are never
// scanned. An editor marks an intentional bare number with the link
// `[number](fig:-)`: it renders as plain text and is not reported.
// SRC002: the text of a `fig:` link states a number that its figure's value
// does not round to (figure_numbers.h: precision, magnitudes, number styles).
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"
#include "figure_numbers.h"
#include "markdown_document.h"
#include "reference_resolver.h"

namespace sourced {

// The URL that marks a link's text as an intentional bare number.
constexpr const char* kBareFigureUrl = "fig:-";

struct BareFigure {
    std::string path;
    int line = 0;
    int column = 0;
    std::string text;
};

// SRC001 for each bare figure; SRC002 for each fig: link whose text disagrees.
// `style`: how the page writes numbers (its language's decimal mark).
void check_page_prose(const std::string& path, const MarkdownDocument& doc, const ResolvedPage& page,
                      const std::string& source_text, std::vector<BareFigure>& bare, Diagnostics& out,
                      NumberStyle style = {});

}  // namespace sourced
