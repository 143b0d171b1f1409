// The citation registry: sources (CSL-JSON) and figures, loaded and validated.
//
// Owns the in-memory model of content/registry.json, loading it, and the
// rules that make a figure entry and the whole registry well-formed: required
// fields, id syntax, known status, a verification record for verified
// figures, unique ids, evidence that names existing sources. Sources (their
// record and reading) are csl_source.h's, what every entry shares when it is
// read registry_entry.h's. It knows nothing of pages; which figures a page
// uses is the resolver's business.
#pragma once

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "csl_source.h"
#include "diagnostics.h"
#include "registry_entry.h"
#include "status.h"

namespace sourced {

struct Evidence {
    std::string source_id;
    std::string quote;
    std::string locator;
    EntryLocation where;  // its "id" value (the entry when it has none)
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

}  // namespace sourced
