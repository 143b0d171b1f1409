#include "site_build.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <set>

#include "chart_card.h"
#include "check_stage.h"
#include "content_checks.h"
#include "figure_card.h"
#include "image_cache.h"
#include "incremental_plan.h"
#include "link_checks.h"
#include "markdown_document.h"
#include "output_dir.h"
#include "page_build.h"
#include "page_images.h"
#include "parallel.h"
#include "site_extras.h"
#include "site_output.h"
#include "site_pages.h"
#include "site_state.h"
#include "site_views.h"
#include "site_wide.h"
#include "stop_request.h"
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

// The diagnostics of one build by the stage that reported them. The build's
// list is these in this order (BuildResult::diagnostics); serve keeps them
// apart (site_state.h).
struct StageDiagnostics {
    Diagnostics load;             // content, registry files, templates
    Diagnostics registry_checks;  // figure rules, quotes, source hygiene
    Diagnostics staging;          // opening --out for writing
    Diagnostics chart_ids;        // chart card ids
    Diagnostics site_checks;      // figures and sources nothing uses
};

// What the per-page stage and the index leave for the site-wide stages.
struct PagesDone {
    UsageIndex usage;
    std::vector<ChartCard> chart_cards;
    std::vector<PageState> states;  // for serve; empty otherwise
    bool has_home = false;
};

// One build's working state, passed from stage to stage.
struct SiteBuild {
    const BuildOptions& options;
    const FileSystem& files;
    BuildResult& result;
    StageDiagnostics diagnostics;
    Project project;  // the load stage's result
    std::unique_ptr<RenderPlan> plan;  // --incremental, serve: what to render again
    std::vector<TemplateEngine> engines;  // one per thread
    SiteContext site;

    // Runs the load stage (load_project).
    SiteBuild(const BuildOptions& o, const FileSystem& f, BuildResult& r)
        : options(o), files(f), result(r), project(load_project(o, f, diagnostics.load, effective_jobs(o.jobs))) {}
    Diagnostics& out() { return result.diagnostics; }
    LoadedContent& content() { return project.content; }
    // A stop was requested (Ctrl-C, SIGTERM): stop at the next safe point.
    bool stopping() const { return options.stop && options.stop->requested(); }
};

// The rest of the load stage, after load_project: the assets, the texts.
void load_stage(SiteBuild& b) {
    for (auto& [relative, bytes] : load_assets(b.files, b.project.assets_dir, b.diagnostics.load))
        b.result.output["assets/" + relative] = std::move(bytes);
    b.out().append(b.diagnostics.load);
    b.result.texts = std::move(b.content().texts);
}

// The registry part of the check stage: figure rules, quotes against
// snapshots, source hygiene. It annotates the registry (stale, arithmetic,
// checked quotes) that the cards render, so it runs before any page renders.
void check_registry_stage(SiteBuild& b) {
    check_registry_content(b.content(), b.result.texts, b.options, b.files, b.options.content_dir,
                           b.diagnostics.registry_checks, b.result.report);
    b.out().append(b.diagnostics.registry_checks);
    if (b.options.incremental)
        b.plan = std::make_unique<RenderPlan>(*b.options.incremental, b.content(), b.result.report.marks, b.result.texts, b.files,
                                              b.project.templates_dir, b.options.card_images);
}

// Parse, resolve, check the prose of and render each page on its own thread:
// a page needs nothing from the others, and its cmark tree is freed as soon
// as its HTML exists. Diagnostics are kept per page and merged in page order,
// so the output is the same for any number of threads.
std::vector<PageWork> pages_stage(SiteBuild& b, SiteOutput& output) {
    LoadedContent& content = b.content();
    const size_t n = content.pages.size();
    register_markdown_extensions();
    std::vector<PageWork> work(n);
    std::atomic<size_t> pages_done{0};
    parallel_for(n, b.result.jobs, [&](size_t i, int worker) {
        if (b.stopping()) return;  // the build returns after this stage
        Page& page = content.pages[i];
        PageWork& w = work[i];
        PageInputs inputs = page_inputs(page, content.registry, b.result.report.marks, b.site, b.result.texts);
        inputs.content_dir = b.options.content_dir;
        PageRenderer render_with;
        if (b.plan)
            render_with = [&](const std::function<std::string()>& render) {
                return b.plan->file(page_href(page.slug), b.plan->article_key(page, w.resolved), render);
            };
        build_page(page, inputs, b.engines[static_cast<size_t>(worker)], w, render_with);
        if (output.streaming() && !w.diagnostics.has_errors())  // dropped with the staging dir if the build fails
            output.put(page_href(page.slug), std::move(w.html));
        if (b.options.progress) b.options.progress->page_done(++pages_done, n);
    });
    return work;
}

