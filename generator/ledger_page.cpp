#include "ledger_page.h"

#include "figure_card.h"
#include "parallel.h"
#include "site_views.h"

namespace sourced {

namespace {
// Figures per task: enough to keep the scheduling cost small, few enough
// that both threads finish together on a small registry.
constexpr size_t kChunk = 64;
}  // namespace

std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options) {
    const size_t figures = registry.figures.size();
    std::vector<std::string> chunks((figures + kChunk - 1) / kChunk);
    parallel_for(chunks.size(), static_cast<int>(templates.size()), [&](size_t c, int worker) {
        const TemplateEngine& engine = templates[static_cast<size_t>(worker)];
        for (size_t i = c * kChunk; i < std::min(figures, (c + 1) * kChunk); ++i) {
            const Figure& f = registry.figures[i];
            nlohmann::json entry = ledger_entry_view(f, registry, usage, links);
            if (options.cards) {
                add_card_fields(entry, f, registry, *options.cards);
                if (!options.card_images) entry.erase("image_png");
            }
            chunks[c] += engine.render("ledger-entry", entry);
        }
    });
    size_t size = 0;
    for (const std::string& chunk : chunks) size += chunk.size();
    std::string entries;
    entries.reserve(size);
    for (std::string& chunk : chunks) {
        entries += chunk;
        std::string().swap(chunk);
    }
    nlohmann::json page = ledger_view(registry);
    page["has_cards"] = options.cards != nullptr;  // the copy buttons' script, only where the snippets are
    return templates.front().render_around("figures", std::move(page), "entries", entries);
}

}  // namespace sourced
