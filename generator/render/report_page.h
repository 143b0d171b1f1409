// The per-build report page (site/figures/report.html): what the checks
// found, for readers and editors.
//
// Owns the page's inner HTML: figures counted by status, bare figures in
// prose (SRC001), quotes checked or not against a snapshot, stale figures,
// and sources with gaps (no URL or date). Everything is escaped here; the
// layout template wraps it.
#pragma once

#include <string>

#include "check_stage.h"
#include "registry.h"
#include "site_views.h"
#include "template_engine.h"

namespace sourced {

// figures/report.html: the page's HTML in the layout.
// The report page's own HTML (without the layout); `root` leads to the site root.
std::string report_page_html(const Registry& registry, const CheckReport& report, const std::string& root);

std::string report_page(const TemplateEngine& templates, const SiteContext& site, const Registry& registry,
                        const CheckReport& report);

}  // namespace sourced
