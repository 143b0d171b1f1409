// Site settings from content/site.json: title, description, base URL,
// language, authors. Owns reading and validating that one file.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"

namespace sourced {

struct SiteConfig {
    std::string title = "Untitled explainer";
    std::string description;
    std::string base_url;  // absolute http(s) URL with trailing '/', or empty
    std::string language = "en";
    std::vector<std::string> authors;
    std::vector<std::string> embed_hosts;  // hosts an ```embed block may show (embed_block.h); none by default
};

SiteConfig load_site_config(const std::string& path, const std::string& text, Diagnostics& out);

// "https://X.org/a b" -> "https://x.org/a%20b/": the URL accepted and
// normalised like a source's (web_url.h), with a query or fragment refused
// (page paths are appended to it) and a '/' at the end. A refused URL is
// CFG002 at `path`:`line`:`column` (0: none, as for "--base-url"), and "".
std::string normalise_base_url(const std::string& url, const std::string& path, Diagnostics& out, int line = 0,
                               int column = 0);

}  // namespace sourced
