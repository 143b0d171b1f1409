#include "registry.h"

#include <cctype>
#include <set>

#include "calendar_date.h"
#include "json_document.h"
#include "suggestion.h"

namespace sourced {

using nlohmann::json;

namespace {

const std::set<std::string> kFigureKeys = {"id", "value", "unit", "display", "claim", "status", "sources", "as_of",
                                           "note", "verified", "quantity", "derived", "review_by", "changed"};

// REG007 at the date field `key` (`label` in the message) unless its text is a date on the calendar.
void check_date(EntryReader& r, const std::string& what, const std::string& key, const std::string& label,
                const std::string& text) {
    if (text.empty() || is_calendar_date(text)) return;
    r.error_at(key, "REG007", what + ": " + label + " '" + text + "' " +
                                  (is_date_form(text) ? "is not a date on the calendar" : "must be YYYY, YYYY-MM or YYYY-MM-DD"));
}

// What to write instead of a value that is not a number: "9%" is
// `"value": 9` with `"unit": "%"`; "2,664,000" is 2664000.
std::string number_hint(const json& value) {
    if (!value.is_string()) return "";
    const std::string& text = value.get_ref<const std::string&>();
    std::string digits, unit;
    size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' || text[i] == ',' ||
                               text[i] == '-' || text[i] == '+'))
        ++i;
    for (char c : text.substr(0, i))
        if (c != ',') digits += c;
    unit = text.substr(i);
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    if (digits.empty() || !std::isdigit(static_cast<unsigned char>(digits.back()))) return " (a JSON number, not a string)";
    return " (write \"value\": " + digits + (unit.empty() ? "" : ", \"unit\": \"" + unit + "\"") + "; the text shown is \"display\")";
}

// True for ids of the form [a-z0-9][a-z0-9._-]* (safe in URLs, file names and HTML ids).
bool is_valid_id(const std::string& id) {
    if (id.empty() || id.size() > 128) return false;
    auto ok_first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!ok_first(id[0])) return false;
    for (char c : id)
        if (!ok_first(c) && c != '-' && c != '_' && c != '.') return false;
    return id.find("..") == std::string::npos;
}

void read_figure(const std::string& path, const EntryNode& at, const json& entry, size_t index,
                 Registry& registry, Diagnostics& out) {
    EntryLocation where = locate_entry(path, at, entry);
    std::string what = entry_name("figure", entry, index);
    if (!entry.is_object()) {
        out.error(path, where.line, where.column, "REG001", at.json_path + ": " + what + " must be a JSON object");
        return;
    }
    EntryReader r(path, entry, where, what, out, at);
    for (const auto& item : entry.items())
        if (!kFigureKeys.count(item.key()))
            r.error_at_key(item.key(), "REG009", what + ": unknown field '" + item.key() + "'" +
                                                    did_you_mean(item.key(), {kFigureKeys.begin(), kFigureKeys.end()}));
    Figure f;
    f.where = where;
    f.id = r.text("id", true);
    f.unit = r.text("unit", true);
    f.display = r.text("display", true);
    f.claim = r.text("claim", true);
    f.as_of = r.text("as_of", true);
    f.note = r.text("note", false);
    f.quantity = r.text("quantity", false);
    f.derived = r.text("derived", false);
    f.review_by = r.text("review_by", false);
    f.changed = r.text("changed", false);
    check_date(r, what, "changed", "changed", f.changed);
    if (!f.id.empty() && !is_valid_id(f.id)) r.error_at("id", "REG004", what + ": id must match [a-z0-9][a-z0-9._-]*");
    check_date(r, what, "as_of", "as_of", f.as_of);
    check_date(r, what, "review_by", "review_by", f.review_by);

    auto value = entry.find("value");
    if (value == entry.end()) r.error("REG002", what + " is missing required field 'value'");
    else if (!value->is_number()) r.error_at("value", "REG003", what + ": field 'value' must be a number" + number_hint(*value));
    else f.value = value->get<double>();

    std::string status = r.text("status", true);
    if (auto parsed = parse_status(status)) f.status = *parsed;
    else if (!status.empty())
        r.error_at("status", "REG010", what + ": status '" + status +
                                           "' is not one of verified, reported, self-reported, projected, unverified, disputed, false" +
                                           did_you_mean(status, {"verified", "reported", "self-reported", "projected", "unverified",
                                                                 "disputed", "false"}));

    auto sources = entry.find("sources");
    if (sources == entry.end() || !sources->is_array() || sources->empty()) {
        std::string message = what + " needs 'sources': a non-empty list of {\"id\", \"quote\", \"locator\"}";
        if (sources == entry.end()) r.error("REG002", message);
        else r.error_at("sources", "REG002", message);
    } else {
        std::vector<EntryNode> evidence_at = at.member("sources").elements();
        for (size_t k = 0; k < sources->size(); ++k) {
            const json& ev = (*sources)[k];
            EntryNode ev_at = k < evidence_at.size() ? evidence_at[k]
                                                     : EntryNode{nullptr, JsonPositions::none,
                                                                 json_path_element(json_path_member(at.json_path, "sources"), k)};
            TextPosition ev_pos = ev_at.found() ? ev_at.value() : TextPosition{where.line, where.column};
            EntryLocation ev_where{path, ev_pos.line, ev_pos.column, ev_at.json_path};
            if (!ev.is_object()) {
                out.error(path, ev_pos.line, ev_pos.column, "REG003",
                          ev_at.json_path + ": " + what + ": each entry of 'sources' must be an object");
                continue;
            }
            EntryReader er(path, ev, ev_where, what + " evidence", out, ev_at);
            Evidence evidence{er.text("id", true), er.text("quote", false), er.text("locator", false), ev_where};
            if (EntryNode id = ev_at.member("id"); id.found()) {  // REG013 points at the id it is about
                TextPosition p = id.value();
                evidence.where = {path, p.line, p.column, id.json_path};
            }
            f.evidence.push_back(std::move(evidence));
        }
    }

    if (auto v = entry.find("verified"); v != entry.end()) {
        if (!v->is_object()) {
            r.error_at("verified", "REG003", what + ": field 'verified' must be an object {\"on\", \"method\"}");
        } else {
            EntryNode v_at = at.member("verified");
            TextPosition v_pos = v_at.found() ? v_at.value() : TextPosition{where.line, where.column};
            EntryReader vr(path, *v, {path, v_pos.line, v_pos.column, v_at.json_path}, what + " verification", out, v_at);
            f.verified = Verification{vr.text("on", true), vr.text("method", true)};
            check_date(vr, what, "on", "verified on", f.verified->on);
        }
    }
    // The record is REG011's alone; what else a verified figure needs (a
    // primary source with a URL, a quote) is SRC005's (figure_rules.h).
    if (f.status == Status::verified && !f.verified)
        r.error_at("status", "REG011", what + " has status 'verified' but no 'verified' record {\"on\", \"method\"}");
    registry.figures.push_back(std::move(f));
}

