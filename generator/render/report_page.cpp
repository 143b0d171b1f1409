#include "report_page.h"

#include "link_style.h"

#include "display_text.h"
#include "figure_markup.h"
#include "html_escape.h"

namespace sourced {


// The page's inner HTML, its links relative to `root`.
std::string report_page_html(const Registry& registry, const CheckReport& report, const std::string& root) {
    std::string h = "<article class=\"report\">\n<header class=\"article__header\">\n<h1>Build report</h1>\n"
                    "<p class=\"article__summary\">What <code>sourced check</code> found in this build";
    if (!report.today.empty()) h += ", with review dates judged as of " + escape_html(human_date(report.today));
    h += ". Codes are explained in the project's docs/checks.md.</p>\n</header>\n";

    h += "<h2 id=\"status\">Figures by status</h2>\n<table class=\"report__status\">\n<thead><tr><th>status</th><th>figures</th></tr></thead><tbody>\n";
    for (Status s : all_statuses()) {
        int n = 0;
        for (const Figure& f : registry.figures) n += f.status == s ? 1 : 0;
        h += "<tr><td><a href=\"" + escape_html(root + "legend.html#status-" + status_name(s)) + "\"><span aria-hidden=\"true\">" +
             status_symbol(s) + "</span> " + escape_html(status_name(s)) + "</a></td><td>" + std::to_string(n) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";

    h += "<h2 id=\"unsourced\">Bare figures in prose</h2>\n";
    if (report.bare.empty()) h += "<p>None: every figure-like number in the pages links to the registry.</p>\n";
    else {
        h += "<ul class=\"report__list\">\n";
        for (const BareFigure& b : report.bare)
            h += "<li><code>" + escape_html(b.path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column)) + "</code> " +
                 escape_html(b.text) + "</li>\n";
        h += "</ul>\n";
    }

    h += "<h2 id=\"quotes\">Quotes</h2>\n<p>" + std::to_string(report.quotes_checked) + " of " + std::to_string(report.quotes) +
         " quotes were checked against a snapshot of their source. Unchecked:</p>\n<ul class=\"report__list\">\n";
    for (const Figure& f : registry.figures)
        for (size_t i = 0; i < f.evidence.size(); ++i)
            if (report.marks.of(f.id).snapshot(i) == "unchecked")
                h += "<li><a href=\"" + escape_html(LinkStyle(root).figure(f.id)) + "\">" + escape_html(f.id) + "</a> from <a href=\"" +
                     escape_html(LinkStyle(root).source(f.evidence[i].source_id)) + "\">" + escape_html(f.evidence[i].source_id) + "</a></li>\n";
    h += "</ul>\n";

    h += "<h2 id=\"stale\">Stale figures</h2>\n";
    std::string stale;
    for (const Figure& f : registry.figures)
        if (report.marks.of(f.id).stale)
            stale += "<li><a href=\"" + escape_html(LinkStyle(root).figure(f.id)) + "\">" + escape_html(f.id) + "</a>, due for review by " +
                     escape_html(human_date(f.review_by)) + "</li>\n";
    h += stale.empty() ? "<p>None.</p>\n" : "<ul class=\"report__list\">\n" + stale + "</ul>\n";

    h += "<h2 id=\"gaps\">Sources with gaps</h2>\n<ul class=\"report__list\">\n";
    for (const Source& s : registry.sources) {
        std::string gaps;
        if (s.url.empty()) gaps += "no URL";
        if (s.issued.empty()) gaps += std::string(gaps.empty() ? "" : ", ") + "no issued date";
        if (s.accessed.empty()) gaps += std::string(gaps.empty() ? "" : ", ") + "no accessed date";
        if (!gaps.empty())
            h += "<li><a href=\"" + escape_html(LinkStyle(root).source(s.id)) + "\">" + escape_html(s.title) + "</a>: " + gaps + "</li>\n";
    }
    h += "</ul>\n</article>\n";
    return h;
}


std::string report_page(const TemplateEngine& templates, const SiteContext& site, const Registry& registry,
                        const CheckReport& report) {
    return templates.render("layout", layout_view(site, "Build report", "What the checks found in this build.", "../",
                                                  "figures/report.html", report_page_html(registry, report, "../")));
}

}  // namespace sourced
