// The content checks of the check stage: the registry part here (figure
// rules, figure_rules.h; quotes and sources, evidence_checks.h), while each
// page's prose (prose_checks.h) is checked on the page's own thread by
// site_build. Codes and severities: docs/checks.md.
//
// It leaves the registry as loaded: what rendering needs (stale figures,
// derived arithmetic, which quotes were checked against a snapshot) is
// returned in CheckReport::marks, with the counts of the report page.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "content_loader.h"
#include "diagnostics.h"
#include "file_system.h"
#include "markdown_document.h"
#include "prose_checks.h"
#include "reference_resolver.h"
#include "registry_marks.h"

namespace sourced {

// The check policy of a command: what the checks compare against, and
// whether warnings fail.
struct CheckOptions {
    std::string snapshots_dir;  // empty: <content>/snapshots
    std::string today;          // YYYY-MM-DD; empty: the newest date in the content
    bool strict = false;        // warnings fail the build
};

// The check stage's result besides its diagnostics.
struct CheckReport {
    std::string today;                  // the date staleness was judged against
    std::vector<BareFigure> bare;       // SRC001 findings
    int quotes = 0;                     // quotes in the registry
    int quotes_checked = 0;             // found in a snapshot
    RegistryMarks marks;                // per figure: stale, arithmetic, checked quotes (for rendering)
};

// The checks that need only the registry (figure rules, quotes against
// snapshots, source hygiene). What they find for rendering goes to
// `report.marks`, so they run before pages are rendered; `content` is not
// changed. `texts` holds the loaded files by path.
void check_registry_content(const LoadedContent& content, const std::map<std::string, std::string>& texts,
                            const CheckOptions& options, const FileSystem& files, const std::string& content_dir,
                            Diagnostics& out, CheckReport& report);

}  // namespace sourced
