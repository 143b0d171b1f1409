// The incremental build cache: what the last good build rendered, and from
// which inputs.
//
// Owns `.sourced-cache/` on disk (one manifest per output directory) and its
// in-memory twin for `sourced serve`. For each render unit (an article, a
// site-wide page, one figure's card files) it keeps the unit's dependency key
// (see incremental_plan.h) and the content hash of every file the unit
// produced. The bytes themselves are not duplicated: `sourced build
// --incremental` reads them back from the previous site and uses them only if
// they still have the recorded hash; `serve` keeps the last good site in
// memory. A manifest from another version, in another format, or unreadable
// is discarded with a note, never trusted.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "site_writer.h"

namespace sourced {

// 16 hex digits (64-bit hash of the bytes) and the length: "3f..9a-1234".
// Content decides, never a time stamp.
std::string content_hash(std::string_view bytes);

struct CachedUnit {
    std::string key;                           // hash over the unit's inputs
    std::map<std::string, std::string> files;  // output path -> content_hash of its bytes
};

class BuildCache {
public:
    // A cache for `sourced build --incremental --out out_dir`: the manifest
    // is <parent of out_dir>/.sourced-cache/<name of out_dir>.json.
    static BuildCache for_output_dir(const std::string& out_dir);
    // A cache kept in memory between the rebuilds of `sourced serve`.
    static BuildCache in_memory();

    // Reads the manifest. False, with `note` saying why, when there is none
    // or it was discarded (the cache is then empty: a full build).
    bool load(std::string& note);
    // Writes the manifest atomically (a temporary file renamed over it).
    bool save(std::string& error) const;

    // The previous bytes of `path` if they still hash to `hash`.
    std::optional<std::string> previous_bytes(const std::string& path, const std::string& hash) const;

    // After a good build: `units` describe `tree`, the site just made.
    void replace(std::map<std::string, CachedUnit> units, const OutputTree& tree);

    std::map<std::string, CachedUnit> units;  // by unit name
    std::set<std::string> rendered;           // units the last build rendered (not reused)
    std::set<std::string> reused;             // units the last build took from the cache

private:
    std::string manifest_;  // empty: in memory
    std::string site_dir_;  // where previous bytes are read (disk caches)
    OutputTree memory_;     // previous site (in-memory caches)
};

// Written into each manifest; a manifest with another stamp is discarded.
std::string cache_version_stamp();

}  // namespace sourced