// What a link can reach before anything site-wide is rendered (link_checks.h):
// the pages, the site-wide pages, the assets, the crawler files, the cards.
SiteTargets site_targets(SiteBuild& b, const std::vector<PageWork>& work) {
    const LoadedContent& content = b.content();
    SiteTargets site;
    site.registry = &content.registry;
    bool has_home = false;
    for (size_t i = 0; i < work.size(); ++i) {
        std::string href = page_href(content.pages[i].slug);
        has_home = has_home || href == "index.html";
        site.files.insert(href);
        for (const ChartUse& chart : work[i].resolved.charts) site.chart_cards.insert(chart.card_id);
    }
    for (const SitePage& page : site_pages(content, b.site, b.result.report, has_home)) site.files.insert(page.path);
    for (const char* path : {kLedgerPath, kSourcesPath, "assets/search-index.js", "robots.txt"}) site.files.insert(path);
    if (!content.config.base_url.empty()) site.files.insert({"sitemap.xml", "feed.xml"});
    for (const auto& entry : b.result.output) site.files.insert(entry.first);  // assets/
    return site;
}

// Links and images: each page's images read into the site (page_images.h),
// then its local links checked against the site (link_checks.h); both
// reported with the page's own diagnostics.
void links_stage(SiteBuild& b, std::vector<PageWork>& work) {
    const LoadedContent& content = b.content();
    SiteTargets site = site_targets(b, work);
    std::map<std::string, std::string> images;
    auto generated = [&site](const std::string& path) { return site.has_file(path); };
    for (size_t i = 0; i < work.size(); ++i)
        load_page_images(b.files, b.options.content_dir, content.pages[i].path, work[i].resolved.local_links, generated,
                         images, work[i].diagnostics);
    std::set<std::string> with_fragments;  // only the pages a fragment points into need their ids
    for (size_t i = 0; i < work.size(); ++i)
        for (const LocalLink& link : work[i].resolved.local_links)
            if (!link.fragment.empty()) with_fragments.insert(link.target.empty() ? page_href(content.pages[i].slug) : link.target);
    for (size_t i = 0; i < work.size(); ++i)
        if (std::string href = page_href(content.pages[i].slug); with_fragments.count(href))
            site.ids[href] = article_ids(work[i].resolved);
    for (auto& [path, bytes] : images) {
        site.files.insert(path);
        b.result.output[path] = std::move(bytes);
    }
    for (size_t i = 0; i < work.size(); ++i)
        check_local_links(content.pages[i].path, page_href(content.pages[i].slug), work[i].resolved.local_links, site,
                          work[i].diagnostics);
}

// The index: every page's uses and chart cards, in page order.
PagesDone index_stage(SiteBuild& b, std::vector<PageWork>& work) {
    PagesDone done;
    links_stage(b, work);
    double sums[3] = {0, 0, 0};
    if (b.options.keep_state) done.states.resize(work.size());
    for (size_t i = 0; i < work.size(); ++i) {
        PageWork& w = work[i];
        for (int k = 0; k < 3; ++k) sums[k] += w.ms[k];
        b.out().append(w.diagnostics);
        b.result.report.bare.insert(b.result.report.bare.end(), w.bare.begin(), w.bare.end());
        const Page& page = b.content().pages[i];
        if (b.options.keep_state)
            done.states[i] = {w.diagnostics, page_contribution(page.slug, page.meta.title, w.resolved, w.bare)};
        done.usage.add_page(page.slug, page.meta.title, w.resolved);
        for (ChartCard& card : chart_cards_on(page.slug, page.meta.title, page.path, w.resolved.charts))
            done.chart_cards.push_back(std::move(card));  // chart_card.h
    }
    check_chart_card_ids(done.chart_cards, b.content().registry, b.diagnostics.chart_ids);
    b.out().append(b.diagnostics.chart_ids);
    const char* names[3] = {"parse", "resolve and check prose", "render"};
    for (int k = 0; k < 3; ++k) b.result.times.push_back({names[k], sums[k], true});
    return done;
}

