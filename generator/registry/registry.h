// The citation registry: sources (CSL-JSON) and figures, loaded and validated.
//
// Owns the in-memory model of content/registry.json and the rules that make
// an entry well-formed: required fields, id syntax, unique ids, known status,
// evidence that names existing sources, http(s)-only URLs, a verification
// record for verified figures. It knows nothing of pages; which figures a page
// uses is the resolver's business.
#pragma once

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "status.h"

namespace sourced {

struct EntryLocation {
    std::string path;
    int line = 0;
    int column = 0;
};

struct Source {
    std::string id;
    std::string type;
    std::string title;
    std::vector<std::string> authors;  // display names: "Gregory C. Allen", "DeepSeek-AI"
    std::string issued;                // ISO date text: "2026", "2026-06", "2026-06-26"; may be empty
    std::string accessed;
    std::string url;
    std::string publisher;
    std::string container_title;
    std::string kind;                  // custom.kind
    std::string via;                   // custom.via
    std::string archive_url;           // custom.archive_url
    std::string doi;                   // DOI, without "https://doi.org/"
    nlohmann::json csl;                // the whole CSL-JSON item, every field kept as written
    EntryLocation where;               // where.path: registry.json or the separate sources file
};

struct Evidence {
    std::string source_id;
    std::string quote;
    std::string locator;
};

struct Verification {
    std::string on;
    std::string method;
};

struct Figure {
    std::string id;
    double value = 0;
    std::string unit;
    std::string display;
    std::string claim;
    Status status = Status::unverified;
    std::vector<Evidence> evidence;
    std::string as_of;
    std::string note;
    std::optional<Verification> verified;
    std::string quantity;
    std::string derived;
    std::string review_by;
    std::string changed;  // when value, status or evidence last changed (optional; see figure_revision.h)
    EntryLocation where;
    // What the checks find about a figure (stale, arithmetic, checked quotes)
    // is not here: registry_marks.h.
};

class Registry {
public:
    std::vector<Source> sources;  // in file order
    std::vector<Figure> figures;  // in file order

    const Source* source(const std::string& id) const;
    const Figure* figure(const std::string& id) const;
    std::vector<std::string> source_ids() const;
    std::vector<std::string> figure_ids() const;
    void index();  // rebuild the id lookups after changing the lists

private:
    std::unordered_map<std::string, size_t> source_index_;
    std::unordered_map<std::string, size_t> figure_index_;
};

// A separate CSL-JSON file of sources (a Zotero or Better BibTeX export),
// named by the registry as `"sources": "sources.csl.json"`. The load stage
// reads it; the registry only parses the text it is given.
struct SourcesFile {
    std::string path;
    std::string text;
};

// The file name a registry gives in "sources" (relative to the registry), or
// "" when "sources" is a list (or the text is not a JSON object).
std::string registry_sources_file(const std::string& registry_text);

// Load and validate a registry. Problems go to `out`; the returned registry
// holds every entry that could be read, so later stages can still report
// their own errors in the same build. `external` holds the sources file when
// the registry names one (nullptr: it could not be read, already reported).
Registry load_registry(const std::string& path, const std::string& text, Diagnostics& out,
                       const SourcesFile* external = nullptr);

// True for ids of the form [a-z0-9][a-z0-9._-]* (safe in URLs, file names and HTML ids).
bool is_valid_id(const std::string& id);

// Source ids may also be citation keys as Better BibTeX makes them:
// [A-Za-z0-9_][A-Za-z0-9_.:-]* ("allenChinaAIChips2025", "doe:2024").
bool is_valid_source_id(const std::string& id);

// "2026-06-26" from a CSL date object ({"date-parts": [[2026, 6, 26]]} or {"raw": "..."}).
std::string csl_date_text(const nlohmann::json& date);

// Display name of a CSL name object: "Given Family", or its literal.
std::string csl_name_text(const nlohmann::json& name);

}  // namespace sourced
