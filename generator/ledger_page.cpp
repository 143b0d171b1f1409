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

LedgerRender::LedgerRender(const Registry& registry, const UsageIndex& usage, LinkStyle links, LedgerOptions options)
    : registry_(registry), usage_(usage), links_(std::move(links)), options_(options),
      chunks_((registry.figures.size() + kChunk - 1) / kChunk) {}

void LedgerRender::render_chunk(size_t chunk, const TemplateEngine& engine) {
    const size_t figures = registry_.figures.size();
    for (size_t i = chunk * kChunk; i < std::min(figures, (chunk + 1) * kChunk); ++i) {
        const Figure& f = registry_.figures[i];
        nlohmann::json entry = ledger_entry_view(f, registry_, usage_, links_);
        if (options_.cards) {
            add_card_fields(entry, f, registry_, *options_.cards);
            if (!options_.card_images) entry.erase("image_png");
        }
        chunks_[chunk] += engine.render("ledger-entry", entry);
    }
}

std::string LedgerRender::page(const TemplateEngine& engine) {
    size_t size = 0;
    for (const std::string& chunk : chunks_) size += chunk.size();
    std::string entries;
    entries.reserve(size);
    for (std::string& chunk : chunks_) {
        entries += chunk;
        std::string().swap(chunk);
    }
    nlohmann::json page = ledger_view(registry_);
    page["has_cards"] = options_.cards != nullptr;  // the copy buttons' script, only where the snippets are
    return engine.render_around("figures", std::move(page), "entries", entries);
}

std::string LedgerRender::page(const TemplateEngine& engine,
                               const std::function<std::string(const std::string&)>& around) {
    // Inputs cannot hold NUL bytes (input_limits.h), so no page text can hold the marker.
    static const std::string marker("\0sourced:ledger-entries\0", 24);
    nlohmann::json view = ledger_view(registry_);
    view["has_cards"] = options_.cards != nullptr;
    const std::string whole = around(engine.render_around("figures", std::move(view), "entries", marker));
    std::vector<size_t> at;  // where the entries go (once, unless a template repeats them)
    for (size_t pos = whole.find(marker); pos != std::string::npos; pos = whole.find(marker, pos + marker.size()))
        at.push_back(pos);
    size_t entries = 0;
    for (const std::string& chunk : chunks_) entries += chunk.size();
    std::string page;
    page.reserve(whole.size() + at.size() * entries);
    size_t from = 0;
    for (size_t pos : at) {
        page.append(whole, from, pos - from);
        for (const std::string& chunk : chunks_) page += chunk;
        from = pos + marker.size();
    }
    page.append(whole, from, std::string::npos);
    chunks_.clear();
    return page;
}

std::string render_ledger(const std::vector<TemplateEngine>& templates, const Registry& registry,
                          const UsageIndex& usage, const LinkStyle& links, const LedgerOptions& options) {
    LedgerRender ledger(registry, usage, links, options);
    parallel_for(ledger.chunks(), static_cast<int>(templates.size()),
                 [&](size_t c, int worker) { ledger.render_chunk(c, templates[static_cast<size_t>(worker)]); });
    return ledger.page(templates.front());
}

}  // namespace sourced