// The site part of the check stage (figures and sources nothing uses), and
// the counts of the summary.
void check_site_stage(SiteBuild& b, const PagesDone& done) {
    check_site(b.content(), done.usage, b.diagnostics.site_checks);
    b.out().append(b.diagnostics.site_checks);
    const Registry& registry = b.content().registry;
    b.result.pages = static_cast<int>(b.content().pages.size());
    b.result.sources = static_cast<int>(registry.sources.size());
    b.result.figures = static_cast<int>(registry.figures.size());
    for (const Figure& f : registry.figures) b.result.flagged_figures += is_flagged(f.status) ? 1 : 0;
}

// What the render stage leaves for serve (site_state.h).
struct Rendered {
    std::vector<std::string> ledger_entries, source_entries, search_entries;
};

// Render: the pages made above, then the site-wide pages, the lists, the
// cards, the search index and the crawler files.
Rendered render_stage(SiteBuild& b, SiteOutput& output, std::vector<PageWork>& work, PagesDone& done) {
    LoadedContent& content = b.content();
    OutputTree& tree = b.result.output;
    RenderPlan* plan = b.plan.get();
    for (size_t i = 0; i < work.size(); ++i) {
        std::string href = page_href(content.pages[i].slug);
        done.has_home = done.has_home || href == "index.html";
        if (!output.streaming()) tree[href] = std::move(work[i].html);
    }
    work.clear();
    // An incremental build renders a list only if its page's key changed,
    // unless serve keeps the entries (site_state.h).
    const bool keep_entries = b.options.keep_state != nullptr;
    const bool lists_in_pool = !plan || keep_entries;
    SiteWideRender site_wide(content, b.site, b.result.report, done.has_home, done.usage, b.options.card_images);
    SitePageRenderer wrap;
    if (plan)
        wrap = [&](const std::string& path, const std::function<std::string()>& render) {
            return plan->file(path, plan->site_page_key(path, done.usage), render);
        };
    for (auto& [path, html] : site_wide.render(b.engines, b.result.jobs,
                                               lists_in_pool ? EntrySelection::every() : EntrySelection::nothing(), wrap))
        tree[path] = std::move(html);
    TemplateEngine ledger_engine(b.project.templates), sources_engine(b.project.templates);  // beside the cards
    auto ledger = [&] {
        if (!lists_in_pool) site_wide.ledger().render_all(b.engines);
        return site_wide.ledger_page(ledger_engine, keep_entries);
    };
    auto sources = [&] {
        if (!lists_in_pool) site_wide.sources().render_all(b.engines);
        return site_wide.sources_page(sources_engine, keep_entries);
    };
    // A full build joins the two long pages (tens of MB, one thread's work)
    // and makes the search index on threads of their own while the cards render.
    Rendered kept;
    std::future<void> lists_put;
    std::future<std::string> search_index;
    auto make_search_index = [&] {
        kept.search_entries = search_entries(content);
        return search_index_js(kept.search_entries);
    };
    if (plan) {
        output.put(kLedgerPath, wrap(kLedgerPath, ledger));
        output.put(kSourcesPath, wrap(kSourcesPath, sources));
    } else {
        lists_put = std::async(std::launch::async, [&] {
            output.put(kLedgerPath, ledger());
            output.put(kSourcesPath, sources());
        });
        search_index = std::async(std::launch::async, make_search_index);
    }
    std::string image_cache_dir = b.options.image_cache_dir;
    if (image_cache_dir.empty() && b.options.write) image_cache_dir = default_image_cache_dir(b.options.content_dir);
    ImageCache image_cache(image_cache_dir);
    b.result.images = add_card_pages(output, b.engines, plan ? plan->cards_to_render(tree) : content.registry,
                                     content.config, b.result.jobs, b.options.card_images ? &image_cache : nullptr,
                                     b.out());  // cards/<id>.*
    if (plan) plan->record_cards(tree);
    if (b.options.card_images) b.result.times.push_back({"images", b.result.images.milliseconds, true});
    if (lists_put.valid()) lists_put.get();
    add_chart_card_pages(output, b.project.templates, done.chart_cards, content.config);  // cards/chart-<id>.*
    // search index, robots.txt, sitemap.xml, feed.xml (site_extras.h)
    tree["assets/search-index.js"] = search_index.valid() ? search_index.get() : make_search_index();
    std::set<std::string> all_paths = output.paths();
    for (const auto& entry : tree) all_paths.insert(entry.first);
    std::vector<std::string> html_pages;
    for (const std::string& path : all_paths)
        if (ends_with(path, ".html")) html_pages.push_back(path);
    add_crawler_files(content, html_pages, tree);
    kept.ledger_entries = std::move(site_wide.ledger().entries());
    kept.source_entries = std::move(site_wide.sources().entries());
    return kept;
}

