#include "report_build.h"

#include <cmark-gfm.h>

#include <map>
#include <memory>
#include <set>

#include "content_checks.h"
#include "content_loader.h"
#include "page_build.h"
#include "project.h"
#include "check_stage.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "reference_resolver.h"
#include "ledger_page.h"
#include "sources_page.h"
#include "site_views.h"
#include "suggestion.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

using nlohmann::json;

namespace {

struct ReportPage {
    const Page* page = nullptr;
    std::unique_ptr<MarkdownDocument> document;
    ResolvedPage resolved;
};

// Rewrites links the author wrote between pages ("ascend.html#yield",
// "figures/index.html#fig-x", "legend.html") to anchors in the one file.
void rewrite_internal_links(const ReportPage& rp, const std::set<std::string>& included,
                            const std::set<std::string>& all_slugs, Diagnostics& out) {
    cmark_iter* iter = cmark_iter_new(rp.document->root());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_LINK) continue;
        std::string url = cmark_node_get_url(node) ? cmark_node_get_url(node) : "";
        std::string file = url.substr(0, url.find('#'));
        std::string fragment = url.find('#') == std::string::npos ? "" : url.substr(url.find('#') + 1);
        std::string target;
        if (file == "figures/index.html" || file == "sources/index.html") {
            target = "#" + fragment;
        } else if (file == "legend.html") {
            target = "#legend";
        } else if (file.size() > 5 && file.compare(file.size() - 5, 5, ".html") == 0 && file.find('/') == std::string::npos) {
            std::string slug = file.substr(0, file.size() - 5);
            if (!all_slugs.count(slug)) continue;
            if (!included.count(slug)) {
                out.warning(rp.page->path, rp.document->file_line(node), rp.document->file_column(node), "REP002",
                            "link to page '" + slug + "', which is not in this report; it will not work in the file");
                continue;
            }
            target = fragment.empty() ? "#page-" + slug : "#" + slug + "--" + fragment;
        } else {
            continue;
        }
        cmark_node_set_url(node, target.c_str());
    }
    cmark_iter_free(iter);
}

// The pages named by --pages (all when none), in that order: REP001 for a
// slug no page has.
std::vector<Page*> chosen_pages(const ReportOptions& options, std::vector<Page>& pages, std::set<std::string>& all_slugs,
                                std::set<std::string>& included, Diagnostics& out) {
    std::vector<std::string> slugs;
    for (const Page& p : pages) slugs.push_back(p.slug), all_slugs.insert(p.slug);
    for (const std::string& slug : options.pages) {
        if (!all_slugs.count(slug)) out.error("--pages", 0, 0, "REP001", "no page with slug '" + slug + "'" + did_you_mean(slug, slugs));
        included.insert(slug);
    }
    if (options.pages.empty()) included = all_slugs;
    auto order = [&](const std::string& slug) {
        auto it = std::find(options.pages.begin(), options.pages.end(), slug);
        return options.pages.empty() ? 0 : it - options.pages.begin();
    };
    std::vector<Page*> chosen;
    for (Page& p : pages)
        if (included.count(p.slug)) chosen.push_back(&p);
    std::stable_sort(chosen.begin(), chosen.end(), [&](const Page* a, const Page* b) { return order(a->slug) < order(b->slug); });
    return chosen;
}

// Each page's article (ids prefixed per page, links in-file) and its entry in the table of contents.
void render_pages(const std::vector<ReportPage>& work, const Registry& registry, const RegistryMarks& marks,
                  const TemplateEngine& templates, json& pages, json& toc) {
    const LinkStyle links = LinkStyle::one_file();
    for (const ReportPage& rp : work) {
        std::string body = render_page_body(*rp.document, rp.resolved, registry, marks, links);
        json view = article_view(*rp.page, rp.resolved, body, registry, links);
        json sections = json::array();
        for (const Heading& h : rp.resolved.headings)
            if (h.level == 2) sections.push_back({{"text", h.text}, {"id", h.id}});
        toc.push_back({{"title", rp.page->meta.title}, {"id", "page-" + rp.page->slug}, {"sections", sections}, {"has_sections", !sections.empty()}});
        pages.push_back({{"id", "page-" + rp.page->slug}, {"article", templates.render("article", view)}});
    }
}