// "line 2, column 14" of `first`, or "path:2:14" when it is in another file than `second`.
std::string where_first(const EntryLocation& first, const EntryLocation& second) {
    if (first.path != second.path)
        return first.path + ":" + std::to_string(first.line) + ":" + std::to_string(first.column);
    return "line " + std::to_string(first.line) + ", column " + std::to_string(first.column);
}

// REG005 at each entry whose id an earlier entry has, naming where that one is.
template <typename Entry>
void report_duplicate_ids(const std::vector<Entry>& entries, const char* kind, Diagnostics& out) {
    std::unordered_map<std::string, const EntryLocation*> first;
    for (const Entry& e : entries) {
        if (e.id.empty()) continue;
        auto [it, inserted] = first.emplace(e.id, &e.where);
        if (!inserted)
            out.error(e.where.path, e.where.line, e.where.column, "REG005",
                      json_path_member(e.where.json_path, "id") + ": duplicate " + kind + " id '" + e.id + "' (first at " +
                          where_first(*it->second, e.where) + ")");
    }
}

// Rules that need the whole registry: unique ids, references between entries.
void check_references(const std::string& path, Registry& registry, Diagnostics& out) {
    report_duplicate_ids(registry.sources, "source", out);
    report_duplicate_ids(registry.figures, "figure", out);
    registry.index();
    Suggester source_names([&] { return registry.source_ids(); });
    for (const auto& s : registry.sources)
        if (!s.via.empty() && !registry.source(s.via))
            out.error(s.via_at.path, s.via_at.line, s.via_at.column, "REG012",
                      s.via_at.json_path + ": source '" + s.id + "' is read via '" + s.via +
                          "', which is not a source in the registry" + source_names.did_you_mean(s.via));
    for (const auto& f : registry.figures)
        for (const auto& ev : f.evidence)
            if (!ev.source_id.empty() && !registry.source(ev.source_id))
                out.error(path, ev.where.line, ev.where.column, "REG013",
                          ev.where.json_path + ": figure '" + f.id + "' cites source '" + ev.source_id +
                              "', which is not in the registry" + source_names.did_you_mean(ev.source_id));
}

