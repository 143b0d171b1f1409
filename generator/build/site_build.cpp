#include "site_build.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <set>

#include "content_checks.h"
#include "content_loader.h"
#include "incremental_plan.h"
#include "ledger_page.h"
#include "installation.h"
#include "figure_card.h"
#include "image_cache.h"
#include "markdown_document.h"
#include "chart_card.h"
#include "check_stage.h"
#include "page_build.h"
#include "parallel.h"
#include "reference_resolver.h"
#include "report_page.h"
#include "site_config.h"
#include "site_extras.h"
#include "site_output.h"
#include "site_pages.h"
#include "sources_page.h"
#include "site_state.h"
#include "site_views.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

namespace {

class StageTimer {
public:
    StageTimer(std::vector<StageTime>& times, BuildProgress* progress)
        : times_(times), progress_(progress), start_(Clock::now()) {}
    void next(const std::string& finished_stage) {
        auto now = Clock::now();
        times_.push_back({finished_stage, std::chrono::duration<double, std::milli>(now - start_).count()});
        if (progress_) progress_->stage_done(finished_stage, times_.back().milliseconds);
        start_ = now;
    }

private:
    using Clock = std::chrono::steady_clock;
    std::vector<StageTime>& times_;
    BuildProgress* progress_;
    Clock::time_point start_;
};

std::string parent_of(const std::string& dir) {
    std::string trimmed = dir;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    auto slash = trimmed.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : trimmed.substr(0, slash);
}

void load_assets(const FileSystem& files, const std::string& dir, OutputTree& tree) {
    for (const std::string& path : files.list(dir, "")) {
        std::string relative = path.substr(dir.size() + (dir.back() == '/' ? 0 : 1));
        if (auto bytes = files.read(path)) tree["assets/" + relative] = std::move(*bytes);
    }
}

// Where each stage's diagnostics start in the build's list, for keep_state.
struct DiagnosticMarks {
    size_t loaded = 0, checks_begin = 0, checks_end = 0, pages_begin = 0, charts_begin = 0, site_begin = 0, site_end = 0;
};

Diagnostics slice(const Diagnostics& all, size_t begin, size_t end) {
    Diagnostics part;
    for (size_t i = begin; i < end; ++i) part.add(all.all()[i]);
    return part;
}

// What serve's fast paths need from this good build (site_state.h).
void keep_state(SiteState& state, LoadedContent content, const BuildResult& result, const TemplateEngine& templates,
                std::vector<PageState> pages, UsageIndex usage, bool has_home, const DiagnosticMarks& at,
                const std::string& content_dir) {
    const Diagnostics& out = result.diagnostics;
    state.content = std::move(content);
    state.content.texts = result.texts;
    state.templates.emplace(templates);
    state.pages = std::move(pages);
    state.usage = std::move(usage);
    state.has_home = has_home;
    state.page_index.clear();
    for (size_t i = 0; i < state.content.pages.size(); ++i) state.page_index[normal_path(state.content.pages[i].path)] = i;
    state.registry_files = {normal_path(state.content.registry_path)};
    auto registry_text = state.content.texts.find(state.content.registry_path);
    if (registry_text != state.content.texts.end())
        if (std::string name = registry_sources_file(registry_text->second); !name.empty())
            state.registry_files.insert(normal_path(join_path(content_dir, name)));
    // Loading the registry files reported under their paths; the rest of the load stage under others.
    state.before_pages = Diagnostics();
    state.registry_load = Diagnostics();
    for (size_t i = 0; i < at.checks_begin; ++i) {
        const Diagnostic& d = out.all()[i];
        bool registry = i < at.loaded && state.registry_files.count(normal_path(d.path));
        (registry ? state.registry_load : state.before_pages).add(d);
    }
    for (size_t i = at.checks_end; i < at.pages_begin; ++i) state.before_pages.add(out.all()[i]);
    state.data_files.clear();
    for (const auto& entry : state.content.texts)
        if (!ends_with(entry.first, ".md")) state.data_files.insert(normal_path(entry.first));
    state.load_noted.clear();
    for (const Diagnostic& d : state.before_pages.all()) state.load_noted.insert(normal_path(d.path));
    state.registry_checks = slice(out, at.checks_begin, at.checks_end);
    state.chart_ids = slice(out, at.charts_begin, at.site_begin);
    state.site_checks = slice(out, at.site_begin, at.site_end);
    state.report = result.report;
    state.flagged_figures = result.flagged_figures;
    state.jobs = result.jobs;
    state.valid = true;
}

}  // namespace

