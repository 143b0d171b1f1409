// HTML for figures and sources as they appear inside prose.
//
// Owns the markup of a figure link (the link to its ledger entry, its status
// flag, and the card that hover and keyboard focus reveal without JavaScript)
// and of a source's one-line citation. Escapes everything it is given.
// Link targets come from a LinkStyle (a site root such as "" or "../", or
// in-file anchors for a single-file report).
#pragma once

#include <string>

#include "link_style.h"
#include "reference_resolver.h"
#include "registry.h"
#include "registry_marks.h"

namespace sourced {

// Opening markup of a figure use; the link text follows, then the closing.
std::string figure_open_html(const FigureUse& use, const LinkStyle& links);
// `marks`: what the registry checks found (stale, arithmetic, checked quotes).
std::string figure_close_html(const FigureUse& use, const Registry& registry, const RegistryMarks& marks,
                              const LinkStyle& links);

// The status flag shown after a figure: "◆ reported" (hidden "verified" for verified).
std::string status_flag_html(Status status);

// "<a href=URL>Title</a>, Container, Publisher, 26 June 2026 (accessed ...)".
std::string source_citation_html(const Source& source, const Registry& registry, const LinkStyle& links);

}  // namespace sourced
