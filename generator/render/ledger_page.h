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
// threads (each with its own engine), then page() or page_within().
class LedgerRender : public EntryList {
public:
    LedgerRender(const Registry& registry, const UsageIndex& usage, LinkStyle links, LedgerOptions options);
    std::string entry(size_t index, const TemplateEngine& engine) const override;

protected:
    std::string list_template() const override { return "figures"; }
    nlohmann::json list_view() const override;

private:
    const Registry& registry_;
    const UsageIndex& usage_;
    LinkStyle links_;
    LedgerOptions options_;
};

// The ledger's HTML (the `figures` template's output, without the layout).
// `templates` holds one engine per thread (`jobs` of them, or one).
std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options);

}  // namespace sourced