std::string project_dir_for(const FileSystem& files, const std::string& content_dir, const std::string& name) {
    std::string beside = join_path(parent_of(content_dir), name);
    if (files.is_directory(beside)) return beside;
    return join_path(data_dir(), name);
}

BuildResult build_site(const BuildOptions& options, const FileSystem& files) {
    BuildResult result;
    Diagnostics& out = result.diagnostics;
    if (options.keep_state) options.keep_state->valid = false;  // until this build is good
    StageTimer timer(result.times, options.progress);

    // load
    DiagnosticMarks marks;
    LoadedContent content = load_content(files, options.content_dir, out, effective_jobs(options.jobs));
    marks.loaded = out.all().size();
    if (!options.base_url.empty())
        content.config.base_url = normalise_base_url(options.base_url, "--base-url", out);
    TemplateEngine templates;
    std::string templates_dir = options.templates_dir.empty() ? project_dir_for(files, options.content_dir, "templates")
                                                              : options.templates_dir;
    templates.load(files, templates_dir, out);
    OutputTree& tree = result.output;
    load_assets(files, options.assets_dir.empty() ? project_dir_for(files, options.content_dir, "assets") : options.assets_dir,
                tree);
    result.texts = std::move(content.texts);
    timer.next("load");

    // check, registry part: figure rules, quotes against snapshots, source
    // hygiene. It annotates the registry (stale, arithmetic, checked quotes)
    // that the cards render, so it runs before any page is rendered.
    marks.checks_begin = out.all().size();
    check_registry_content(content, result.texts, {options.snapshots_dir, options.today}, files, options.content_dir,
                           out, result.report);
    marks.checks_end = out.all().size();
    timer.next("check registry");
    std::unique_ptr<RenderPlan> plan;  // --incremental, serve: what to render again
    if (options.incremental)
        plan = std::make_unique<RenderPlan>(*options.incremental, content, result.texts, files, templates_dir, options.card_images);

    // With --out, every file goes to the staging directory as soon as it is
    // made (site_output.h), so the build holds one page at a time, not the site.
    // A build that already failed, or cannot replace --out (OUT001), keeps its
    // files in memory and goes on checking, so it reports every error.
    StagedSite staged;
    // An incremental build (--incremental) keeps the site in memory: its cache
    // records the bytes of every output (incremental_plan.h).
    bool streaming = options.write && !plan && !out.has_errors() && staged.open(options.out_dir, out);
    SiteOutput output(tree, streaming ? &staged : nullptr, options.keep_output || options.write);

    // parse, resolve, check the prose of and render each page on its own
    // thread: a page needs nothing from the others, and its cmark tree is
    // freed as soon as its HTML exists. Diagnostics are kept per page and
    // merged in page order, so the output is the same for any number of threads.
    const size_t n = content.pages.size();
    result.jobs = effective_jobs(options.jobs);
    register_markdown_extensions();
    std::vector<PageWork> work(n);
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    std::vector<TemplateEngine> thread_templates(static_cast<size_t>(result.jobs), templates);
    std::atomic<size_t> pages_done{0};
    marks.pages_begin = out.all().size();
    auto page_task = [&](size_t i, int worker) {
        Page& page = content.pages[i];
        PageWork& w = work[i];
        auto text = result.texts.find(page.path);
        PageInputs inputs{&content.registry, &site, text == result.texts.end() ? nullptr : &text->second};
        PageRenderer render_with;
        if (plan)
            render_with = [&](const std::function<std::string()>& render) {
                return plan->file(page_href(page.slug), plan->article_key(page, w.resolved), render);
            };
        build_page(page, inputs, thread_templates[static_cast<size_t>(worker)], w, render_with);
        if (output.streaming() && !w.diagnostics.has_errors())  // dropped with the staging dir if the build fails
            output.put(page_href(page.slug), std::move(w.html));
        if (options.progress) options.progress->page_done(++pages_done, n);
    };
    parallel_for(n, result.jobs, page_task);
    timer.next("pages");
    double sums[3] = {0, 0, 0};
    UsageIndex usage;
    std::vector<ChartCard> chart_cards;
    std::vector<PageState> page_states(options.keep_state ? n : 0);
    bool has_home = false;
    for (size_t i = 0; i < n; ++i) {
        PageWork& w = work[i];
        for (int k = 0; k < 3; ++k) sums[k] += w.ms[k];
        out.append(w.diagnostics);
        result.report.bare.insert(result.report.bare.end(), w.bare.begin(), w.bare.end());
        const Page& page = content.pages[i];
        if (options.keep_state) page_states[i] = {w.diagnostics, page_contribution(page.slug, page.meta.title, w.resolved, w.bare)};
        usage.add_page(page.slug, page.meta.title, w.resolved);
        for (ChartCard& card : chart_cards_on(page.slug, page.meta.title, page.path, w.resolved.charts))
            chart_cards.push_back(std::move(card));  // chart_card.h
    }
    marks.charts_begin = out.all().size();
    check_chart_card_ids(chart_cards, content.registry, out);
    const char* names[3] = {"parse", "resolve and check prose", "render"};
    for (int k = 0; k < 3; ++k) result.times.push_back({names[k], sums[k], true});
    timer.next("index");

    // check, site part: figures and sources nothing uses
    marks.site_begin = out.all().size();
    check_site(content, usage, out);
    marks.site_end = out.all().size();
    timer.next("check");
    result.pages = static_cast<int>(content.pages.size());
    result.sources = static_cast<int>(content.registry.sources.size());
    result.figures = static_cast<int>(content.registry.figures.size());
    for (const Figure& f : content.registry.figures) result.flagged_figures += is_flagged(f.status) ? 1 : 0;
    if (out.has_errors() || (options.strict && out.warning_count() > 0)) return result;

    // render: the pages made above, then the site-wide pages from the index
    for (size_t i = 0; i < n; ++i) {
        std::string href = page_href(content.pages[i].slug);
        has_home = has_home || href == "index.html";
        if (!output.streaming()) tree[href] = std::move(work[i].html);
    }
    work.clear();
    // The site-wide pages do not depend on each other: one task each.
    std::vector<SitePage> site_wide = site_pages(content, site, result.report, has_home);
    // One pool for the site-wide pages and the entries of the ledger and the
    // sources page (entry_list.h), so no thread waits while another renders a
    // long list. An incremental build renders a list only if its page's key
    // changed, unless serve keeps the entries (site_state.h).
    LedgerOptions cards{&content.config, options.card_images};
    LedgerRender ledger_entries(content.registry, usage, "../", cards);
    SourcesRender source_entries(content.registry, usage, "../");
    const bool keep_entries = options.keep_state != nullptr;
    const bool lists_in_pool = !plan || keep_entries;
    const size_t ledger_tasks = lists_in_pool ? ledger_entries.chunks() : 0;
    const size_t source_tasks = lists_in_pool ? source_entries.chunks() : 0;
    std::vector<std::string> site_html(site_wide.size());
    parallel_for(site_wide.size() + ledger_tasks + source_tasks, result.jobs, [&](size_t i, int worker) {
        const TemplateEngine& engine = thread_templates[static_cast<size_t>(worker)];
        if (i >= site_wide.size() + ledger_tasks)
            return source_entries.render_chunk(i - site_wide.size() - ledger_tasks, engine);
        if (i >= site_wide.size()) return ledger_entries.render_chunk(i - site_wide.size(), engine);
        auto render = [&] { return site_wide[i].render(engine); };
        site_html[i] = plan ? plan->file(site_wide[i].path, plan->site_page_key(site_wide[i].path, usage), render) : render();
    });
    for (size_t i = 0; i < site_wide.size(); ++i) tree[site_wide[i].path] = std::move(site_html[i]);
    // With --incremental a list's entries are rendered only if its page's key changed.
    TemplateEngine ledger_engine(templates), sources_engine(templates);  // the joins below may run beside the cards
    auto ledger = [&] {
        if (!lists_in_pool) ledger_entries.render_all(thread_templates);
        return ledger_entries.page_within(ledger_engine, ledger_layout(ledger_engine, site), keep_entries);
    };
    auto sources = [&] {
        if (!lists_in_pool) source_entries.render_all(thread_templates);
        return source_entries.page_within(sources_engine, sources_layout(sources_engine, site), keep_entries);
    };
    // A full build joins the two long pages (tens of MB, one thread's work)
    // and makes the search index on threads of their own while the cards render.
    std::future<void> lists_put;
    std::future<std::string> search_index;
    std::vector<std::string> search_list;  // its entries, kept for serve (site_state.h)
    auto make_search_index = [&] {
        search_list = search_entries(content);
        return search_index_js(search_list);
    };
    if (plan) {
        output.put(kLedgerPath, plan->file(kLedgerPath, plan->site_page_key(kLedgerPath, usage), ledger));
        output.put(kSourcesPath, plan->file(kSourcesPath, plan->site_page_key(kSourcesPath, usage), sources));
    } else {
        lists_put = std::async(std::launch::async, [&] {
            output.put(kLedgerPath, ledger());
            output.put(kSourcesPath, sources());
        });
        search_index = std::async(std::launch::async, make_search_index);
    }
    std::string image_cache_dir = options.image_cache_dir;
    if (image_cache_dir.empty() && options.write) image_cache_dir = default_image_cache_dir(options.content_dir);
    ImageCache image_cache(image_cache_dir);
    result.images = add_card_pages(output, thread_templates, plan ? plan->cards_to_render(tree) : content.registry,
                                   content.config, result.jobs, options.card_images ? &image_cache : nullptr,
                                   out);  // cards/<id>.*
    if (plan) plan->record_cards(tree);
    if (options.card_images) result.times.push_back({"images", result.images.milliseconds, true});
    if (lists_put.valid()) lists_put.get();
    add_chart_card_pages(output, templates, chart_cards, content.config);  // cards/chart-<id>.html, .embed.html, .svg
    // search index, robots.txt, sitemap.xml, feed.xml (site_extras.h)
    tree["assets/search-index.js"] = search_index.valid() ? search_index.get() : make_search_index();
    std::set<std::string> all_paths = output.paths();
    for (const auto& entry : tree) all_paths.insert(entry.first);
    std::vector<std::string> html_pages;
    for (const std::string& path : all_paths)
        if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0) html_pages.push_back(path);
    add_crawler_files(content, html_pages, tree);
    timer.next("render");

    // write: what is still in memory (assets, site-wide pages), then swap the site in
    result.written = output.sizes();
    for (const auto& entry : tree) result.written[entry.first] = entry.second.size();
    if (streaming) {
        std::vector<const OutputTree::value_type*> rest;
        for (const auto& entry : tree) rest.push_back(&entry);
        parallel_for(rest.size(), result.jobs, [&](size_t i, int) { staged.put(rest[i]->first, rest[i]->second); });
        tree.clear();
        if (!staged.commit(out)) return result;
    } else if (options.write && !out.has_errors() && !write_site(options.out_dir, tree, out, result.jobs)) {
        return result;
    }
    timer.next("write");
    result.ok = !out.has_errors();
    if (plan && result.ok) plan->commit(tree);
    if (options.keep_state && result.ok) {
        keep_state(*options.keep_state, std::move(content), result, templates, std::move(page_states), std::move(usage),
                   has_home, marks, options.content_dir);
        options.keep_state->ledger_entries = std::move(ledger_entries.entries());
        options.keep_state->source_entries = std::move(source_entries.entries());
        options.keep_state->search_entries = std::move(search_list);
        options.keep_state->prints = plan ? plan->prints() : registry_prints(options.keep_state->content.registry);
    }
    return result;
}

}  // namespace sourced
