// The check stage: rules over the whole resolved site.
//
// Owns the rules that need every page and the registry together (a figure or
// source that nothing uses). Rules about one registry entry live in
// registry.h; unknown ids in pages are found while resolving.
#pragma once

#include "content_loader.h"
#include "diagnostics.h"
#include "usage_index.h"

namespace sourced {

void check_site(const LoadedContent& content, const UsageIndex& usage, Diagnostics& out);

}  // namespace sourced
