// `sourced card <id> [--format ...]`: one figure's card, snippet, image or
// citation on stdout, so a writer can paste it without opening the site.
//
// Owns only the command: it loads the content and templates (reporting their
// errors like `build` does), finds the figure, and prints the same bytes the
// build writes (figure_card.h, embed_snippets.h, figure_image.h,
// figure_citation.h). Exit status: 0, 1 content errors, 2 unknown figure.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "site_build.h"

namespace sourced {

// The formats `sourced card` prints: iframe, html, oembed, svg, png, bibtex, csl, text.
const std::vector<std::string>& card_formats();

int run_card_command(const BuildOptions& options, const std::string& figure_id, const std::string& format,
                     std::ostream& stdout_stream, std::ostream& stderr_stream, bool color);

}  // namespace sourced
