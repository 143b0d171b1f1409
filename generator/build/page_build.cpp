#include "page_build.h"

#include <chrono>
#include <memory>

#include "chart_card.h"
#include "input_limits.h"
#include "markdown_document.h"
#include "page_layout.h"
#include "page_renderer.h"
#include "pandoc_citations.h"
#include "structured_data.h"

namespace sourced {

PageInputs page_inputs(const Page& page, const Registry& registry, const RegistryMarks& marks, const SiteContext& site,
                       const std::map<std::string, std::string>& texts) {
    auto text = texts.find(page.path);
    return {&registry, &marks, &site, text == texts.end() ? nullptr : &text->second, nullptr, {}};
}

std::unique_ptr<MarkdownDocument> parse_page(Page& page, const PageInputs& inputs, PageWork& w,
                                              const std::string& id_prefix) {
    using Clock = std::chrono::steady_clock;
    const Registry& registry = *inputs.registry;
    const InputLimits& limits = inputs.limits ? *inputs.limits : default_input_limits();
    auto t0 = Clock::now();
    auto document = MarkdownDocument::parse_within(page.body, page.body_line, limits.parse_budget_seconds,
                                                   limits.inline_parse_bytes, limits.max_abandoned_parses);
    bool stopped = !document;
    if (stopped) {  // over the budget, and abandoned (LIM005): the page goes on empty, its error reported
        report_parse_stopped(page.path, w.diagnostics, limits);
        document = std::make_unique<MarkdownDocument>(std::string(), page.body_line);
    }
    std::string().swap(page.body);  // the tree has it now; the loaded texts keep the file for diagnostics
    rewrite_pandoc_citations(*document, registry, page.path, w.diagnostics);  // [@key] -> cite: links; REF004
    auto t1 = Clock::now();
    if (!stopped) check_parse_time(page.path, std::chrono::duration<double>(t1 - t0).count(), w.diagnostics, limits);
    if (!check_reference_count(page.path, *document, w.diagnostics, limits)) return document;  // LIM006
    w.resolved = resolve_references(page.path, *document, registry, w.diagnostics, id_prefix);
    report_omitted_html(page.path, *document, w.diagnostics);  // HTML001
    static const std::vector<std::string> no_hosts;
    w.resolved.embeds = resolve_embeds(page.path, *document,
                                       inputs.site && inputs.site->config ? inputs.site->config->embed_hosts : no_hosts,
                                       w.diagnostics);
    if (inputs.site && inputs.site->pages) {
        const std::vector<Page>& pages = *inputs.site->pages;
        // Pages that link to .md files are few: each link looks its page up in the list.
        auto slug_of = [&pages](const std::string& markdown_path) {
            std::string name = markdown_path.substr(markdown_path.rfind('/') + 1);
            for (const Page& p : pages)
                if (ends_with(p.path, name) && normal_file_path(p.path) == markdown_path) return p.slug;
            return std::string();
        };
        w.resolved.local_links = resolve_local_links(*document, page.path, inputs.content_dir, slug_of);
    }
    for (size_t k = 0; k < w.resolved.charts.size(); ++k)
        w.resolved.charts[k].card_id = chart_card_id(w.resolved.charts[k].chart.spec, page.slug, k + 1);
    const std::string& language = page.meta.lang.empty() && inputs.site && inputs.site->config
                                      ? inputs.site->config->language
                                      : page.meta.lang;
    check_page_prose(page.path, *document, w.resolved, inputs.file_text ? *inputs.file_text : std::string(), w.bare,
                     w.diagnostics, number_style_for(language));
    auto t2 = Clock::now();
    w.ms[0] = std::chrono::duration<double, std::milli>(t1 - t0).count();
    w.ms[1] = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return document;
}

void build_page(Page& page, const PageInputs& inputs, const TemplateEngine& templates, PageWork& w,
                const PageRenderer& render_with) {
    using Clock = std::chrono::steady_clock;
    const Registry& registry = *inputs.registry;
    std::unique_ptr<MarkdownDocument> tree = parse_page(page, inputs, w);
    MarkdownDocument& document = *tree;
    auto t2 = Clock::now();
    if (!w.diagnostics.has_errors()) {
        std::string href = page_href(page.slug);
        auto render = [&] {
            std::string body = render_page_body(document, w.resolved, registry, *inputs.marks, "");
            std::string html = in_layout(templates, *inputs.site, page.meta.title, page.meta.summary, "", href, "article",
                                         article_view(page, w.resolved, body, registry, ""));
            return with_head_html(html, json_ld_script(article_json_ld(page, w.resolved, registry,
                                                                      *inputs.site->config, href)));
        };
        w.html = render_with ? render_with(render) : render();
    }
    for (auto& use : w.resolved.figures) use.link = nullptr;  // the tree dies with `document`
    for (auto& use : w.resolved.citations) use.link = nullptr;
    for (auto& chart : w.resolved.charts) chart.block = nullptr;
    for (auto& heading : w.resolved.headings) heading.node = nullptr;
    for (auto& link : w.resolved.local_links) link.node = nullptr;
    for (auto& embed : w.resolved.embeds) embed.block = nullptr;
    w.resolved.bare_marks.clear();
    w.resolved.refused_images.clear();
    auto t3 = Clock::now();
    w.ms[2] = std::chrono::duration<double, std::milli>(t3 - t2).count();
}

}  // namespace sourced
