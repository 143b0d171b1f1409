// The sources page (sources/index.html, and the sources section of a
// report): every source of the registry, the figures that rest on it and the
// pages that cite it.
//
// Owns rendering it the way the ledger is rendered (entry_list.h): each
// source's entry on its own with the `source-entry` template, in chunks on
// all threads, then the `sources` template around them, in registry order.
// On a large site it is the second largest page (each source lists its
// figures and every page citing it).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entry_list.h"
#include "link_style.h"
#include "registry.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

class SourcesRender {
public:
    SourcesRender(const Registry& registry, const UsageIndex& usage, LinkStyle links);
    SourcesRender(const SourcesRender&) = delete;  // its entries render through `this`
    size_t chunks() const { return entries_.chunks(); }
    void render_chunk(size_t chunk, const TemplateEngine& engine) { entries_.render_chunk(chunk, engine); }
    // Source `index`'s entry alone.
    std::string entry(size_t index, const TemplateEngine& engine) const;
    // The `sources` template around every entry (frees them unless `keep`).
    std::string page(const TemplateEngine& engine, bool keep = false);
    // The same inside `outer` (the layout around the page), in one buffer.
    std::string page_within(const TemplateEngine& engine, const TemplateEngine::Around& outer, bool keep = false);
    std::vector<std::string>& entries() { return entries_.entries(); }

private:
    const Registry& registry_;
    const UsageIndex& usage_;
    LinkStyle links_;
    std::vector<nlohmann::json> figures_;  // per source: the figures resting on it
    EntryList entries_;
};

// The sources page's HTML (without the layout), on one engine per thread.
std::string render_sources(const std::vector<TemplateEngine>& templates, const Registry& registry,
                           const UsageIndex& usage, const LinkStyle& links);

}  // namespace sourced
