#include "figure_markup.h"

#include "display_text.h"
#include "html_escape.h"

namespace sourced {

namespace {

std::string capitalised(std::string word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

std::string join_authors(const std::vector<std::string>& authors) {
    std::string out;
    for (size_t i = 0; i < authors.size(); ++i) {
        if (i > 0) out += i + 1 == authors.size() ? " and " : ", ";
        out += authors[i];
    }
    return out;
}

// "Computed: <a>id</a> / <a>id</a> = 75" for a derived figure, linking its inputs; "" otherwise.
std::string derived_arithmetic_html(const Figure& f, const FigureMarks& marks, const LinkStyle& links) {
    if (marks.arithmetic.empty()) return "";
    std::string html = "<span class=\"card__derived\">Computed: ";
    for (const auto& [token, is_id] : marks.arithmetic) {
        if (is_id) html += "<a href=\"" + escape_html(links.figure(token)) + "\">" + escape_html(token) + "</a> ";
        else html += escape_html(token) + " ";
    }
    return html + "= " + escape_html(plain_number(f.value)) + "</span>";
}

}  // namespace

std::string status_flag_html(Status status) {
    if (!is_flagged(status)) return "<span class=\"visually-hidden\"> (verified)</span>";
    return "<span class=\"flag flag--" + status_name(status) + "\"><span aria-hidden=\"true\">" + status_symbol(status) +
           "</span> " + status_name(status) + "</span>";
}

std::string figure_open_html(const FigureUse& use, const LinkStyle& links) {
    const Figure& f = *use.figure;
    return "<span class=\"fig fig--" + status_name(f.status) + "\" id=\"" + escape_html(use.anchor) +
           "\"><a class=\"fig__link\" href=\"" + escape_html(links.figure(f.id)) + "\" aria-describedby=\"card-" +
           escape_html(use.anchor) + "\">";
}

std::string figure_close_html(const FigureUse& use, const Registry& registry, const RegistryMarks& marks,
                              const LinkStyle& links) {
    const Figure& f = *use.figure;
    const FigureMarks& checked = marks.of(f.id);
    std::string html = status_flag_html(f.status) + "</a><span class=\"fig__card\" id=\"card-" + escape_html(use.anchor) + "\">";
    html += "<span class=\"card__head\"><span class=\"card__status\"><span aria-hidden=\"true\">" + status_symbol(f.status) +
            "</span> " + capitalised(status_name(f.status)) + "</span> <span class=\"card__asof\">as of " +
            escape_html(human_date(f.as_of)) + "</span></span>";
    if (checked.stale)
        html += "<span class=\"card__stale\">Stale: due for review by " + escape_html(human_date(f.review_by)) + "</span>";
    html += "<span class=\"card__value\">" + escape_html(f.display) + "</span>";
    html += derived_arithmetic_html(f, checked, links);
    html += "<span class=\"card__claim\">" + escape_html(f.claim) + "</span>";
    if (!f.note.empty()) html += "<span class=\"card__why\">" + escape_html(f.note) + "</span>";
    for (size_t i = 0; i < f.evidence.size(); ++i) {
        const Evidence& ev = f.evidence[i];
        html += "<span class=\"card__evidence\">";
        if (!ev.quote.empty()) html += "<q>" + escape_html(ev.quote) + "</q> ";
        const Source* s = registry.source(ev.source_id);
        if (checked.snapshot(i) == "checked")
            html += "<span class=\"card__check\">(quote checked against a snapshot of the source" +
                    (s && !s->accessed.empty() ? " of " + escape_html(human_date(s->accessed)) : std::string()) + ") </span>";
        else if (checked.snapshot(i) == "unchecked")
            html += "<span class=\"card__check card__check--no\">(quote not checked: no snapshot of the source) </span>";
        if (s)
            html += "<span class=\"card__source\">— " + source_citation_html(*s, registry, links) +
                    (ev.locator.empty() ? "" : ", " + escape_html(ev.locator)) + "</span>";
        html += "</span>";
    }
    html += "<span class=\"card__more\"><a href=\"" + escape_html(links.figure(f.id)) + "\">Ledger entry for this figure</a></span>";
    html += "</span></span>";
    return html;
}

std::string source_citation_html(const Source& source, const Registry& registry, const LinkStyle& links) {
    std::string html;
    if (!source.authors.empty()) html += escape_html(join_authors(source.authors)) + ", ";
    std::string title = "“" + escape_html(source.title) + "”";
    if (!source.url.empty()) html += "<a href=\"" + escape_html(safe_url(source.url)) + "\">" + title + "</a>";
    else html += title;
    if (!source.container_title.empty()) html += ", <cite>" + escape_html(source.container_title) + "</cite>";
    if (!source.publisher.empty() && source.publisher != source.container_title) html += ", " + escape_html(source.publisher);
    html += source.issued.empty() ? ", undated" : ", " + escape_html(human_date(source.issued));
    if (!source.accessed.empty()) html += " (accessed " + escape_html(human_date(source.accessed)) + ")";
    if (!source.via.empty())
        if (const Source* via = registry.source(source.via))
            html += "; read via <a href=\"" + escape_html(links.source(via->id)) + "\">" + escape_html(via->title) + "</a>";
    return html;
}

}  // namespace sourced
