// What a good build leaves behind for the next rebuild of `sourced serve`.
//
// Owns the record the page-edit fast path (page_edit.h) needs to bring the
// last good site up to date without building it all again: the loaded
// content (pages without their bodies, the registry as the checks annotated
// it, every input file's text), the templates, and the diagnostics split
// where a page's edit can change them (each page's own, and those before and
// after the pages), plus what each page adds to the site-wide pages. It is
// filled by build_site (BuildOptions::keep_state) and describes exactly the
// site that build produced.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check_stage.h"
#include "content_loader.h"
#include "diagnostics.h"
#include "incremental_plan.h"
#include "prose_checks.h"
#include "reference_resolver.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

// What a page adds to the pages that are not its own: the usage index
// (figures and sources used, with anchors), its chart cards and its bare
// figures on the report page. Two pages' edits with equal contributions
// leave every other file of the site unchanged.
struct PageContribution {
    UsageIndex usage;                     // this page's part of the site's usage index
    std::vector<std::string> chart_ids;   // its chart cards' ids
    std::vector<BareFigure> bare;         // SRC001 findings
    std::vector<std::string> link_keys;   // its headings' ids and its local links with their positions (link_checks.h)

    bool same_as(const PageContribution& other) const;  // ignoring `bare`
};

PageContribution page_contribution(const std::string& slug, const std::string& title, const ResolvedPage& page,
                                   std::vector<BareFigure> bare);

// A page's link and image diagnostics (LINK..., IMG...) are made once every
// page is known (site_build.cpp); a page built again with the same
// contribution has the same ones: copies them from `before` to `after`.
void keep_link_diagnostics(const Diagnostics& before, Diagnostics& after);

struct PageState {
    Diagnostics diagnostics;  // parse, resolve and prose checks
    PageContribution contribution;
};

struct SiteState {
    bool valid = false;                       // false: the next rebuild builds everything
    LoadedContent content;                    // pages in navigation order, bodies freed
    std::optional<TemplateEngine> templates;  // set with valid
    std::vector<PageState> pages;             // as content.pages
    UsageIndex usage;                         // from every page
    bool has_home = false;                    // a page is index.html (no generated front page)
    std::map<std::string, size_t> page_index; // normalised path -> index in pages
    std::set<std::string> registry_files;     // normalised: registry.json and its sources file
    std::set<std::string> data_files;         // normalised: every file the load stage read but pages
    std::set<std::string> load_noted;         // normalised paths the load stage reported something about
    // The build's diagnostics by where they came from:
    Diagnostics before_pages;                 // the load stage (not the registry's) and the templates
    Diagnostics registry_load;                // reading registry.json and its sources file
    Diagnostics registry_checks;              // figure rules, quotes, source hygiene
    Diagnostics chart_ids;                    // chart card ids
    Diagnostics site_checks;                  // figures and sources nothing uses
    RegistryPrints prints;                    // of the registry as checked (incremental_plan.h)
    std::vector<std::string> ledger_entries;  // each figure's ledger entry (ledger_page.h)
    std::vector<std::string> source_entries;  // each source's entry on the sources page (sources_page.h)
    std::vector<std::string> search_entries;  // the search index's: pages, figures, sources (site_extras.h)
    CheckReport report;
    int flagged_figures = 0;
    int jobs = 1;

    // Every diagnostic of the site, as a full build would list them, with
    // `replaced` (page index -> its diagnostics) in place of those pages' own.
    Diagnostics diagnostics(const std::map<size_t, const Diagnostics*>& replaced = {}) const;
    // report.bare from every page's, in page order, as a build gathers them.
    void gather_bare();
};

// "content//pages/./a.md" -> "content/pages/a.md": how paths are compared.
std::string normal_path(const std::string& path);

}  // namespace sourced
