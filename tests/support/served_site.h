// A site kept the way `sourced serve` keeps it, for the tests of its fast
// paths (page_edit_test, registry_edit_test): the last good build's files
// and state, patched by each edit a fast path takes, and compared with a
// clean full build of the same files.
#pragma once

#include <string>

#include "file_system.h"
#include "page_edit.h"
#include "site_state.h"

namespace sourced::test {

struct ServedSite {
    SiteState state;
    OutputTree site;
    std::string diagnostics;

    // A good full build that keeps its state (REQUIREs it).
    explicit ServedSite(const MemoryFileSystem& files);
    // memory_options() with this site's state kept.
    BuildOptions options();
    // The files `edit` changed replace the served ones; its diagnostics are now the site's.
    void apply(PageEdit& edit);
};

// CHECKs that `served` has the same files, byte for byte, and the same
// diagnostics as a clean full build of `files`.
void require_same_as_full_build(const ServedSite& served, const MemoryFileSystem& files);

}  // namespace sourced::test
