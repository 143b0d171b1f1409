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
struct PageRebuilt {
    size_t index = 0;
    PageWork work;
    PageContribution contribution;
};

// The edited registry, loaded and checked, in place of the served one until
// the edit is taken or declined.
struct RegistryChange {
    Registry previous;                          // the served registry, swapped out
    std::map<std::string, std::string> texts;   // the registry files' new texts
    Diagnostics load, checks;
    CheckReport report;
    RegistryPrints after;
    std::set<std::string> figures, sources;     // ids whose prints changed
};

// Puts the served registry back: the edit is declined.
std::nullopt_t decline(SiteState& state, RegistryChange& change) {
    std::swap(state.content.registry, change.previous);
    return std::nullopt;
}

// Loads and checks the registry again, beside the pages as they are. Empty
// (and the state unchanged) unless the edit keeps every id and file.
std::optional<RegistryChange> load_changed_registry(SiteState& state, const FileSystem& files,
                                                    const BuildOptions& options) {
    LoadedContent& content = state.content;
    RegistryChange change;
    Registry next = load_registry_files(files, options.content_dir, content.registry_path, change.texts, change.load);
    if (change.load.has_errors()) return std::nullopt;
    if (next.figure_ids() != content.registry.figure_ids() || next.source_ids() != content.registry.source_ids())
        return std::nullopt;
    if (state.ledger_entries.size() != next.figures.size() || state.source_entries.size() != next.sources.size() ||
        state.search_entries.size() != content.pages.size() + next.figures.size() + next.sources.size())
        return std::nullopt;
    std::set<std::string> files_now;
    for (const auto& entry : change.texts) files_now.insert(normal_path(entry.first));
    if (files_now != state.registry_files) return std::nullopt;  // the registry names another sources file
    change.previous = std::move(next);
    std::swap(content.registry, change.previous);
    check_registry_content(content, change.texts, options, files, options.content_dir, change.checks, change.report);
    if (change.checks.has_errors()) return decline(state, change);
    change.after = registry_prints(content.registry, change.report.marks);
    for (const auto& [id, print] : change.after.figures)
        if (state.prints.figures.at(id) != print) change.figures.insert(id);
    for (const auto& [id, print] : change.after.sources)
        if (state.prints.sources.at(id) != print) change.sources.insert(id);
    return change;
}

// The pages that use a changed figure or source, built again from the text
// they were last built from. False if one of them now has errors or uses
// other figures, sources or charts (a full build then).
bool rebuild_pages(SiteState& state, const RegistryChange& change, std::vector<TemplateEngine>& engines,
                   std::vector<PageRebuilt>& rebuilt, const std::string& content_dir) {
    LoadedContent& content = state.content;
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    for (size_t i = 0; i < state.pages.size(); ++i)
        if (uses_any(state.pages[i].contribution, change.figures, change.sources)) rebuilt.push_back({i, {}, {}});
    std::atomic<bool> declined{false};
    parallel_for(rebuilt.size(), state.jobs, [&](size_t k, int worker) {
        PageRebuilt& r = rebuilt[k];
        Page page = content.pages[r.index];
        const std::string& text = content.texts.at(page.path);
        page.body = split_front_matter(text).body;
        build_page(page, {&content.registry, &change.report.marks, &site, &text, nullptr, content_dir},
                   engines[static_cast<size_t>(worker)], r.work);
        r.contribution = page_contribution(page.slug, page.meta.title, r.work.resolved, r.work.bare);
        if (r.work.diagnostics.has_errors() || !r.contribution.same_as(state.pages[r.index].contribution)) declined = true;
        else keep_link_diagnostics(state.pages[r.index].diagnostics, r.work.diagnostics);
    });
    return !declined;
}

// The site's diagnostics with the new registry's; false (and the state's
// diagnostics as they were) when --strict fails on a warning.
bool take_diagnostics(SiteState& state, RegistryChange& change, const std::vector<PageRebuilt>& rebuilt,
                      const BuildOptions& options, PageEdit& edit) {
    std::map<size_t, const Diagnostics*> replaced;
    for (const PageRebuilt& r : rebuilt) replaced[r.index] = &r.work.diagnostics;
    Diagnostics site_checks;
    check_site(state.content, state.usage, site_checks);  // a figure's evidence may name other sources now
    auto swap_all = [&] {
        std::swap(state.registry_load, change.load);
        std::swap(state.registry_checks, change.checks);
        std::swap(state.site_checks, site_checks);
    };
    swap_all();
    edit.result.diagnostics = state.diagnostics(replaced);
    if (options.strict && edit.result.diagnostics.warning_count() > 0) {
        swap_all();
        return false;
    }
    return true;
}

