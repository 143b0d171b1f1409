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
};

SiteConfig load_site_config(const std::string& path, const std::string& text, Diagnostics& out);

// "https://x.org/a" -> "https://x.org/a/"; reports a non-http(s) URL.
std::string normalise_base_url(const std::string& url, const std::string& path, Diagnostics& out);

}  // namespace sourced
