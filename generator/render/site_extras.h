// The files beside the pages that readers' tools and search engines expect:
// robots.txt, sitemap.xml and an Atom feed (feed.xml), and the client-side
// search index (assets/search-index.js).
//
// Owns their formats. sitemap.xml and feed.xml need absolute URLs, so they
// are written only when the site has a base URL; robots.txt is always
// written and names the sitemap when there is one. The search index is a
// script that assigns a global (window.SOURCED_SEARCH) rather than a JSON
// file, so the search page works from file:// where fetch() does not.
#pragma once

#include <string>
#include <vector>

#include "content_loader.h"
#include "registry.h"
#include "site_writer.h"

namespace sourced {

// Adds robots.txt, sitemap.xml and feed.xml (with a base URL) to `tree`.
// `pages` lists every generated HTML page's href, in output order.
void add_crawler_files(const LoadedContent& content, const std::vector<std::string>& pages, OutputTree& tree);

// The entries of assets/search-index.js (JSON text, script-safe): every
// page's, then every figure's, then every source's, in order, each with a
// title, searchable text and an href relative to the site root; serve keeps
// them so a registry edit makes only the changed figures' entries again.
std::vector<std::string> search_entries(const LoadedContent& content);
std::string search_entry(const Page& page);
std::string search_entry(const Figure& figure);
std::string search_entry(const Source& source);
// The text of assets/search-index.js made of those entries.
std::string search_index_js(const std::vector<std::string>& entries);

}  // namespace sourced
