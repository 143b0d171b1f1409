// The site-wide render: the pages a site makes from the whole registry and
// usage index rather than from one Markdown file.
//
// Owns rendering, on one pool of threads, the site-wide pages (site_pages.h)
// and the entries of the figure ledger and the sources page (entry_list.h),
// then putting the two lists together inside the layout. A full build
// (site_build.cpp) renders every entry; serve's registry edit
// (registry_edit.cpp) renders the pages and only the entries of what changed,
// into the entries it kept. Both go through here, so they cannot differ.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "check_stage.h"
#include "content_loader.h"
#include "ledger_page.h"
#include "site_pages.h"
#include "site_views.h"
#include "sources_page.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

// Which list entries render() makes: all of them, none (the caller renders
// the lists later, or keeps them), or the ones named by index.
struct EntrySelection {
    enum class Kind { all, none, chosen } kind = Kind::all;
    std::vector<size_t> figures;  // with `chosen`: indices into registry.figures
    std::vector<size_t> sources;  // with `chosen`: indices into registry.sources

    static EntrySelection every() { return {}; }
    static EntrySelection nothing() { return {Kind::none, {}, {}}; }
};

// Renders one site-wide page: `render` makes its bytes; a wrapper may reuse
// earlier bytes instead (RenderPlan::file, --incremental).
using SitePageRenderer = std::function<std::string(const std::string& path, const std::function<std::string()>& render)>;

class SiteWideRender {
public:
    // Everything given must outlive this object.
    SiteWideRender(const LoadedContent& content, const SiteContext& site, const CheckReport& report, bool has_home,
                   const UsageIndex& usage, bool card_images);

    // Every site-wide page, as (path, HTML) in site_pages() order, and the
    // selected entries into ledger().entries() and sources().entries(); on
    // `jobs` threads, one engine each from `engines`.
    std::vector<std::pair<std::string, std::string>> render(const std::vector<TemplateEngine>& engines, int jobs,
                                                            const EntrySelection& entries,
                                                            const SitePageRenderer& wrap = {});

    // figures/index.html and sources/index.html from the entries as they are;
    // the entries are freed unless `keep`.
    std::string ledger_page(const TemplateEngine& engine, bool keep);
    std::string sources_page(const TemplateEngine& engine, bool keep);

    LedgerRender& ledger() { return ledger_; }
    SourcesRender& sources() { return sources_; }

private:
    const SiteContext& site_;
    std::vector<SitePage> pages_;
    LedgerRender ledger_;
    SourcesRender sources_;
};

}  // namespace sourced
