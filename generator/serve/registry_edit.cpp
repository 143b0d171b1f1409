#include "registry_edit.h"

#include <atomic>
#include <chrono>

#include "chart_card.h"
#include "check_stage.h"
#include "content_checks.h"
#include "content_loader.h"
#include "figure_card.h"
#include "front_matter.h"
#include "image_cache.h"
#include "incremental_plan.h"
#include "page_build.h"
#include "parallel.h"
#include "site_extras.h"
#include "site_output.h"
#include "site_wide.h"

namespace sourced {

namespace {

// Whether the page uses one of `figures` or `sources`.
bool uses_any(const PageContribution& c, const std::set<std::string>& figures, const std::set<std::string>& sources) {
    for (const std::string& id : figures)
        if (c.usage.figures.count(id)) return true;
    for (const std::string& id : sources)
        if (c.usage.sources.count(id)) return true;
    return false;
}

// One page built again against the new registry, not yet part of the state.
struct Rebuilt {
    size_t index = 0;
    PageWork work;
    PageContribution contribution;
};

}  // namespace

std::optional<PageEdit> rebuild_after_registry_edit(SiteState& state, const FileSystem& files,
                                                    const BuildOptions& options) {
    if (!state.valid) return std::nullopt;
    auto started = std::chrono::steady_clock::now();
    LoadedContent& content = state.content;

    // load and check the registry again, beside the pages as they are
    Diagnostics load_diagnostics, check_diagnostics;
    std::map<std::string, std::string> texts;
    Registry next = load_registry_files(files, options.content_dir, content.registry_path, texts, load_diagnostics);
    if (load_diagnostics.has_errors()) return std::nullopt;
    if (next.figure_ids() != content.registry.figure_ids() || next.source_ids() != content.registry.source_ids())
        return std::nullopt;
    if (state.ledger_entries.size() != next.figures.size() || state.source_entries.size() != next.sources.size() ||
        state.search_entries.size() != content.pages.size() + next.figures.size() + next.sources.size())
        return std::nullopt;
    std::set<std::string> files_now;
    for (const auto& entry : texts) files_now.insert(normal_path(entry.first));
    if (files_now != state.registry_files) return std::nullopt;  // the registry names another sources file
    const RegistryPrints& before = state.prints;
    std::swap(content.registry, next);  // `next` is the previous registry until the edit is taken
    auto decline = [&] {
        std::swap(content.registry, next);
        return std::nullopt;
    };
    CheckReport report;
    check_registry_content(content, texts, options, files, options.content_dir,
                           check_diagnostics, report);
    if (check_diagnostics.has_errors()) return decline();
    RegistryPrints after = registry_prints(content.registry);
    std::set<std::string> figures, sources;
    for (const auto& [id, print] : after.figures)
        if (before.figures.at(id) != print) figures.insert(id);
    for (const auto& [id, print] : after.sources)
        if (before.sources.at(id) != print) sources.insert(id);

    // the pages that use a changed figure or source, from the text they were last built from
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    std::vector<Rebuilt> rebuilt;
    for (size_t i = 0; i < state.pages.size(); ++i)
        if (uses_any(state.pages[i].contribution, figures, sources)) rebuilt.push_back({i, {}, {}});
    std::vector<TemplateEngine> thread_templates(static_cast<size_t>(std::max(1, state.jobs)), *state.templates);
    std::atomic<bool> declined{false};
    parallel_for(rebuilt.size(), state.jobs, [&](size_t k, int worker) {
        Rebuilt& r = rebuilt[k];
        Page page = content.pages[r.index];
        const std::string& text = content.texts.at(page.path);
        page.body = split_front_matter(text).body;
        build_page(page, {&content.registry, &site, &text}, thread_templates[static_cast<size_t>(worker)], r.work);
        r.contribution = page_contribution(page.slug, page.meta.title, r.work.resolved, r.work.bare);
        if (r.work.diagnostics.has_errors() || !r.contribution.same_as(state.pages[r.index].contribution)) declined = true;
    });
    if (declined) return decline();
    std::map<size_t, const Diagnostics*> replaced;
    for (const Rebuilt& r : rebuilt) replaced[r.index] = &r.work.diagnostics;
    Diagnostics site_checks;
    check_site(content, state.usage, site_checks);  // a figure's evidence may name other sources now
    PageEdit edit;
    {
        std::swap(state.registry_load, load_diagnostics);
        std::swap(state.registry_checks, check_diagnostics);
        std::swap(state.site_checks, site_checks);
        edit.result.diagnostics = state.diagnostics(replaced);
        if (options.strict && edit.result.diagnostics.warning_count() > 0) {
            std::swap(state.registry_load, load_diagnostics);
            std::swap(state.registry_checks, check_diagnostics);
            std::swap(state.site_checks, site_checks);
            return decline();
        }
    }

    // From here on the edit is taken: the state becomes the new site's.
    for (auto& [path, text] : texts) content.texts[path] = std::move(text);
    OutputTree& changed = edit.changed;
    SiteOutput output(changed, nullptr);
    for (Rebuilt& r : rebuilt) {
        const Page& page = content.pages[r.index];
        add_chart_card_pages(output, thread_templates.front(),
                             chart_cards_on(page.slug, page.meta.title, page.path, r.work.resolved.charts), content.config);
        changed[page_href(page.slug)] = std::move(r.work.html);
        state.pages[r.index] = {std::move(r.work.diagnostics), std::move(r.contribution)};
    }
    state.report = report;
    state.gather_bare();
    state.prints = std::move(after);
    state.flagged_figures = 0;
    for (const Figure& f : content.registry.figures) state.flagged_figures += is_flagged(f.status) ? 1 : 0;

    // the changed figures' cards, and the pages made from the whole registry
    Registry cards;
    cards.sources = content.registry.sources;
    for (const Figure& f : content.registry.figures)
        if (figures.count(f.id)) cards.figures.push_back(f);
    cards.index();
    ImageCache image_cache(options.image_cache_dir);
    Diagnostics card_problems;
    edit.result.images = add_card_pages(output, thread_templates, cards, content.config, state.jobs,
                                        options.card_images ? &image_cache : nullptr, card_problems);
    if (card_problems.has_errors()) state.valid = false;  // e.g. a PNG could not be made: the next rebuild builds all
    edit.result.diagnostics.append(card_problems);
    // The ledger and sources page: only the entries of what changed are rendered again.
    std::set<std::string> sources_shown = sources;  // the sources whose entry lists a changed figure, before or after
    for (const Registry* registry : {&next, &content.registry})
        for (const Figure& f : registry->figures)
            if (figures.count(f.id))
                for (const Evidence& ev : f.evidence) sources_shown.insert(ev.source_id);
    SiteWideRender site_wide(content, site, state.report, state.has_home, state.usage, options.card_images);
    site_wide.ledger().entries().swap(state.ledger_entries);
    site_wide.sources().entries().swap(state.source_entries);
    EntrySelection entries{EntrySelection::Kind::chosen, {}, {}};
    for (size_t i = 0; i < content.registry.figures.size(); ++i)
        if (figures.count(content.registry.figures[i].id)) entries.figures.push_back(i);
    for (size_t i = 0; i < content.registry.sources.size(); ++i)
        if (sources_shown.count(content.registry.sources[i].id)) entries.sources.push_back(i);
    for (auto& [path, html] : site_wide.render(thread_templates, state.jobs, entries)) changed[path] = std::move(html);
    const TemplateEngine& engine = thread_templates.front();
    changed[kLedgerPath] = site_wide.ledger_page(engine, true);
    changed[kSourcesPath] = site_wide.sources_page(engine, true);
    site_wide.ledger().entries().swap(state.ledger_entries);
    site_wide.sources().entries().swap(state.source_entries);
    const size_t first_figure = content.pages.size(), first_source = first_figure + content.registry.figures.size();
    for (size_t i = 0; i < content.registry.figures.size(); ++i)
        if (figures.count(content.registry.figures[i].id))
            state.search_entries[first_figure + i] = search_entry(content.registry.figures[i]);
    for (size_t i = 0; i < content.registry.sources.size(); ++i)
        if (sources.count(content.registry.sources[i].id))
            state.search_entries[first_source + i] = search_entry(content.registry.sources[i]);
    changed["assets/search-index.js"] = search_index_js(state.search_entries);

    edit.pages = rebuilt.size();
    finish_edit(state, edit, "registry edit", started);
    return edit;
}

}  // namespace sourced