// The view of templates/report.mustache around the rendered pages.
json report_view(const ReportOptions& options, const Project& project, const UsageIndex& usage, const std::string& css,
                 const std::string& date, json pages, json toc, int& verified) {
    const LoadedContent& content = project.content;
    const TemplateEngine& templates = project.templates;
    const LinkStyle links = LinkStyle::one_file();
    json counts = json::array();
    std::map<Status, int> by_status;
    for (const Figure& f : content.registry.figures) ++by_status[f.status];
    for (Status s : all_statuses()) counts.push_back({{"status", status_name(s)}, {"symbol", status_symbol(s)}, {"count", by_status[s]}});
    verified = by_status[Status::verified];
    return {
        {"title", options.title.empty() ? content.config.title : options.title},
        {"description", content.config.description},
        {"language", content.config.language},
        {"css", css},
        {"toc", std::move(toc)},
        {"pages", std::move(pages)},
        {"figures_total", std::to_string(content.registry.figures.size())},
        {"figures_verified", std::to_string(verified)},
        {"sources_total", std::to_string(content.registry.sources.size())},
        {"counts", counts},
        {"ledger", render_ledger({templates}, content.registry, usage, links, {})},
        {"sources", render_sources({templates}, content.registry, usage, links)},
        {"legend", templates.render("legend", legend_view(content.registry))},
        {"content_dir", options.content_dir},
        {"date", date},
        {"version", SOURCED_VERSION},
    };
}

}  // namespace

ReportResult build_report(const ReportOptions& options, const FileSystem& files) {
    ReportResult result;
    Diagnostics& out = result.diagnostics;

    // load, and the registry checks the site's cards show (stale, arithmetic, checked quotes)
    Project project = load_project(options, files, out);
    if (out.has_errors()) {  // as build: a file that did not load is reported alone, not what follows from it
        result.texts = project.content.texts;
        return result;
    }
    LoadedContent& content = project.content;
    CheckReport checked;
    check_registry_content(content, content.texts, options, files, options.content_dir, out, checked);
    result.texts = content.texts;
    std::string css = read_asset(files, project.assets_dir, "sourced.css", out).value_or("");
    css += read_asset(files, project.assets_dir, "report.css", out).value_or("");

    // parse, resolve, check prose: the site's page stage, with ids prefixed per page
    std::set<std::string> all_slugs, included;
    std::vector<ReportPage> work;
    UsageIndex usage;
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    for (Page* p : chosen_pages(options, content.pages, all_slugs, included, out)) {
        PageInputs inputs = page_inputs(*p, content.registry, checked.marks, site, result.texts);
        PageWork page_work;
        ReportPage rp{p, parse_page(*p, inputs, page_work, p->slug + "--"), std::move(page_work.resolved)};
        out.append(page_work.diagnostics);
        usage.add_page(p->slug, p->meta.title, rp.resolved);
        rewrite_internal_links(rp, included, all_slugs, out);
        work.push_back(std::move(rp));
    }

    // check
    if (options.pages.empty()) check_site(content, usage, out);
    if (out.has_errors() || (options.strict && out.warning_count() > 0)) return result;

    // render
    json pages = json::array(), toc = json::array();
    render_pages(work, content.registry, checked.marks, project.templates, pages, toc);
    std::string date = options.build_date.empty() ? checked.today : options.build_date;
    result.html = project.templates.render("report", report_view(options, project, usage, css, date, pages, toc, result.verified));
    result.pages = static_cast<int>(work.size());
    result.figures = static_cast<int>(content.registry.figures.size());
    result.ok = !out.has_errors();
    return result;
}

}  // namespace sourced
