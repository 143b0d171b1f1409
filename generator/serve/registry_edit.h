// The registry-edit fast path of `sourced serve`: figures or sources edited
// in registry.json (or its sources file), the same ids in the same order.
//
// Owns deciding when such an edit can skip the full build and doing it then.
// The registry is loaded and checked again (it is one file), and every
// figure's and source's print (incremental_plan.h) compared with the last
// good build's: only the pages that use a changed figure or source go
// through the per-page stages again (page_build.h), and only the changed
// figures' cards are rendered; the pages made from the whole registry (the
// ledger, sources page, legend, front page, report, search index) are
// rendered again. So the work follows the pages that use the figure, not
// the size of the site. It declines (and `serve` builds everything) when an
// id was added, removed or moved, the registry has errors, or a page it
// rebuilds changes what it uses. tests/registry_edit_test.cpp compares the
// result with full builds byte for byte.
#pragma once

#include <optional>
#include <string>

#include "file_system.h"
#include "page_edit.h"
#include "site_build.h"
#include "site_state.h"

namespace sourced {

// Brings `state` up to date with the registry on disk and returns what
// changed, if the fast path applies; otherwise leaves `state` as it was.
std::optional<PageEdit> rebuild_after_registry_edit(SiteState& state, const FileSystem& files,
                                                    const BuildOptions& options);

}  // namespace sourced
