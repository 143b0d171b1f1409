// Incremental builds: the dependency model, and deciding what to render again.
//
// Owns the rule for each render unit's key, a hash over the content hashes of
// exactly the inputs the unit's bytes depend on:
//   every unit        sourced's version, the effective site settings (site.json
//                     and --base-url), whether card images are made, and the
//                     templates it renders through (layout + its own);
//   an article        + its file (front matter and Markdown), the navigation
//                     (titles and order of the pages the layout lists, and the
//                     page count), each figure it uses and each source it cites,
//                     the href of each local link (a .md link's is another page's slug);
//   a figure          its whole registry entry as the check stage left it
//                     (staleness, arithmetic, checked quotes) and the sources
//                     its evidence names;
//   figures/index.html, sources/index.html   + every figure and source and
//                     which pages use them (titles, anchors);
//   legend.html       + the count of figures of each status;
//   index.html (generated) + every page's title and summary, the status counts;
//   search.html, 404.html  + nothing else;
//   cards/<id>.*      one unit per figure: + that figure (no layout, no navigation).
// A unit whose key matches the last good build's, with its previous bytes at
// hand and intact (build_cache.h), is reused; any other is rendered. Outputs
// made from the whole site at little cost (assets, the build report, the
// search index, sitemap, feed, robots.txt) are made every time.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "build_cache.h"
#include "content_loader.h"
#include "file_system.h"
#include "reference_resolver.h"
#include "registry.h"
#include "registry_marks.h"
#include "usage_index.h"

namespace sourced {

// A hash of everything rendering reads of each figure (its entry, what the
// checks marked on it, its sources, the figures its arithmetic names) and of
// each source: two registries' figures with equal prints render the same.
struct RegistryPrints {
    std::map<std::string, std::string> figures;  // figure id -> hash
    std::map<std::string, std::string> sources;  // source id -> hash
};
RegistryPrints registry_prints(const Registry& registry, const RegistryMarks& marks);

class RenderPlan {
public:
    // After the registry checks: `marks` is what they found (CheckReport::marks).
    RenderPlan(BuildCache& cache, const LoadedContent& content, const RegistryMarks& marks,
               const std::map<std::string, std::string>& texts, const FileSystem& files, const std::string& templates_dir,
               bool card_images);

    std::string article_key(const Page& page, const ResolvedPage& resolved) const;
    // Empty for outputs that are not cached (made every build).
    std::string site_page_key(const std::string& path, const UsageIndex& usage) const;

    // The previous bytes of single-file unit `path` if `key` is unchanged;
    // else `render()`, recorded. An empty key always renders. Thread-safe.
    std::string file(const std::string& path, const std::string& key, const std::function<std::string()>& render);

    // Adds the card files of every figure whose card key is unchanged to
    // `tree`; returns a registry (all sources) of the figures left to render.
    const Registry& cards_to_render(OutputTree& tree);
    // After the cards of cards_to_render() were added to `tree`.
    void record_cards(const OutputTree& tree);

    // Every figure's and source's print in this build's registry.
    const RegistryPrints& prints() const { return prints_; }

    // After a good build: the cache now describes `tree`.
    void commit(const OutputTree& tree);

    // A figure card's key (its files are rendered again when it changes).
    std::string card_key(const Figure& figure) const;

private:
    std::string template_hash(const std::string& name) const;
    void note(const std::string& unit, const std::string& key, std::map<std::string, std::string> files, bool rendered);

    BuildCache& cache_;
    const LoadedContent& content_;
    const std::map<std::string, std::string>& texts_;   // input files by path
    std::string common_;                                  // hash: version, settings, card images
    std::string nav_;                                     // hash: what the layout's navigation shows
    std::map<std::string, std::string> templates_;        // template name -> hash
    RegistryPrints prints_;                               // of every figure and source
    std::mutex mutex_;
    std::map<std::string, CachedUnit> next_;              // this build's units
    std::map<std::string, std::string> card_keys_;        // figure id -> key, for figures rendered now
    Registry cards_;                                      // the figures whose cards are rendered now
    std::set<std::string> rendered_, reused_;
};

}  // namespace sourced
