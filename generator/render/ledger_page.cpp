#include "ledger_page.h"

#include "figure_card.h"
#include "site_views.h"

namespace sourced {

LedgerRender::LedgerRender(const Registry& registry, const UsageIndex& usage, LinkStyle links, LedgerOptions options)
    : EntryList(registry.figures.size()), registry_(registry), usage_(usage), links_(std::move(links)), options_(options) {}

std::string LedgerRender::entry(size_t index, const TemplateEngine& engine) const {
    const Figure& f = registry_.figures[index];
    nlohmann::json entry = ledger_entry_view(f, registry_, usage_, links_);
    if (options_.cards) {
        add_card_fields(entry, f, registry_, *options_.cards);
        if (!options_.card_images) entry.erase("image_png");
    }
    return engine.render("ledger-entry", entry);
}

nlohmann::json LedgerRender::list_view() const {
    nlohmann::json page = ledger_view(registry_);
    page["has_cards"] = options_.cards != nullptr;  // the copy buttons' script, only where the snippets are
    return page;
}

std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options) {
    LedgerRender ledger(registry, usage, links, options);
    ledger.render_all(templates);
    return ledger.page(templates.front());
}

}  // namespace sourced
