// `sourced card <id> [--format ...]`: one figure's or chart's card, snippet,
// image or citation on stdout, so a writer can paste it without opening the site.
//
// Owns only the command: it runs the site's load and registry check stages
// (load_project, check_registry_content; and, for a chart id "chart-...", the
// page stage, parse_page), reports their errors like `build` does, and prints
// the same bytes the build writes (figure_card.h, embed_snippets.h,
// figure_image.h, figure_citation.h, chart_card.h). Exit status: 0, 1 content
// errors, 2 an unknown id or a format a chart does not have.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "site_build.h"

namespace sourced {

// The formats `sourced card` prints: iframe, html, oembed, svg, png, bibtex, csl, text.
const std::vector<std::string>& card_formats();

int run_card_command(const BuildOptions& options, const std::string& id, const std::string& format,
                     std::ostream& stdout_stream, std::ostream& stderr_stream, bool color);

}  // namespace sourced
