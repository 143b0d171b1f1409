// `sourced report`: the whole explainer as one self-contained HTML file.
//
// Runs the same load, parse, resolve and check stages as a site build, then
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
#include "site_build.h"

namespace sourced {

struct ReportOptions {
    std::string content_dir = "content";
    std::string templates_dir;             // empty: as for a site build
    std::string assets_dir;                // empty: as for a site build
    std::string output = "report.html";
    std::vector<std::string> pages;        // slugs; empty: every page in navigation order
    std::string title;                     // empty: the site's title
    std::string build_date;                // shown in the colophon; empty: newest date in the content
    bool strict = false;
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
