#include "ledger_page.h"

#include "figure_card.h"
#include "parallel.h"
#include "site_views.h"

namespace sourced {

LedgerRender::LedgerRender(const Registry& registry, const UsageIndex& usage, LinkStyle links, LedgerOptions options)
    : registry_(registry), usage_(usage), links_(std::move(links)), options_(options),
      entries_(registry.figures.size(), [this](size_t i, const TemplateEngine& engine) { return entry(i, engine); }) {}

std::string LedgerRender::entry(size_t index, const TemplateEngine& engine) const {
    const Figure& f = registry_.figures[index];
    nlohmann::json entry = ledger_entry_view(f, registry_, usage_, links_);
    if (options_.cards) {
        add_card_fields(entry, f, registry_, *options_.cards);
        if (!options_.card_images) entry.erase("image_png");
    }
    return engine.render("ledger-entry", entry);
}

std::string LedgerRender::page(const TemplateEngine& engine, bool keep) { return page_within(engine, {"", "", true}, keep); }

std::string LedgerRender::page_within(const TemplateEngine& engine, const TemplateEngine::Around& outer, bool keep) {
    nlohmann::json page = ledger_view(registry_);
    page["has_cards"] = options_.cards != nullptr;  // the copy buttons' script, only where the snippets are
    TemplateEngine::Around inner = engine.render_split("figures", std::move(page), "entries");
    if (!inner.found) return outer.before + inner.before + outer.after;
    return entries_.joined_within(outer.before + inner.before, inner.after + outer.after, keep);
}

std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options) {
    LedgerRender ledger(registry, usage, links, options);
    parallel_for(ledger.chunks(), static_cast<int>(templates.size()),
                 [&](size_t c, int worker) { ledger.render_chunk(c, templates[static_cast<size_t>(worker)]); });
    return ledger.page(templates.front());
}

}  // namespace sourced
