// `sourced report`: the whole explainer as one self-contained HTML file.
//
// Runs the same load, registry check and page stages as a site build
// (load_project, check_registry_content, parse_page), then
// renders every page (or the ones named) into one document: ids prefixed per
// page so they cannot collide, links between pages rewritten to in-file
// anchors, the figure ledger, sources and status legend as appendices, the
// stylesheet inlined, and no script. Printing to PDF goes through Debian's
// chromium when it is installed.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"
#include "file_system.h"
#include "check_stage.h"
#include "project.h"

namespace sourced {

// What to report on (ProjectOptions: content, templates, assets; no
// --base-url: a report links nowhere outside itself), the check policy, and
// the report's own choices.
struct ReportOptions : ProjectOptions, CheckOptions {
    std::string output = "report.html";
    std::vector<std::string> pages;        // slugs; empty: every page in navigation order
    std::string title;                     // empty: the site's title
    std::string build_date;                // shown in the colophon; empty: the date the checks judge against
};

struct ReportResult {
    Diagnostics diagnostics;
    std::map<std::string, std::string> texts;
    std::string html;
    int pages = 0;
    int figures = 0;
    int verified = 0;
    bool ok = false;
};

// Builds the report in memory; writing it is the caller's business.
ReportResult build_report(const ReportOptions& options, const FileSystem& files);

}  // namespace sourced