// Write: what is still in memory (assets, site-wide pages), then swap the site in.
bool write_stage(SiteBuild& b, SiteOutput& output, StagedSite& staged, bool streaming) {
    OutputTree& tree = b.result.output;
    b.result.written = output.sizes();
    for (const auto& entry : tree) b.result.written[entry.first] = entry.second.size();
    if (streaming) {
        std::vector<const OutputTree::value_type*> rest;
        for (const auto& entry : tree) rest.push_back(&entry);
        parallel_for(rest.size(), b.result.jobs, [&](size_t i, int) {
            if (!b.stopping()) staged.put(rest[i]->first, rest[i]->second);
        });
        tree.clear();
        if (b.stopping()) return false;  // the last point to stop: from here the commit runs to its end
        bool committed = staged.commit(b.out());
        b.result.site_partly_updated = staged.partly_updated();
        return committed;
    }
    return !(b.options.write && !b.out().has_errors() &&
             !write_site(b.options.out_dir, tree, b.out(), b.result.jobs, &b.result.site_partly_updated, b.options.stop));
}

// What serve's fast paths need from this good build (site_state.h).
void keep_state(SiteBuild& b, PagesDone& done, Rendered& rendered) {
    SiteState& state = *b.options.keep_state;
    state.content = std::move(b.project.content);
    state.content.texts = b.result.texts;
    state.templates.emplace(b.project.templates);
    state.pages = std::move(done.states);
    state.usage = std::move(done.usage);
    state.has_home = done.has_home;
    state.page_index.clear();
    for (size_t i = 0; i < state.content.pages.size(); ++i) state.page_index[normal_path(state.content.pages[i].path)] = i;
    state.registry_files = {normal_path(state.content.registry_path)};
    auto registry_text = state.content.texts.find(state.content.registry_path);
    if (registry_text != state.content.texts.end())
        if (std::string name = registry_sources_file(registry_text->second); !name.empty())
            state.registry_files.insert(normal_path(join_path(b.options.content_dir, name)));
    // Loading the registry files reported under their paths; the rest of the load stage under others.
    state.before_pages = Diagnostics();
    state.registry_load = Diagnostics();
    for (const Diagnostic& d : b.diagnostics.load.all())
        (state.registry_files.count(normal_path(d.path)) ? state.registry_load : state.before_pages).add(d);
    state.before_pages.append(b.diagnostics.staging);
    state.data_files.clear();
    for (const auto& entry : state.content.texts)
        if (!ends_with(entry.first, ".md")) state.data_files.insert(normal_path(entry.first));
    state.load_noted.clear();
    for (const Diagnostic& d : state.before_pages.all()) state.load_noted.insert(normal_path(d.path));
    state.registry_checks = std::move(b.diagnostics.registry_checks);
    state.chart_ids = std::move(b.diagnostics.chart_ids);
    state.site_checks = std::move(b.diagnostics.site_checks);
    state.report = b.result.report;
    state.flagged_figures = b.result.flagged_figures;
    state.jobs = b.result.jobs;
    state.ledger_entries = std::move(rendered.ledger_entries);
    state.source_entries = std::move(rendered.source_entries);
    state.search_entries = std::move(rendered.search_entries);
    state.prints = b.plan ? b.plan->prints() : registry_prints(state.content.registry, state.report.marks);
    state.valid = true;
}

}  // namespace

