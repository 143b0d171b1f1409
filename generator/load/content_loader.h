// The load stage: read everything a build needs from the content directory.
//
// Owns finding the pages (content/**/*.md), splitting and reading their front
// matter, deciding each page's slug, and loading site.json and registry.json.
// It reads through FileSystem and never writes; it does not parse Markdown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "file_system.h"
#include "front_matter.h"
#include "registry.h"
#include "site_config.h"

namespace sourced {

struct Page {
    std::string path;       // e.g. content/pages/ascend.md
    std::string slug;       // output is <slug>.html
    FrontMatter meta;
    std::string body;       // Markdown without the front matter
    int body_line = 1;      // file line where body starts
};

struct LoadedContent {
    SiteConfig config;
    Registry registry;
    std::vector<Page> pages;                    // navigation order: weight, then title, then path
    std::map<std::string, std::string> texts;   // path -> file text, for printing source lines
    std::string registry_path;
};

// One page file, read and checked, its front matter parsed: what the load
// stage does for each page before the pages are ordered and their slugs
// compared. `page` is empty for a draft or a page with a load error.
struct LoadedPage {
    std::optional<std::string> text;  // set once the page passed the input checks
    std::optional<Page> page;
    Diagnostics diagnostics;
};
LoadedPage load_page(const FileSystem& files, const std::string& content_dir, const std::string& path);

// registry.json of `content_dir` and the sources file it names, read and
// loaded; their texts go to `texts` (by path).
Registry load_registry_files(const FileSystem& files, const std::string& content_dir, const std::string& registry_path,
                             std::map<std::string, std::string>& texts, Diagnostics& out);

// Slugs taken by pages the generator writes itself.
bool is_reserved_slug(const std::string& slug);

// Reads pages on `jobs` threads (1: on the calling thread); the result does
// not depend on `jobs`.
LoadedContent load_content(const FileSystem& files, const std::string& content_dir, Diagnostics& out, int jobs = 1);

}  // namespace sourced
