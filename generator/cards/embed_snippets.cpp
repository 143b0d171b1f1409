#include "embed_snippets.h"

#include <algorithm>

#include "display_text.h"
#include "figure_revision.h"
#include "html_escape.h"

namespace sourced {

namespace {

// Mid-tone colours readable on both light and dark host pages.
const char* status_colour_impl(Status s) {
    switch (s) {
        case Status::verified: return "#2e7d4f";
        case Status::reported: return "#b7791f";
        case Status::self_reported: return "#c05621";
        case Status::projected: return "#5a67d8";
        case Status::unverified: return "#c53030";
        case Status::disputed: return "#b83280";
        case Status::false_: return "#c00000";
    }
    return "#888888";
}

// Lines a text of `chars` characters takes at `per_line` characters a line.
int lines(size_t chars, size_t per_line) { return static_cast<int>(std::max<size_t>(1, (chars + per_line - 1) / per_line)); }

// Characters, not bytes, so that "’" counts once.
size_t text_length(const std::string& s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

// escape_html, but leaving ' as it is: every attribute in a snippet is
// double-quoted, and a writer reads "V3's" more easily than "V3&#39;s".
std::string escape(const std::string& text) {
    std::string out = escape_html(text);
    for (size_t at = out.find("&#39;"); at != std::string::npos; at = out.find("&#39;", at + 1)) out.replace(at, 5, "'");
    return out;
}

std::string link(const std::string& href, const std::string& text_html) {
    return "<a href=\"" + escape(safe_url(href)) + "\">" + text_html + "</a>";
}

}  // namespace

const char* status_colour(Status s) { return status_colour_impl(s); }

const Source* primary_source(const Figure& figure, const Registry& registry) {
    for (const Evidence& ev : figure.evidence)
        if (const Source* s = registry.source(ev.source_id)) return s;
    return nullptr;
}

std::string source_byline(const Source& source) {
    std::string by = !source.publisher.empty() ? source.publisher : source.container_title;
    if (by.empty() && !source.authors.empty()) by = source.authors.front();
    std::string date = source.issued.empty() ? "undated" : human_date(source.issued);
    return by.empty() ? date : by + ", " + date;
}

CardFacts card_facts(const Figure& figure, const Registry& registry, const std::string& site_title) {
    CardFacts card;
    card.figure = &figure;
    card.revision = figure_revision(figure);
    card.changed = figure_changed_date(figure, registry);
    // Mirrors the embed page's CSS (templates/card.mustache) at 560 px: 16 px
    // padding, 1 px border, line-height 1.45 (1.3 for the value). Characters a
    // line assume DejaVu Sans (about 0.55 em a character, wider than most UI
    // fonts) less a margin; the browser test checks every card fits.
    double h = 2 * 16 + 2;                                                   // padding and border
    h += 22;                                                                 // status line
    h += 4 + 41.6 * lines(text_length(figure.display), 24);                  // the value, 32 px bold
    h += 24.65 * lines(text_length(figure.claim), 50);                       // the claim, 17 px
    if (!figure.note.empty()) h += 8 + 21.75 * lines(text_length(figure.note) + 14, 56);  // "Why status:" + note
    for (const Evidence& ev : figure.evidence) {
        h += 8 + 12;                                                         // margin and padding of the quote box
        if (!ev.quote.empty()) h += 21.75 * lines(text_length(ev.quote) + 2, 54);
        const Source* s = registry.source(ev.source_id);
        std::string line = s ? s->title + ", " + source_byline(*s) + ", " + ev.locator : ev.source_id;
        h += 20.3 * lines(text_length(line) + 2, 58);
    }
    h += 6 + 18.85 * lines(50, 66);                                          // revision, changed, ledger link
    h += 2 + 18.85 * lines(text_length(site_title), 66);                     // the site's title
    h += 20;                                                                 // slack for wrapping at word ends
    int estimated = static_cast<int>(h + 0.999);
    card.height = estimated;
    return card;
}

std::string iframe_snippet(const CardFacts& card, const std::string& site_title, const CardUrls& urls) {
    const Figure& f = *card.figure;
    std::string title = f.display + " — " + f.claim + " (" + site_title + ")";
    return "<iframe src=\"" + escape(urls.embed(f.id)) + "\" title=\"" + escape(title) + "\" width=\"" +
           std::to_string(card.width) + "\" height=\"" + std::to_string(card.height) +
           "\" style=\"border:0;max-width:100%\" loading=\"lazy\" referrerpolicy=\"no-referrer\""
           " sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"></iframe>";
}

std::string html_snippet(const CardFacts& card, const Registry& registry, const std::string& site_title,
                         const CardUrls& urls) {
    const Figure& f = *card.figure;
    const std::string colour = status_colour(f.status);
    std::string html = "<blockquote cite=\"" + escape(urls.card(f.id)) +
                       "\" style=\"margin:1em 0;padding:0.75em 1em;border-left:4px solid " + colour + "\">\n";
    html += "<p style=\"margin:0;font-size:1.6em;font-weight:bold;line-height:1.2\">" + escape(f.display) + "</p>\n";
    html += "<p style=\"margin:0.3em 0\">" + escape(f.claim) + "</p>\n";
    std::string status = "<strong style=\"color:" + colour + "\">" + status_symbol(f.status) + " " +
                         escape(status_name(f.status)) + "</strong>";
    html += "<p style=\"margin:0.3em 0\">Status: " + status + (f.note.empty() ? "" : " — " + escape(f.note)) + "</p>\n";
    for (const Evidence& ev : f.evidence) {
        const Source* s = registry.source(ev.source_id);
        if (!s) continue;
        std::string title = "“" + escape(s->title) + "”";
        html += "<p style=\"margin:0.3em 0;font-size:0.9em\">Source: " + (s->url.empty() ? title : link(s->url, title)) +
                ", " + escape(source_byline(*s)) + (ev.locator.empty() ? "" : ", " + escape(ev.locator)) +
                "</p>\n";
    }
    html += "<p style=\"margin:0.3em 0 0;font-size:0.8em\">As of " + escape(human_date(f.as_of)) + " · revision " +
            card.revision + ", changed " + escape(human_date(card.changed)) + " · " +
            link(urls.ledger(f.id), "Figure ledger: " + escape(site_title)) + "</p>\n";
    html += "</blockquote>";
    return html;
}

}  // namespace sourced
