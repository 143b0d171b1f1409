// Sources as CSL-JSON items, in the registry or in a separate file.
//
// Owns the Source record and reading one CSL-JSON item (as Zotero, Better
// BibTeX or a hand-written registry gives it) into a Source, with the rules
// for a well-formed source: the key it is cited by (its "id", else its
// "citation-key"), the id syntax, http(s)-only URLs, parsed and normalised
// (web_url.h; a DOI gives one), CSL
// names and dates, and sourced's own `custom` fields (kind, via,
// archive_url). Rules that need the whole registry (unique ids, `via` naming
// a source) are registry.h's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "registry_entry.h"

namespace sourced {

struct Source {
    std::string id;
    std::string type;
    std::string title;
    std::vector<std::string> authors;  // display names: "Gregory C. Allen", "DeepSeek-AI"
    std::string issued;                // ISO date text: "2026", "2026-06", "2026-06-26"; may be empty
    std::string accessed;
    std::string url;                   // normalised (web_url.h): what every output links to
    std::string publisher;
    std::string container_title;
    std::string kind;                  // custom.kind
    std::string via;                   // custom.via
    std::string archive_url;           // custom.archive_url, normalised
    std::string doi;                   // DOI, without "https://doi.org/"
    nlohmann::json csl;                // the whole CSL-JSON item, every field kept as written (URL too: use `url`)
    EntryLocation where;               // where.path: registry.json or the separate sources file
    EntryLocation via_at;              // custom.via's value, when there is one
};

// Reads `entry`, item number `index` (from 0) of a sources list in the file
// `path` (`at`: its node in the file's positions); problems go to `out` at the
// item's position, or at the value they are about. Nothing if it is not a
// JSON object; else the source, with every field that could be read. Its
// `url` and `archive_url` are normalised (web_url.h): every output uses them
// as they are.
std::optional<Source> read_source(const std::string& path, const EntryNode& at, const nlohmann::json& entry,
                                  size_t index, Diagnostics& out);

// Source ids may also be citation keys as Better BibTeX makes them:
// [A-Za-z0-9_][A-Za-z0-9_.:-]* ("allenChinaAIChips2025", "doe:2024").
bool is_valid_source_id(const std::string& id);

// "2026-06-26" from a CSL date object ({"date-parts": [[2026, 6, 26]]} or {"raw": "..."}).
std::string csl_date_text(const nlohmann::json& date);

// Display name of a CSL name object: "Given Family", or its literal.
std::string csl_name_text(const nlohmann::json& name);

}  // namespace sourced
