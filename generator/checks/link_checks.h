// The check stage for links to the site itself, like Zola's internal link
// checker.
//
// Owns what the site's files and ids will be, as far as a link can see them
// (SiteTargets: every file the build writes, and the ids of the pages whose
// ids are known: articles, figures/index.html, sources/index.html,
// legend.html), the ids an article's HTML defines (article_ids), and judging
// each local link and image of a page (local_links.h) against them:
//   LINK001 error    a link to a file the site does not have
//   LINK002 error    a fragment no element of the target page has as its id
//   LINK003 error    a link to a .md file that is no page of the site
//   LINK004 warning  a root-relative link ("/x.html"): it breaks from file://
//                    and under a sub-path; not checked further
//   LINK005 error    a link that leads above the site root
// A fragment on a page whose ids are not known (a card, the search page) is
// not checked. Whether an image's file exists is the build's (image_files.h).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "local_links.h"
#include "reference_resolver.h"
#include "registry.h"

namespace sourced {

// The site as a link sees it. The registry's pages and cards follow rules
// rather than lists, so a site of 100,000 figures costs no more memory here.
struct SiteTargets {
    const Registry* registry = nullptr;                // the cards, the ledger's and sources page's ids
    std::set<std::string> chart_cards;                 // chart card ids (cards/chart-ID.*)
    std::set<std::string> files;                       // every other file of the site, from its root
    std::map<std::string, std::set<std::string>> ids;  // articles -> their ids (article_ids)

    bool has_file(const std::string& path) const;
    // False if `path` is a page whose ids are known and `id` is none of
    // them: figures/index.html (fig-ID, fig-ID-title), sources/index.html
    // (source-ID, source-ID-title), legend.html (status-NAME), as the
    // shipped templates write them, and articles.
    bool has_id(const std::string& path, const std::string& id) const;
    // For "did you mean": the ids of `path` that are listed.
    std::vector<std::string> listed_ids(const std::string& path) const;
};

// Every id an article's HTML has: the layout's and the article template's,
// its headings', its figure, card, citation, reference, chart and footnote anchors.
std::set<std::string> article_ids(const ResolvedPage& page);

// Checks `links`, written on the page at `href` (a site path) made from the
// Markdown file `path`; an image's target is checked by the build.
void check_local_links(const std::string& path, const std::string& href, const std::vector<LocalLink>& links,
                       const SiteTargets& site, Diagnostics& out);

}  // namespace sourced
