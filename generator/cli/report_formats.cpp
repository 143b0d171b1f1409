#include "report_formats.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace sourced {

namespace {

std::string severity_name(Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

// One line of description for a diagnostic code ("SRC001" -> "bare figure ..."); empty if unknown.
std::string code_description(const std::string& code) {
    static const std::map<std::string, std::string> descriptions = {
        {"SRC001", "A figure-like number in prose is not a fig: link (bare figure)."},
        {"SRC002", "The number in a fig: link's text does not match the figure's value."},
        {"SRC003", "A quote was not found in its source's snapshot."},
        {"SRC004", "A quote does not state its figure's number."},
        {"SRC005", "A verified figure lacks a primary source with a URL, or a quote (a missing verified record is REG011)."},
        {"SRC006", "A figure's review_by date has passed; it renders as stale."},
        {"SRC007", "Figures share a quantity but differ in value and are not all disputed."},
        {"SRC008", "A derived expression does not parse, names an unknown figure, or does not match the stated value."},
        {"SRC009", "A derived figure's status is stronger than its weakest input's."},
        {"SRC010", "A source has no URL, issued date or accessed date."},
        {"SRC011", "A source's via chain loops."},
        {"CHK001", "A figure is not used on any page."},
        {"CHK002", "A source is not used by any figure or page."},
    };
    auto it = descriptions.find(code);
    return it == descriptions.end() ? "" : it->second;
}

}  // namespace

// Paths and messages go through visible_text in both documents, as on stderr:
// the JSON is then valid UTF-8 whatever a file name holds (dump() throws on
// anything else), and a viewer shows no control character raw.
std::string diagnostics_json(const BuildResult& result, bool failed) {
    const Diagnostics& d = result.diagnostics;
    nlohmann::json items = nlohmann::json::array();
    for (const Diagnostic& x : sorted_diagnostics(d))
        items.push_back({{"severity", severity_name(x.severity)}, {"code", x.code}, {"path", visible_text(x.path)},
                         {"line", x.line}, {"column", x.column}, {"message", visible_text(x.message)}});
    nlohmann::json doc = {{"tool", "sourced"},
                          {"version", SOURCED_VERSION},
                          {"ok", !failed},
                          {"errors", d.error_count()},
                          {"warnings", d.warning_count()},
                          {"notes", d.note_count()},
                          {"pages", result.pages},
                          {"figures", result.figures},
                          {"flagged_figures", result.flagged_figures},
                          {"sources", result.sources},
                          {"quotes", result.report.quotes},
                          {"quotes_checked", result.report.quotes_checked},
                          {"today", result.report.today},
                          {"diagnostics", items}};
    return doc.dump(2) + "\n";
}

std::string diagnostics_sarif(const BuildResult& result) {
    std::vector<Diagnostic> items = sorted_diagnostics(result.diagnostics);
    std::set<std::string> codes;
    for (const Diagnostic& x : items) codes.insert(x.code.empty() ? "sourced" : x.code);
    nlohmann::json rules = nlohmann::json::array();
    std::map<std::string, int> rule_index;
    for (const std::string& code : codes) {
        rule_index[code] = static_cast<int>(rules.size());
        std::string text = code_description(code);
        rules.push_back({{"id", code},
                         {"shortDescription", {{"text", text.empty() ? code : text}}}});
    }
    nlohmann::json results = nlohmann::json::array();
    for (const Diagnostic& x : items) {
        std::string code = x.code.empty() ? "sourced" : x.code;
        nlohmann::json physical = {{"artifactLocation", {{"uri", visible_text(x.path)}}}};
        if (x.line > 0) {
            physical["region"] = {{"startLine", x.line}};
            if (x.column > 0) physical["region"]["startColumn"] = x.column;
        }
        results.push_back({{"ruleId", code},
                           {"ruleIndex", rule_index[code]},
                           {"level", severity_name(x.severity)},
                           {"message", {{"text", visible_text(x.message)}}},
                           {"locations", nlohmann::json::array({{{"physicalLocation", physical}}})}});
    }
    nlohmann::json log = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", nlohmann::json::array({{{"tool", {{"driver", {{"name", "sourced"},
                                                               {"version", SOURCED_VERSION},
                                                               {"rules", rules}}}}},
                                         {"results", results}}})}};
    return log.dump(2) + "\n";
}

}  // namespace sourced
