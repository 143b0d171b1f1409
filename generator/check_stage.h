// The content checks of the check stage, in one call: the prose of every
// page (prose_checks.h), figure rules (figure_rules.h), quotes and sources
// (evidence_checks.h). Codes and severities: docs/checks.md.
//
// It annotates the registry for rendering (stale figures, derived
// arithmetic, which quotes were checked against a snapshot) and gathers a
// CheckReport for the per-build report page.
#pragma once

#include <string>
#include <vector>

#include "content_loader.h"
#include "diagnostics.h"
#include "file_system.h"
#include "markdown_document.h"
#include "prose_checks.h"
#include "reference_resolver.h"

namespace sourced {

struct CheckOptions {
    std::string snapshots_dir;  // empty: <content>/snapshots
    std::string today;          // YYYY-MM-DD; empty: the newest date in the content
};

struct CheckedPage {
    const Page* page = nullptr;
    const MarkdownDocument* document = nullptr;
    const ResolvedPage* resolved = nullptr;
};

struct CheckReport {
    std::string today;                  // the date staleness was judged against
    std::vector<BareFigure> bare;       // SRC001 findings
    int quotes = 0;                     // quotes in the registry
    int quotes_checked = 0;             // found in a snapshot
};

void run_content_checks(LoadedContent& content, const std::vector<CheckedPage>& pages, const CheckOptions& options,
                        const FileSystem& files, const std::string& content_dir, Diagnostics& out, CheckReport& report);

}  // namespace sourced
