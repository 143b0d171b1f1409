#include "evidence_checks.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "display_text.h"
#include "figure_numbers.h"

namespace sourced {

std::string normalise_for_match(const std::string& text) {
    static const std::map<std::string, std::string> replacements = {
        {"\xE2\x80\x98", ""},  {"\xE2\x80\x99", ""},  {"\xE2\x80\x9C", ""},  {"\xE2\x80\x9D", ""},   // curly quotes
        {"\xE2\x80\x93", "-"}, {"\xE2\x80\x94", "-"}, {"\xE2\x80\x90", "-"}, {"\xE2\x80\x91", "-"},  // dashes
        {"\xC2\xA0", " "}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        for (const auto& [from, to] : replacements)
            if (text.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        if (replaced) continue;
        unsigned char c = static_cast<unsigned char>(text[i++]);
        if (c == '"' || c == '\'') continue;
        if (std::isspace(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        out += static_cast<char>(std::tolower(c));
    }
    // Spaces left next to a removed quote or at the ends do not matter either.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

namespace {

// How a quote writes numbers: its source's CSL `language` ("de" writes 1.014,5).
NumberStyle quote_style(const Registry& registry, const std::string& source_id) {
    const Source* source = registry.source(source_id);
    if (!source) return {};
    auto language = source->csl.find("language");
    return language != source->csl.end() && language->is_string() ? number_style_for(language->get<std::string>())
                                                                   : NumberStyle{};
}

}  // namespace

void check_quotes(const Registry& registry, const std::string& path, const FileSystem& files,
                  const std::string& snapshots_dir, RegistryMarks& marks, Diagnostics& out) {
    std::map<std::string, std::optional<std::string>> snapshots;  // source id -> normalised text
    for (const Figure& f : registry.figures) {
        for (size_t i = 0; i < f.evidence.size(); ++i) {
            const Evidence& ev = f.evidence[i];
            if (ev.quote.empty()) continue;
            auto set_snapshot = [&](const char* mark) {
                std::vector<std::string>& snapshots = marks.mark(f.id).snapshots;
                snapshots.resize(f.evidence.size());
                snapshots[i] = mark;
            };
            // A disputed or false figure's evidence is expected to state other values.
            bool evidence_may_differ = f.status == Status::disputed || f.status == Status::false_;
            if (f.derived.empty() && !evidence_may_differ &&
                !text_states_value(ev.quote, f.value, f.unit, quote_style(registry, ev.source_id)))
                out.error(path, f.where.line, f.where.column, "SRC004",
                          "figure '" + f.id + "': the quote from '" + ev.source_id + "' does not state its value " +
                              grouped_number(f.value) + " (quote: \"" + ev.quote + "\")");
            auto it = snapshots.find(ev.source_id);
            if (it == snapshots.end()) {
                std::optional<std::string> text = files.read(join_path(snapshots_dir, ev.source_id + ".txt"));
                it = snapshots.emplace(ev.source_id, text ? std::optional<std::string>(normalise_for_match(*text))
                                                          : std::nullopt).first;
            }
            if (!it->second) {
                set_snapshot("unchecked");
                continue;
            }
            if (it->second->find(normalise_for_match(ev.quote)) == std::string::npos) {
                set_snapshot("unchecked");
                out.error(path, f.where.line, f.where.column, "SRC003",
                          "figure '" + f.id + "': quote not found in the snapshot " +
                              join_path(snapshots_dir, ev.source_id + ".txt") + ": \"" + ev.quote + "\"");
            } else {
                set_snapshot("checked");
            }
        }
    }
}

void check_source_hygiene(const Registry& registry, const std::string& path, Diagnostics& out) {
    for (const Source& s : registry.sources) {
        std::vector<std::string> missing;
        if (s.url.empty()) missing.push_back("URL");
        if (s.issued.empty()) missing.push_back("issued date");
        if (s.accessed.empty()) missing.push_back("accessed date");
        if (!missing.empty()) {
            std::string list;
            for (std::size_t i = 0; i < missing.size(); ++i)
                list += (i == 0 ? "" : i + 1 == missing.size() ? " or " : ", ") + missing[i];
            out.note(path, s.where.line, s.where.column, "SRC010", "source '" + s.id + "' has no " + list);
        }
        std::set<std::string> seen = {s.id};
        for (const Source* at = &s; !at->via.empty();) {
            if (!seen.insert(at->via).second) {
                out.error(path, s.where.line, s.where.column, "SRC011",
                          "source '" + s.id + "': the 'via' chain loops back to '" + at->via + "'");
                break;
            }
            at = registry.source(at->via);
            if (!at) break;  // a chain that ends nowhere is REG012
        }
    }
}

}  // namespace sourced
