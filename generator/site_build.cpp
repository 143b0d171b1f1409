#include "site_build.h"

#include <chrono>
#include <memory>

#include "content_checks.h"
#include "content_loader.h"
#include "figure_card.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "reference_resolver.h"
#include "site_config.h"
#include "site_views.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

namespace {

class StageTimer {
public:
    explicit StageTimer(std::vector<StageTime>& times) : times_(times), start_(Clock::now()) {}
    void next(const std::string& finished_stage) {
        auto now = Clock::now();
        times_.push_back({finished_stage, std::chrono::duration<double, std::milli>(now - start_).count()});
        start_ = now;
    }

private:
    using Clock = std::chrono::steady_clock;
    std::vector<StageTime>& times_;
    Clock::time_point start_;
};

struct PageWork {
    const Page* page = nullptr;
    std::unique_ptr<MarkdownDocument> document;
    ResolvedPage resolved;
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

std::string wrap(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                 const std::string& description, const std::string& root, const std::string& href,
                 const std::string& inner_template, const nlohmann::json& inner_view) {
    std::string content = templates.render(inner_template, inner_view);
    return templates.render("layout", layout_view(site, title, description, root, href, content));
}

}  // namespace

std::string project_dir_for(const FileSystem& files, const std::string& content_dir, const std::string& name) {
    std::string beside = join_path(parent_of(content_dir), name);
    if (files.is_directory(beside)) return beside;
    return join_path(SOURCED_DATA_DIR, name);
}

BuildResult build_site(const BuildOptions& options, const FileSystem& files) {
    BuildResult result;
    Diagnostics& out = result.diagnostics;
    StageTimer timer(result.times);

    // load
    LoadedContent content = load_content(files, options.content_dir, out);
    if (!options.base_url.empty())
        content.config.base_url = normalise_base_url(options.base_url, "--base-url", out);
    TemplateEngine templates;
    templates.load(files, options.templates_dir.empty() ? project_dir_for(files, options.content_dir, "templates")
                                                        : options.templates_dir,
                   out);
    OutputTree& tree = result.output;
    load_assets(files, options.assets_dir.empty() ? project_dir_for(files, options.content_dir, "assets") : options.assets_dir,
                tree);
    result.texts = content.texts;
    timer.next("load");

    // parse
    std::vector<PageWork> work;
    work.reserve(content.pages.size());
    for (const Page& page : content.pages)
        work.push_back({&page, std::make_unique<MarkdownDocument>(page.body, page.body_line), {}});
    timer.next("parse");

    // resolve
    UsageIndex usage;
    for (PageWork& w : work) {
        w.resolved = resolve_references(w.page->path, *w.document, content.registry, out);
        usage.add_page(w.page->slug, w.page->meta.title, w.resolved);
    }
    timer.next("resolve");

    // check
    check_site(content, usage, out);
    timer.next("check");
    result.pages = static_cast<int>(content.pages.size());
    result.sources = static_cast<int>(content.registry.sources.size());
    result.figures = static_cast<int>(content.registry.figures.size());
    for (const Figure& f : content.registry.figures) result.flagged_figures += is_flagged(f.status) ? 1 : 0;
    if (out.has_errors() || (options.strict && out.warning_count() > 0)) return result;

    // render
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    bool has_home = false;
    for (PageWork& w : work) {
        const Page& page = *w.page;
        std::string href = page_href(page.slug);
        has_home = has_home || href == "index.html";
        std::string body = render_page_body(*w.document, w.resolved, content.registry, "");
        tree[href] = wrap(templates, site, page.meta.title, page.meta.summary, "", href, "article",
                          article_view(page, w.resolved, body, content.registry));
    }
    if (!has_home)
        tree["index.html"] = wrap(templates, site, content.config.title, content.config.description, "", "index.html",
                                  "home", home_view(site, content.registry));
    nlohmann::json ledger = ledger_view(content.registry, usage);
    add_card_fields(ledger, content.registry, content.config);  // embed snippets on each entry
    tree["figures/index.html"] = wrap(templates, site, "Figure ledger", "Every figure on this site, its status and its evidence.",
                                      "../", "figures/index.html", "figures", ledger);
    add_card_pages(tree, templates, content.registry, content.config, out);  // cards/<id>.html, .embed.html, .oembed.json
    tree["sources/index.html"] = wrap(templates, site, "Sources", "Every source this site cites and the figures that rest on it.",
                                      "../", "sources/index.html", "sources", sources_view(content.registry, usage));
    tree["legend.html"] = wrap(templates, site, "How figures are rated", "What each figure status means.", "", "legend.html",
                               "legend", legend_view(content.registry));
    timer.next("render");

    // write
    if (options.write && !write_site(options.out_dir, tree, out)) return result;
    timer.next("write");
    result.ok = !out.has_errors();
    return result;
}

}  // namespace sourced
