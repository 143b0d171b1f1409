#include "figure_citation.h"

#include "display_text.h"

namespace sourced {

using nlohmann::json;

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& between, const std::string& last) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? last : between;
        out += parts[i];
    }
    return out;
}

std::vector<std::string> authors_of(const SiteConfig& config) {
    return config.authors.empty() ? std::vector<std::string>{config.title} : config.authors;
}

// A URL for a verbatim BibTeX url field: only what could unbalance the braces
// is changed, percent-encoded so the URL still means the same.
std::string bibtex_url(const std::string& url) {
    std::string out;
    for (char c : url) {
        if (c == '{') out += "%7B";
        else if (c == '}') out += "%7D";
        else if (c == '\\') out += "%5C";
        else out += c;
    }
    return out;
}

std::string year_of(const std::string& iso) { return iso.size() >= 4 ? iso.substr(0, 4) : iso; }

std::string title_of(const Figure& f) { return f.display + ": " + f.claim; }

std::string origin_note(const CardFacts& card, const Registry& registry) {
    const Figure& f = *card.figure;
    std::string why = f.note;
    while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
    std::string note = "Status: " + status_name(f.status) + (why.empty() ? "" : " (" + why + ")") + ". As of " +
                       human_date(f.as_of) + ". Revision " + card.revision + ", changed " + human_date(card.changed) + ".";
    if (const Source* s = primary_source(f, registry)) note += " Source: “" + s->title + "”, " + source_byline(*s) + ".";
    return note;
}

}  // namespace

std::string escape_bibtex(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '{': out += "\\{"; break;
            case '}': out += "\\}"; break;
            case '$': out += "\\$"; break;
            case '&': out += "\\&"; break;
            case '%': out += "\\%"; break;
            case '#': out += "\\#"; break;
            case '_': out += "\\_"; break;
            case '^': out += "\\^{}"; break;
            case '~': out += "\\~{}"; break;
            case '\n': case '\r': case '\t': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

std::string citation_text(const CardFacts& card, const Registry& registry, const SiteConfig& config) {
    const Figure& f = *card.figure;
    CardUrls urls{config.base_url};
    return join(authors_of(config), ", ", " & ") + " (" + year_of(card.changed) + "). " + title_of(f) + " [" +
           status_name(f.status) + " figure, revision " + card.revision + "]. In " + config.title + ". " +
           urls.card(f.id) + "\n" + origin_note(card, registry) + "\n";
}

std::string citation_bibtex(const CardFacts& card, const Registry& registry, const SiteConfig& config) {
    const Figure& f = *card.figure;
    CardUrls urls{config.base_url};
    std::vector<std::string> authors;
    for (const std::string& a : authors_of(config)) authors.push_back("{" + escape_bibtex(a) + "}");  // corporate names stay whole
    std::string bib = "@misc{sourced:" + f.id + ",\n";
    bib += "  author = {" + join(authors, " and ", " and ") + "},\n";
    bib += "  title = {" + escape_bibtex(title_of(f)) + "},\n";
    bib += "  howpublished = {" + escape_bibtex(config.title) + "},\n";
    bib += "  year = {" + escape_bibtex(year_of(card.changed)) + "},\n";
    bib += "  version = {" + card.revision + "},\n";
    bib += "  url = {" + bibtex_url(urls.card(f.id)) + "},\n";
    bib += "  note = {" + escape_bibtex(origin_note(card, registry)) + "}\n";
    bib += "}\n";
    return bib;
}

json citation_csl(const CardFacts& card, const Registry& registry, const SiteConfig& config) {
    const Figure& f = *card.figure;
    CardUrls urls{config.base_url};
    json authors = json::array();
    for (const std::string& a : authors_of(config)) authors.push_back({{"literal", a}});
    json parts = json::array();  // from the ISO changed date: YYYY[-MM[-DD]], as far as it is digits
    const std::string& d = card.changed;
    auto number = [&](size_t from, size_t count) {
        if (d.size() < from + count) return -1;
        int n = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (d[i] < '0' || d[i] > '9') return -1;
            n = n * 10 + (d[i] - '0');
        }
        return n;
    };
    for (auto [from, count] : {std::pair<size_t, size_t>{0, 4}, {5, 2}, {8, 2}}) {
        int n = number(from, count);
        if (n < 0) break;
        parts.push_back(n);
    }
    json item = {{"id", "sourced:" + f.id},
                 {"type", "webpage"},
                 {"title", title_of(f)},
                 {"author", authors},
                 {"container-title", config.title},
                 {"version", card.revision},
                 {"URL", urls.card(f.id)},
                 {"note", origin_note(card, registry)}};
    if (!parts.empty()) item["issued"] = {{"date-parts", json::array({parts})}};
    return json::array({item});
}

}  // namespace sourced