// Finds the top-level "sources" of a registry without building its document:
// a SAX pass that keeps nothing but the depth and the last top-level
// "sources" value (the last, as the parsed document would keep it).
class SourcesNameFinder : public nlohmann::json_sax<json> {
public:
    std::string name;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t& text) override {
        if (at_sources()) name = text;
        return value();
    }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool key(string_t& key) override {
        key_is_sources_ = depth_ == 1 && key == "sources";
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
    bool top_is_object = false;

private:
    bool at_sources() const { return depth_ == 1 && key_is_sources_; }
    bool value() {
        if (at_sources()) key_is_sources_ = false;
        return true;
    }
    bool open(bool object) {
        if (depth_ == 0) top_is_object = object;
        if (at_sources()) name.clear();  // "sources" is a list or an object, not a file name
        value();
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }
    int depth_ = 0;
    bool key_is_sources_ = false;
};

}  // namespace

std::string registry_sources_file(const std::string& registry_text) {
    SourcesNameFinder finder;
    bool parsed = json::sax_parse(registry_text, &finder, json::input_format_t::json, /*strict=*/true,
                                  /*ignore_comments=*/false);
    return parsed && finder.top_is_object ? finder.name : std::string();
}

const Source* Registry::source(const std::string& id) const {
    auto it = source_index_.find(id);
    return it == source_index_.end() ? nullptr : &sources[it->second];
}

const Figure* Registry::figure(const std::string& id) const {
    auto it = figure_index_.find(id);
    return it == figure_index_.end() ? nullptr : &figures[it->second];
}

std::vector<std::string> Registry::source_ids() const {
    std::vector<std::string> ids;
    for (const auto& s : sources) ids.push_back(s.id);
    return ids;
}

std::vector<std::string> Registry::figure_ids() const {
    std::vector<std::string> ids;
    for (const auto& f : figures) ids.push_back(f.id);
    return ids;
}

void Registry::index() {
    source_index_.clear();
    figure_index_.clear();
    for (size_t i = 0; i < sources.size(); ++i) source_index_.emplace(sources[i].id, i);
    for (size_t i = 0; i < figures.size(); ++i) figure_index_.emplace(figures[i].id, i);
}

Registry load_registry(const std::string& path, const std::string& text, Diagnostics& out,
                       const SourcesFile* external) {
    Registry registry;
    JsonPositions positions;
    auto document = parse_json_document(path, text, out, &positions);
    if (!document) return registry;
    if (!document->is_object()) {
        out.error(path, 1, 1, "REG001", "the registry must be a JSON object with 'sources' and 'figures' lists");
        return registry;
    }
    const EntryNode root{&positions, positions.root(), ""};
    for (const auto& item : document->items())
        if (item.key() != "sources" && item.key() != "figures" && item.key() != "$schema") {
            EntryNode field = root.member(item.key());
            TextPosition pos = field.found() ? field.key() : TextPosition{};
            out.error(path, pos.line, pos.column, "REG009",
                      field.json_path + ": unknown top-level field '" + item.key() + "' (expected 'sources' and 'figures')" +
                          did_you_mean(item.key(), {"sources", "figures"}));
        }
    if (auto it = document->find("sources"); it != document->end() && it->is_string()) {
        // The sources live in a separate CSL-JSON file; its errors name that file.
        if (external) {
            JsonPositions external_positions;
            if (auto sources = parse_json_document(external->path, external->text, out, &external_positions)) {
                if (!sources->is_array()) {
                    out.error(external->path, 1, 1, "REG001", "a CSL-JSON sources file must be a list of items");
                } else {
                    std::vector<EntryNode> items = EntryNode{&external_positions, external_positions.root(), ""}.elements();
                    for (size_t i = 0; i < sources->size(); ++i)
                        if (auto source = read_source(external->path, i < items.size() ? items[i] : EntryNode{}, (*sources)[i], i, out))
                            registry.sources.push_back(std::move(*source));
                }
            }
        }
    }
    for (const char* list : {"sources", "figures"}) {
        auto it = document->find(list);
        if (std::string(list) == "sources" && it != document->end() && it->is_string()) continue;
        if (it == document->end() || !it->is_array()) {
            EntryNode field = root.member(list);
            TextPosition pos = field.found() ? field.value() : TextPosition{};
            out.error(path, pos.line, pos.column, "REG001",
                      std::string(list) + ": the registry needs a '" + list + "' list" +
                          (std::string(list) == "sources" ? " (or the name of a CSL-JSON file)" : ""));
            continue;
        }
        std::vector<EntryNode> entries = root.member(list).elements();
        for (size_t i = 0; i < it->size(); ++i) {
            EntryNode at = i < entries.size() ? entries[i] : EntryNode{nullptr, JsonPositions::none, json_path_element(list, i)};
            if (std::string(list) != "sources") read_figure(path, at, (*it)[i], i, registry, out);
            else if (auto source = read_source(path, at, (*it)[i], i, out)) registry.sources.push_back(std::move(*source));
            (*it)[i] = nullptr;  // read: free its part of the document, so the document and the registry are not both held whole
        }
    }
    check_references(path, registry, out);
    return registry;
}

}  // namespace sourced
