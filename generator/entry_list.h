// A page that is a long list of entries rendered one by one: the figure
// ledger (ledger_page.h) and the sources page (sources_page.h).
//
// Owns rendering the entries in chunks, as tasks for any threads (each with
// its own template engine), keeping each entry's HTML on its own, and joining
// them in order, so the page is the same for any thread count; and, for
// `sourced serve`, rendering a few entries again after an edit
// (registry_edit.h) instead of the whole list.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "template_engine.h"

namespace sourced {

class EntryList {
public:
    using Render = std::function<std::string(size_t index, const TemplateEngine& engine)>;

    EntryList(size_t count, Render render);
    size_t chunks() const;
    void render_chunk(size_t chunk, const TemplateEngine& engine);
    // Every entry, in order; frees them unless `keep`.
    std::string joined(bool keep = false);
    // `before`, every entry and `after` in one buffer (no copy of the entries
    // but this one); frees them unless `keep`.
    std::string joined_within(const std::string& before, const std::string& after, bool keep = false);
    std::vector<std::string>& entries() { return entries_; }

private:
    Render render_;
    std::vector<std::string> entries_;
};

}  // namespace sourced