// The cards of the changed figures.
void render_changed_cards(SiteState& state, const RegistryChange& change, std::vector<TemplateEngine>& engines,
                          const BuildOptions& options, SiteOutput& output, PageEdit& edit) {
    const LoadedContent& content = state.content;
    const std::set<std::string>& figures = change.figures;
    Registry cards;
    cards.sources = content.registry.sources;
    for (const Figure& f : content.registry.figures)
        if (figures.count(f.id)) cards.figures.push_back(f);
    cards.index();
    ImageCache image_cache(options.image_cache_dir);
    Diagnostics card_problems;
    edit.result.images = add_card_pages(output, engines, cards, content.config, state.jobs,
                                        options.card_images ? &image_cache : nullptr, card_problems);
    if (card_problems.has_errors()) state.valid = false;  // e.g. a PNG could not be made: the next rebuild builds all
    edit.result.diagnostics.append(card_problems);
}

// The site-wide pages, and the ledger and sources entries of what changed
// (SiteWideRender, as a full build renders them), and the search index.
void render_site_wide(SiteState& state, const RegistryChange& change, std::vector<TemplateEngine>& engines,
                      const BuildOptions& options, OutputTree& changed) {
    const LoadedContent& content = state.content;
    const std::set<std::string>& figures = change.figures;
    const std::set<std::string>& sources = change.sources;
    const Registry& next = change.previous;
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
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
    for (auto& [path, html] : site_wide.render(engines, state.jobs, entries)) changed[path] = std::move(html);
    const TemplateEngine& engine = engines.front();
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

}

// The taken edit's files: the rebuilt pages and their chart cards, the
// changed figures' cards, the site-wide pages, the changed list entries and
// the search index; the state becomes the new site's.
void render_taken_edit(SiteState& state, RegistryChange& change, std::vector<PageRebuilt>& rebuilt,
                       std::vector<TemplateEngine>& engines, const BuildOptions& options, PageEdit& edit) {
    LoadedContent& content = state.content;
    for (auto& [path, text] : change.texts) content.texts[path] = std::move(text);
    OutputTree& changed = edit.changed;
    SiteOutput output(changed, nullptr);
    for (PageRebuilt& r : rebuilt) {
        const Page& page = content.pages[r.index];
        add_chart_card_pages(output, engines.front(),
                             chart_cards_on(page.slug, page.meta.title, page.path, r.work.resolved.charts), content.config);
        changed[page_href(page.slug)] = std::move(r.work.html);
        state.pages[r.index] = {std::move(r.work.diagnostics), std::move(r.contribution)};
    }
    state.report = change.report;
    state.gather_bare();
    state.prints = std::move(change.after);
    state.flagged_figures = 0;
    for (const Figure& f : content.registry.figures) state.flagged_figures += is_flagged(f.status) ? 1 : 0;
    render_changed_cards(state, change, engines, options, output, edit);
    render_site_wide(state, change, engines, options, changed);
}

}  // namespace

std::optional<PageEdit> rebuild_after_registry_edit(SiteState& state, const FileSystem& files,
                                                    const BuildOptions& options) {
    if (!state.valid) return std::nullopt;
    auto started = std::chrono::steady_clock::now();
    std::optional<RegistryChange> change = load_changed_registry(state, files, options);
    if (!change) return std::nullopt;
    std::vector<TemplateEngine> engines(static_cast<size_t>(std::max(1, state.jobs)), *state.templates);
    std::vector<PageRebuilt> rebuilt;
    PageEdit edit;
    if (!rebuild_pages(state, *change, engines, rebuilt, options.content_dir) || !take_diagnostics(state, *change, rebuilt, options, edit))
        return decline(state, *change);
    // From here on the edit is taken: the state becomes the new site's.
    render_taken_edit(state, *change, rebuilt, engines, options, edit);
    edit.pages = rebuilt.size();
    finish_edit(state, edit, "registry edit", started);
    return edit;
}

}  // namespace sourced
