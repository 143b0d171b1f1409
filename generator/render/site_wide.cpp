#include "site_wide.h"

#include "parallel.h"

namespace sourced {

SiteWideRender::SiteWideRender(const LoadedContent& content, const SiteContext& site, const CheckReport& report,
                               bool has_home, const UsageIndex& usage, bool card_images)
    : site_(site),
      pages_(site_pages(content, site, report, has_home)),
      ledger_(content.registry, usage, "../", LedgerOptions{&content.config, card_images}),
      sources_(content.registry, usage, "../") {}

std::vector<std::pair<std::string, std::string>> SiteWideRender::render(const std::vector<TemplateEngine>& engines,
                                                                        int jobs, const EntrySelection& entries,
                                                                        const SitePageRenderer& wrap) {
    // One task per page, then one per chunk of entries (all) or per entry
    // (chosen): one pool, so no thread waits while another renders a long list.
    using Kind = EntrySelection::Kind;
    const size_t ledger_tasks = entries.kind == Kind::all      ? ledger_.chunks()
                                : entries.kind == Kind::chosen ? entries.figures.size()
                                                               : 0;
    const size_t source_tasks = entries.kind == Kind::all      ? sources_.chunks()
                                : entries.kind == Kind::chosen ? entries.sources.size()
                                                               : 0;
    const size_t n = pages_.size();
    std::vector<std::pair<std::string, std::string>> html(n);
    parallel_for(n + ledger_tasks + source_tasks, jobs, [&](size_t i, int worker) {
        const TemplateEngine& engine = engines[static_cast<size_t>(worker)];
        if (i < n) {
            auto make = [&] { return pages_[i].render(engine); };
            html[i] = {pages_[i].path, wrap ? wrap(pages_[i].path, make) : make()};
        } else if (i < n + ledger_tasks) {
            size_t k = i - n;
            if (entries.kind == Kind::all) ledger_.render_chunk(k, engine);
            else ledger_.entries()[entries.figures[k]] = ledger_.entry(entries.figures[k], engine);
        } else {
            size_t k = i - n - ledger_tasks;
            if (entries.kind == Kind::all) sources_.render_chunk(k, engine);
            else sources_.entries()[entries.sources[k]] = sources_.entry(entries.sources[k], engine);
        }
    });
    return html;
}

std::string SiteWideRender::ledger_page(const TemplateEngine& engine, bool keep) {
    return ledger_.page_within(engine, ledger_layout(engine, site_), keep);
}

std::string SiteWideRender::sources_page(const TemplateEngine& engine, bool keep) {
    return sources_.page_within(engine, sources_layout(engine, site_), keep);
}

}  // namespace sourced
