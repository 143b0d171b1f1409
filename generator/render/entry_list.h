// A page that is a long list of entries rendered one by one: the figure
// ledger (ledger_page.h) and the sources page (sources_page.h).
//
// Owns rendering the entries in chunks, as tasks for any threads (each with
// its own template engine), keeping each entry's HTML on its own, and putting
// the page together in one buffer: the list's template around the entries,
// in order (so the page is the same for any thread count), inside the
// layout. `sourced serve` keeps the entries and, after an edit, renders a few
// again (registry_edit.h) instead of the whole list.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "template_engine.h"

namespace sourced {

class EntryList {
public:
    explicit EntryList(size_t count) : entries_(count) {}
    virtual ~EntryList() = default;
    EntryList(const EntryList&) = delete;
    EntryList& operator=(const EntryList&) = delete;

    size_t chunks() const;
    void render_chunk(size_t chunk, const TemplateEngine& engine);
    // Every chunk, on one thread per engine in `templates`.
    void render_all(const std::vector<TemplateEngine>& templates);
    // Entry `index` alone.
    virtual std::string entry(size_t index, const TemplateEngine& engine) const = 0;
    // Every entry, in order, at `{{{entries}}}` of the list's template, and
    // that inside `outer` (the layout split around its content); frees the
    // entries unless `keep`.
    std::string page_within(const TemplateEngine& engine, const TemplateEngine::Around& outer, bool keep = false);
    // The same without a layout.
    std::string page(const TemplateEngine& engine, bool keep = false) { return page_within(engine, {"", "", true}, keep); }
    // Each entry's HTML, after render_chunk (or as a caller set them).
    std::vector<std::string>& entries() { return entries_; }

protected:
    virtual std::string list_template() const = 0;
    virtual nlohmann::json list_view() const = 0;

private:
    std::vector<std::string> entries_;
};

}  // namespace sourced
