#include "csl_source.h"

#include <cstdio>
#include <set>

#include "calendar_date.h"
#include "suggestion.h"
#include "web_url.h"

namespace sourced {

using nlohmann::json;

namespace {

const std::set<std::string> kSourceKinds = {"primary", "secondary", "vendor", "press-release", "social"};

// The normalised URL of the field `key` (web_url.h). A refused one is REG006
// at its value, and kept as written, so that later checks do not also call
// the source one without a URL: the build fails and writes nothing.
std::string accept_url(EntryReader& r, const std::string& what, const std::string& key, const std::string& label,
                       const std::string& url) {
    if (url.empty()) return url;
    WebUrl accepted = normalise_web_url(url);
    if (accepted.ok()) return accepted.url;
    r.error_at(key, "REG006", what + ": " + label + " '" + url + "' " + accepted.problem);
    return url;
}

// The key a source is cited by: its CSL "id", or, when that is not a usable
// key (Zotero's own export uses item URIs or numbers), its "citation-key".
std::string source_key(const json& entry) {
    std::string id;
    if (auto it = entry.find("id"); it != entry.end()) {
        if (it->is_string()) id = it->get<std::string>();
        else if (it->is_number_integer()) id = std::to_string(it->get<long long>());
    }
    if (!is_valid_source_id(id))
        if (auto key = entry.find("citation-key"); key != entry.end() && key->is_string() &&
                                                   is_valid_source_id(key->get<std::string>()))
            return key->get<std::string>();
    return id;
}

}  // namespace

std::optional<Source> read_source(const std::string& path, const EntryNode& at, const json& entry, size_t index,
                                  Diagnostics& out) {
    EntryLocation where = locate_entry(path, at, entry);
    std::string what = entry_name("source", entry, index);
    if (!entry.is_object()) {
        out.error(path, where.line, where.column, "REG001",
                  (at.json_path.empty() ? "" : at.json_path + ": ") + what + " must be a JSON object");
        return std::nullopt;
    }
    EntryReader r(path, entry, where, what, out, at);
    Source s;
    s.where = where;
    s.id = source_key(entry);
    if (s.id.empty()) r.error("REG002", what + " is missing required field 'id'");
    s.type = r.text("type", true);
    s.title = r.text("title", true);
    s.url = r.text("URL", false);
    s.publisher = r.text("publisher", false);
    s.container_title = r.text("container-title", false);
    s.doi = r.text("DOI", false);
    s.csl = entry;
    if (!s.url.empty()) s.url = accept_url(r, what, "URL", "URL", s.url);
    else if (!s.doi.empty()) s.url = accept_url(r, what, "DOI", "URL of the DOI", doi_url(s.doi));
    if (!s.id.empty() && !is_valid_source_id(s.id))
        r.error_at("id", "REG004",
                   what + ": id must match [A-Za-z0-9_][A-Za-z0-9_.:-]*");
    if (auto a = entry.find("author"); a != entry.end()) {
        if (!a->is_array()) r.error_at("author", "REG003", what + ": field 'author' must be a list of CSL names");
        else {
            std::vector<EntryNode> names = at.member("author").elements();
            for (size_t k = 0; k < a->size(); ++k) {
                std::string n = csl_name_text((*a)[k]);
                if (!n.empty()) {
                    s.authors.push_back(n);
                } else if (k < names.size()) {
                    TextPosition p = names[k].value();
                    out.error(path, p.line, p.column, "REG003", names[k].json_path + ": " + what + ": an author needs 'family' or 'literal'");
                } else {
                    r.error("REG003", what + ": an author needs 'family' or 'literal'");
                }
            }
        }
    }
    for (const char* key : {"issued", "accessed"}) {
        auto d = entry.find(key);
        if (d == entry.end()) continue;
        std::string date = csl_date_text(*d);
        if (date.empty()) r.error_at(key, "REG007", what + ": '" + key + "' is not a CSL date ({\"date-parts\": [[2026, 6, 26]]})");
        else if (is_date_form(date) && !is_calendar_date(date)) r.error_at(key, "REG007", what + ": '" + key + "' " + date + " is not a date on the calendar");
        (std::string(key) == "issued" ? s.issued : s.accessed) = date;
    }
    if (auto c = entry.find("custom"); c != entry.end()) {
        if (!c->is_object()) {
            r.error_at("custom", "REG003", what + ": field 'custom' must be an object");
        } else {
            EntryNode c_at = at.member("custom");
            EntryReader cr(path, *c, where, what, out, c_at);
            s.kind = cr.text("kind", false);
            s.via = cr.text("via", false);
            if (!s.via.empty()) {
                EntryNode via = c_at.member("via");
                TextPosition p = via.found() ? via.value() : TextPosition{where.line, where.column};
                s.via_at = {path, p.line, p.column, via.json_path};
            }
            s.archive_url = accept_url(cr, what, "archive_url", "archive_url", cr.text("archive_url", false));
            if (!s.kind.empty() && !kSourceKinds.count(s.kind))
                cr.error_at("kind", "REG008", what + ": kind '" + s.kind + "' is not one of primary, secondary, vendor, press-release, social" +
                                                  did_you_mean(s.kind, {kSourceKinds.begin(), kSourceKinds.end()}));
        }
    }
    return s;
}

bool is_valid_source_id(const std::string& id) {
    if (id.empty() || id.size() > 128) return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
    if (!alnum(id[0])) return false;
    for (char c : id)
        if (!alnum(c) && c != '-' && c != '.' && c != ':') return false;
    return id.find("..") == std::string::npos;
}

std::string csl_date_text(const json& date) {
    if (!date.is_object()) return {};
    if (auto parts = date.find("date-parts"); parts != date.end()) {
        if (!parts->is_array() || parts->empty() || !(*parts)[0].is_array() || (*parts)[0].empty()) return {};
        const json& first = (*parts)[0];
        std::string out;
        for (size_t i = 0; i < first.size() && i < 3; ++i) {
            int n = 0;
            if (first[i].is_number_integer()) n = first[i].get<int>();
            else if (first[i].is_string()) {
                try { n = std::stoi(first[i].get<std::string>()); } catch (...) { return {}; }
            } else return {};
            char buf[16];
            std::snprintf(buf, sizeof buf, i == 0 ? "%04d" : "-%02d", n);
            out += buf;
        }
        return out;
    }
    for (const char* key : {"raw", "literal"})
        if (auto raw = date.find(key); raw != date.end() && raw->is_string()) return raw->get<std::string>();
    return {};
}

std::string csl_name_text(const json& name) {
    if (!name.is_object()) return {};
    auto field = [&](const char* key) {
        auto it = name.find(key);
        return it != name.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (std::string literal = field("literal"); !literal.empty()) return literal;
    std::string family = field("family");
    if (family.empty()) return {};
    // "Ludwig van Beethoven Jr.": given, particles, family, suffix.
    std::string text;
    for (const char* key : {"given", "dropping-particle", "non-dropping-particle"})
        if (std::string part = field(key); !part.empty()) text += part + " ";
    text += family;
    if (std::string suffix = field("suffix"); !suffix.empty()) text += " " + suffix;
    return text;
}

}  // namespace sourced