BuildResult build_site(const BuildOptions& options, const FileSystem& files) {
    BuildResult result;
    if (options.keep_state) options.keep_state->valid = false;  // until this build is good
    StageTimer timer(result.times, options.progress);
    SiteBuild b(options, files, result);
    // Between stages: a stop request ends the build here, before its commit.
    // The staging directory goes with `staged`, the lock with it.
    auto stop_here = [&] {
        if (!b.stopping()) return false;
        result.interrupted = options.stop->signal();
        return true;
    };
    load_stage(b);
    timer.next("load");
    if (stop_here()) return result;
    // A file that did not load (malformed JSON, a registry entry that could not
    // be read, a page without front matter) would make every later stage
    // report what follows from it: each page's figures unknown against an empty
    // registry, a figure of value 0. The load stage's errors, all of them, are
    // the whole report, as a compiler stops after its parse errors.
    if (b.out().has_errors()) {
        result.pages = static_cast<int>(b.content().pages.size());
        return result;
    }
    check_registry_stage(b);
    timer.next("check registry");
    if (stop_here()) return result;

    // --out must not overlap an input directory (OUT007), checked before
    // anything is locked or written.
    if (options.write)
        check_output_dir(options.out_dir,
                         {{"content", options.content_dir},
                          {"templates", b.project.templates_dir},
                          {"assets", b.project.assets_dir},
                          {"snapshots", options.snapshots_dir}},
                         b.diagnostics.staging);

    // With --out, every file goes to the staging directory as soon as it is
    // made (site_output.h), so the build holds one page at a time, not the site.
    // A build that already failed, or cannot replace --out (OUT001), keeps its
    // files in memory and goes on checking, so it reports every error. An
    // incremental build keeps the site in memory: its cache records the bytes
    // of every output (incremental_plan.h).
    StagedSite staged;
    bool streaming = options.write && !b.plan && !b.out().has_errors() && !b.diagnostics.staging.has_errors() &&
                     staged.open(options.out_dir, b.diagnostics.staging, options.stop);
    b.out().append(b.diagnostics.staging);
    if (stop_here()) return result;
    SiteOutput output(result.output, streaming ? &staged : nullptr, options.keep_output || options.write, options.stop);
    result.jobs = effective_jobs(options.jobs);
    b.site = SiteContext{&b.content().config, &b.content().pages, SOURCED_VERSION};
    b.engines = std::vector<TemplateEngine>(static_cast<size_t>(result.jobs), b.project.templates);
    std::vector<PageWork> work = pages_stage(b, output);
    timer.next("pages");
    if (stop_here()) return result;
    PagesDone done = index_stage(b, work);
    timer.next("index");
    check_site_stage(b, done);
    timer.next("check");
    if (stop_here()) return result;
    if (b.out().has_errors() || (options.strict && b.out().warning_count() > 0)) return result;

    Rendered rendered = render_stage(b, output, work, done);
    timer.next("render");
    if (stop_here()) return result;
    if (!write_stage(b, output, staged, streaming)) {
        if (!b.out().has_errors()) stop_here();  // it stopped before the commit: no error, the site as it was
        return result;
    }
    timer.next("write");
    result.ok = !b.out().has_errors();
    if (b.plan && result.ok) b.plan->commit(result.output);
    if (options.keep_state && result.ok) keep_state(b, done, rendered);
    return result;
}

}  // namespace sourced
