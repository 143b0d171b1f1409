// The figure ledger page (figures/index.html, and the ledger section of a
// report): every figure of the registry, its status, evidence, uses and, on a
// site, its card links and embed snippets.
//
// Owns rendering the ledger's entries. It is the largest page of a site (about
// 4 KB a figure), so each entry is rendered on its own with the
// `ledger-entry` template, in chunks on all threads (entry_list.h), and its
// view is dropped as soon as its HTML exists; the `figures` template then
// places the entries, in registry order.
#pragma once

#include <string>
#include <vector>

#include "entry_list.h"
#include "link_style.h"
#include "registry.h"
#include "site_config.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

struct LedgerOptions {
    const SiteConfig* cards = nullptr;  // set: each entry gets its card's links and snippets (figure_card.h)
    bool card_images = true;            // with cards: link the PNG image too
};

// The ledger rendered as independent tasks, for a caller that runs them
// beside other work: render_chunk(0 .. chunks() - 1) in any order, on any
// threads (each with its own engine), then page().
class LedgerRender {
public:
    LedgerRender(const Registry& registry, const UsageIndex& usage, LinkStyle links, LedgerOptions options);
    LedgerRender(const LedgerRender&) = delete;  // its entries render through `this`
    size_t chunks() const { return entries_.chunks(); }
    void render_chunk(size_t chunk, const TemplateEngine& engine) { entries_.render_chunk(chunk, engine); }
    // Figure `index`'s entry alone.
    std::string entry(size_t index, const TemplateEngine& engine) const;
    // The `figures` template around every entry, in registry order (frees
    // the entries unless `keep`).
    std::string page(const TemplateEngine& engine, bool keep = false);
    // The same inside `outer` (the layout around the page), in one buffer.
    std::string page_within(const TemplateEngine& engine, const TemplateEngine::Around& outer, bool keep = false);
    // Each figure's entry, in registry order, after render_chunk or set by a caller.
    std::vector<std::string>& entries() { return entries_.entries(); }

private:
    const Registry& registry_;
    const UsageIndex& usage_;
    LinkStyle links_;
    LedgerOptions options_;
    EntryList entries_;
};

// The ledger's HTML (the `figures` template's output, without the layout).
// `templates` holds one engine per thread (`jobs` of them, or one).
std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options);

}  // namespace sourced
