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
#include "input_limits.h"
#include "ledger_page.h"
#include "installation.h"
#include "figure_card.h"
#include "image_cache.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "chart_card.h"
#include "check_stage.h"
#include "pandoc_citations.h"
#include "parallel.h"
#include "reference_resolver.h"
#include "report_page.h"
#include "structured_data.h"
#include "site_config.h"
#include "site_extras.h"
#include "site_output.h"
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

// One page's results, filled by whichever thread takes the page.
struct PageWork {
    ResolvedPage resolved;
    Diagnostics diagnostics;
    std::vector<BareFigure> bare;  // SRC001 findings, for the report page
    std::string html;
    double ms[3] = {0, 0, 0};  // parse, resolve, render
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

// The layout around `content_html`, spliced in rather than copied through the
// view (TemplateEngine::render_around): the ledger is tens of megabytes.
std::string wrap_html(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                      const std::string& description, const std::string& root, const std::string& href,
                      const std::string& content_html) {
    return templates.render_around("layout", layout_view(site, title, description, root, href, ""), "content",
                                   content_html);
}

std::string wrap(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                 const std::string& description, const std::string& root, const std::string& href,
                 const std::string& inner_template, const nlohmann::json& inner_view) {
    return wrap_html(templates, site, title, description, root, href, templates.render(inner_template, inner_view));
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
    StageTimer timer(result.times, options.progress);

    // load
    LoadedContent content = load_content(files, options.content_dir, out, effective_jobs(options.jobs));
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
    check_registry_content(content, result.texts, {options.snapshots_dir, options.today}, files, options.content_dir,
                           out, result.report);
    timer.next("check registry");
    std::unique_ptr<RenderPlan> plan;  // --incremental, serve: what to render again
    if (options.incremental)
        plan = std::make_unique<RenderPlan>(*options.incremental, content, result.texts, files, templates_dir, options);

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
    auto page_task = [&](size_t i, int worker) {
        using Clock = std::chrono::steady_clock;
        PageWork& w = work[i];
        Page& page = content.pages[i];
        auto t0 = Clock::now();
        MarkdownDocument document(page.body, page.body_line);
        std::string().swap(page.body);  // the tree has it now; result.texts keeps the file for diagnostics
        rewrite_pandoc_citations(document, content.registry);  // [@key] -> cite: links
        auto t1 = Clock::now();
        check_parse_time(page.path, std::chrono::duration<double>(t1 - t0).count(), w.diagnostics);
        w.resolved = resolve_references(page.path, document, content.registry, w.diagnostics);
        for (size_t k = 0; k < w.resolved.charts.size(); ++k)
            w.resolved.charts[k].card_id = chart_card_id(w.resolved.charts[k].chart.spec, page.slug, k + 1);
        auto text = result.texts.find(page.path);
        check_page_prose(page.path, document, w.resolved, text == result.texts.end() ? "" : text->second, w.bare,
                         w.diagnostics);
        auto t2 = Clock::now();
        if (!w.diagnostics.has_errors()) {
            std::string href = page_href(page.slug);
            auto render = [&] {
                std::string body = render_page_body(document, w.resolved, content.registry, "");
                std::string html = wrap(thread_templates[static_cast<size_t>(worker)], site, page.meta.title,
                                        page.meta.summary, "", href, "article",
                                        article_view(page, w.resolved, body, content.registry, ""));
                return with_head_html(html, json_ld_script(article_json_ld(page, w.resolved, content.registry,
                                                                          content.config, href)));
            };
            w.html = plan ? plan->file(href, plan->article_key(page, w.resolved), render) : render();
            if (output.streaming()) output.put(href, std::move(w.html));  // dropped with the staging dir if the build fails
        }
        for (auto& use : w.resolved.figures) use.link = nullptr;  // the tree dies with `document`
        for (auto& use : w.resolved.citations) use.link = nullptr;
        for (auto& chart : w.resolved.charts) chart.block = nullptr;
        for (auto& heading : w.resolved.headings) heading.node = nullptr;
        w.resolved.bare_marks.clear();
        auto t3 = Clock::now();
        w.ms[0] = std::chrono::duration<double, std::milli>(t1 - t0).count();
        w.ms[1] = std::chrono::duration<double, std::milli>(t2 - t1).count();
        w.ms[2] = std::chrono::duration<double, std::milli>(t3 - t2).count();
        if (options.progress) options.progress->page_done(++pages_done, n);
    };
    parallel_for(n, result.jobs, page_task);
    timer.next("pages");
    double sums[3] = {0, 0, 0};
    UsageIndex usage;
    std::vector<ChartCard> chart_cards;
    bool has_home = false;
    for (size_t i = 0; i < n; ++i) {
        PageWork& w = work[i];
        for (int k = 0; k < 3; ++k) sums[k] += w.ms[k];
        out.append(w.diagnostics);
        result.report.bare.insert(result.report.bare.end(), w.bare.begin(), w.bare.end());
        usage.add_page(content.pages[i].slug, content.pages[i].meta.title, w.resolved);
        for (size_t k = 0; k < w.resolved.charts.size(); ++k)  // chart cards (chart_card.h)
            chart_cards.push_back({w.resolved.charts[k].card_id,
                                   content.pages[i].slug, content.pages[i].meta.title, content.pages[i].path,
                                   w.resolved.charts[k].chart});
    }
    check_chart_card_ids(chart_cards, content.registry, out);
    const char* names[3] = {"parse", "resolve and check prose", "render"};
    for (int k = 0; k < 3; ++k) result.times.push_back({names[k], sums[k], true});
    timer.next("index");

    // check, site part: figures and sources nothing uses
    check_site(content, usage, out);
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
    std::vector<std::pair<std::string, std::function<std::string(const TemplateEngine&)>>> site_pages;
    if (!has_home)
        site_pages.push_back({"index.html", [&](const TemplateEngine& t) {
                                  return wrap(t, site, content.config.title, content.config.description, "", "index.html",
                                              "home", home_view(site, content.registry));
                              }});
    site_pages.push_back({"sources/index.html", [&](const TemplateEngine& t) {
                              return wrap(t, site, "Sources", "Every source this site cites and the figures that rest on it.",
                                          "../", "sources/index.html", "sources", sources_view(content.registry, usage, "../"));
                          }});
    site_pages.push_back({"figures/report.html", [&](const TemplateEngine& t) {
                              return t.render("layout", layout_view(site, "Build report", "What the checks found in this build.",
                                                                    "../", "figures/report.html",
                                                                    report_page_html(content.registry, result.report, "../")));
                          }});
    site_pages.push_back({"legend.html", [&](const TemplateEngine& t) {
                              return wrap(t, site, "How figures are rated", "What each figure status means.", "",
                                          "legend.html", "legend", legend_view(content.registry));
                          }});
    site_pages.push_back({"search.html", [&](const TemplateEngine& t) {
                              return wrap(t, site, "Search", "Search the pages, figures and sources.", "", "search.html",
                                          "search", nlohmann::json::object());
                          }});
    std::string absolute_root = content.config.base_url;  // a 404 page is served at any depth
    site_pages.push_back({"404.html", [&](const TemplateEngine& t) {
                              return wrap(t, site, "Page not found", "", absolute_root, "404.html", "not_found",
                                          {{"root", absolute_root}});
                          }});
    // One pool for the site-wide pages and, in a full build, the ledger's
    // entries (ledger_page.h), so no thread waits while another renders the
    // sources page. An incremental build renders the ledger only if its key changed.
    const std::string ledger_path = "figures/index.html";
    LedgerOptions cards{&content.config, options.card_images};
    LedgerRender ledger_entries(content.registry, usage, "../", cards);
    const size_t ledger_tasks = plan ? 0 : ledger_entries.chunks();
    std::vector<std::string> site_html(site_pages.size());
    parallel_for(site_pages.size() + ledger_tasks, result.jobs, [&](size_t i, int worker) {
        const TemplateEngine& engine = thread_templates[static_cast<size_t>(worker)];
        if (i >= site_pages.size()) return ledger_entries.render_chunk(i - site_pages.size(), engine);
        auto render = [&] { return site_pages[i].second(engine); };
        site_html[i] = plan ? plan->file(site_pages[i].first, plan->site_page_key(site_pages[i].first, usage), render) : render();
    });
    for (size_t i = 0; i < site_pages.size(); ++i) tree[site_pages[i].first] = std::move(site_html[i]);
    auto ledger = [&] {
        auto in_layout = [&](const std::string& html) {
            return wrap_html(templates, site, "Figure ledger", "Every figure on this site, its status and its evidence.",
                             "../", ledger_path, html);
        };
        return plan ? in_layout(render_ledger(thread_templates, content.registry, usage, "../", cards))
                    : ledger_entries.page(templates, in_layout);  // entries copied once (ledger_page.h)
    };
    // A full build joins the ledger page (tens of MB, one thread's work) and
    // makes the search index on threads of their own while the cards render.
    std::future<void> ledger_put;
    std::future<std::string> search_index;
    if (plan) {
        output.put(ledger_path, plan->file(ledger_path, plan->site_page_key(ledger_path, usage), ledger));
    } else {
        ledger_put = std::async(std::launch::async, [&] { output.put(ledger_path, ledger()); });
        search_index = std::async(std::launch::async, [&] { return search_index_js(content); });
    }
    std::string image_cache_dir = options.image_cache_dir;
    if (image_cache_dir.empty() && options.write) image_cache_dir = default_image_cache_dir(options.content_dir);
    ImageCache image_cache(image_cache_dir);
    result.images = add_card_pages(output, thread_templates, plan ? plan->cards_to_render(tree) : content.registry,
                                   content.config, result.jobs, options.card_images ? &image_cache : nullptr,
                                   out);  // cards/<id>.*
    if (plan) plan->record_cards(tree);
    if (options.card_images) result.times.push_back({"images", result.images.milliseconds, true});
    if (ledger_put.valid()) ledger_put.get();  // before `templates` is used again
    add_chart_card_pages(output, templates, chart_cards, content.config);  // cards/chart-<id>.html, .embed.html, .svg
    // search index, robots.txt, sitemap.xml, feed.xml (site_extras.h)
    tree["assets/search-index.js"] = search_index.valid() ? search_index.get() : search_index_js(content);
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
    return result;
}

}  // namespace sourced
