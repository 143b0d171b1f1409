// The fast path of `sourced serve`: pages whose body alone was edited.
//
// Owns deciding when an edit can skip the full build and doing it then. It
// applies when every file that changed is an existing page (or an editor's
// temporary file the build never reads), each page's front matter is
// unchanged (so navigation, the front page, search index, sitemap and feed
// are too), the page still builds without errors, and it uses the same
// figures and sources with the same anchors and the same charts (so the
// ledger, sources page and cards are unchanged). Then only those pages go
// through the per-page stages again (page_build.h, as in a full build), and
// the result is their HTML, their chart cards and, if their bare figures
// changed, the report page: byte for byte what a full build would make of
// them (tests/page_edit_test.cpp compares the two). Anything else returns
// nothing and `serve` builds the whole site.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "file_system.h"
#include "site_build.h"
#include "site_state.h"

namespace sourced {

// What an edit touched, if a fast path may apply: pages (indexes in
// state.pages) and whether the registry files changed.
struct TouchedFiles {
    std::vector<size_t> pages;
    bool registry = false;
};

// Sorts the paths the file watcher reported; nothing if anything else that
// a build reads changed (site.json, a snapshot, a template, an asset, a new
// or removed page) or `structural` (a directory was created, removed or
// moved, or events were lost). Editors' temporary files in content/ are
// left out.
std::optional<TouchedFiles> touched_files(const SiteState& state, const std::set<std::string>& touched, bool structural,
                                          const BuildOptions& options);

struct PageEdit {
    BuildResult result;   // diagnostics of the whole site; texts are in state.content.texts
    OutputTree changed;   // the files to replace in the served site
    size_t pages = 0;     // pages built again
};

// Fills in the rest of `edit.result` (counts, report, sizes, the time since
// `started` as `stage`) from the updated state.
void finish_edit(const SiteState& state, PageEdit& edit, const std::string& stage,
                 std::chrono::steady_clock::time_point started);

// Builds the pages again and, if the fast path applies, updates `state` and
// returns what changed; otherwise leaves `state` as it was.
std::optional<PageEdit> rebuild_edited_pages(SiteState& state, const std::vector<size_t>& pages,
                                             const FileSystem& files, const BuildOptions& options);

}  // namespace sourced
