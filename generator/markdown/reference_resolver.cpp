#include "reference_resolver.h"

#include <cmark-gfm.h>

#include <map>
#include <set>

#include "suggestion.h"

namespace sourced {

namespace {

constexpr const char* kFigureScheme = "fig:";
constexpr const char* kCiteScheme = "cite:";

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Records that `anchor` rests on `source`, numbering sources by first use.
void note_source(ResolvedPage& page, std::map<std::string, size_t>& order, const Source* source,
                 const std::string& anchor) {
    auto [it, inserted] = order.emplace(source->id, page.sources.size());
    if (inserted) page.sources.push_back({source, static_cast<int>(page.sources.size()) + 1, {}});
    auto& anchors = page.sources[it->second].anchors;
    if (anchors.empty() || anchors.back() != anchor) anchors.push_back(anchor);
}

// "Post-training is not pre-training" -> "post-training-is-not-pre-training".
std::string heading_slug(const std::string& text) {
    std::string slug;
    for (unsigned char c : text) {
        if (std::isalnum(c)) slug += static_cast<char>(std::tolower(c));
        else if (c >= 0x80) slug += static_cast<char>(c);  // keep UTF-8 letters as they are
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "section" : slug;
}

// The ids a page's HTML gets from the generator, not from its headings: the
// article template's, and the prefixes of anchors (figref-ID-N, card-figref-...,
// cite-ID-N, the reference list's ref-ID, chart-N and its parts, cmark-gfm's
// footnotes fn-LABEL and fnref-LABEL).
const std::set<std::string>& reserved_ids() {
    static const std::set<std::string> ids = {"main", "toc", "toc-title", "sources", "top", "nav"};
    return ids;
}

bool takes_generated_prefix(const std::string& base) {
    static const char* const prefixes[] = {"figref-", "card-", "cite-", "ref-", "chart-", "fn-", "fnref-"};
    const std::string with_dash = base + "-";  // "fn" would number on as fn-2, fn-3: footnote ids
    for (const char* prefix : prefixes)
        if (with_dash.rfind(prefix, 0) == 0) return true;
    return false;
}

// A heading's id: its slug, moved out of the generator's way
// ("fn-1" -> "section-fn-1"), numbered on if the page has it already.
std::string heading_id(const std::string& text, std::set<std::string>& taken) {
    std::string base = heading_slug(text);
    if (takes_generated_prefix(base)) base = "section-" + base;
    std::string id = base;
    for (int n = 2; !taken.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
}

}  // namespace

bool check_reference_count(const std::string& path, const MarkdownDocument& doc, Diagnostics& out,
                           const InputLimits& limits) {
    int count = 0;
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    bool ok = true;
    while (ok && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_LINK) continue;
        const char* url_text = cmark_node_get_url(node);
        std::string url = url_text ? url_text : "";
        if (!(starts_with(url, kFigureScheme) || starts_with(url, kCiteScheme)) || url == "fig:-") continue;
        if (++count > limits.max_references_per_page) {
            out.error(path, doc.file_line(node), doc.file_column(node), "LIM006",
                      "more than " + std::to_string(limits.max_references_per_page) +
                          " figure and source links on one page; split the page");
            ok = false;
        }
    }
    cmark_iter_free(iter);
    return ok;
}

ResolvedPage resolve_references(const std::string& path, const MarkdownDocument& doc, const Registry& registry,
                                Diagnostics& out, const std::string& id_prefix) {
    ResolvedPage page;
    page.id_prefix = id_prefix;
    std::map<std::string, size_t> source_order;
    std::map<std::string, int> use_count;
    std::set<std::string> heading_ids = reserved_ids();
    Suggester figure_names([&] { return registry.figure_ids(); });
    Suggester source_names([&] { return registry.source_ids(); });

    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);

        if (type == CMARK_NODE_HEADING) {
            Heading h{node, cmark_node_get_heading_level(node), node_plain_text(node), {}};
            h.id = id_prefix + heading_id(h.text, heading_ids);
            page.headings.push_back(std::move(h));
            continue;
        }
        if (type == CMARK_NODE_CODE_BLOCK) {
            const char* info = cmark_node_get_fence_info(node);
            if (!info || !is_chart_block(info)) continue;
            int line = doc.file_line(node), column = doc.file_column(node);
            const char* literal = cmark_node_get_literal(node);
            auto spec = parse_chart_spec(path, literal ? literal : "", line, column, out);
            if (!spec) continue;
            auto chart = resolve_chart(path, *spec, registry, out);
            if (!chart) continue;
            ChartUse use{node, std::move(*chart), id_prefix + "chart-" + std::to_string(page.charts.size() + 1), {}, {}};
            for (const ChartMark& mark : use.chart.marks)
                for (const Figure* f : {mark.from, mark.figure}) {
                    if (!f) continue;
                    std::string anchor = use.anchor + "-" + std::to_string(use.uses.size() + 1);
                    use.uses.push_back({nullptr, f, anchor, f->display, line, column});
                    for (const auto& evidence : f->evidence)
                        if (const Source* s = registry.source(evidence.source_id)) note_source(page, source_order, s, anchor);
                }
            page.charts.push_back(std::move(use));
            continue;
        }
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;

        const char* url_text = cmark_node_get_url(node);
        std::string url = url_text ? url_text : "";
        int line = doc.file_line(node), column = doc.file_column(node);
        if (type == CMARK_NODE_IMAGE) {
            if (starts_with(url, kFigureScheme) || starts_with(url, kCiteScheme)) {
                out.error(path, line, column, "REF003",
                          "an image cannot be a figure or citation link: write [text](" + url + ") without the '!'");
                page.refused_images.push_back(node);
            }
            continue;
        }
        if (url == "fig:-") {
            page.bare_marks.push_back(node);
        } else if (starts_with(url, kFigureScheme)) {
            std::string id = url.substr(4);
            const Figure* figure = registry.figure(id);
            if (!figure) {
                out.error(path, line, column, "REF001", "unknown figure '" + id + "'" + figure_names.did_you_mean(id));
                continue;
            }
            std::string anchor = id_prefix + "figref-" + id + "-" + std::to_string(++use_count["f:" + id]);
            page.figures.push_back({node, figure, anchor, node_plain_text(node), line, column});
            for (const auto& evidence : figure->evidence)
                if (const Source* s = registry.source(evidence.source_id)) note_source(page, source_order, s, anchor);
        } else if (starts_with(url, kCiteScheme)) {
            std::string id = url.substr(5);
            const Source* source = registry.source(id);
            if (!source) {
                out.error(path, line, column, "REF002", "unknown source '" + id + "'" + source_names.did_you_mean(id));
                continue;
            }
            std::string anchor = id_prefix + "cite-" + id + "-" + std::to_string(++use_count["s:" + id]);
            page.citations.push_back({node, source, anchor, line, column});
            note_source(page, source_order, source, anchor);
        }
    }
    cmark_iter_free(iter);
    return page;
}

}  // namespace sourced
