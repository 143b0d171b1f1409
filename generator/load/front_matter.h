// YAML front matter of a page: split it from the body and read its keys.
//
// Owns the page's metadata (title, summary, date, weight, slug, draft) and
// the rules that an unknown or repeated key is an error at its own line and
// column, so a typo such as `titel:` is caught, and that a value carries no
// control character (YAML's "\e" and "\0" escapes) into the site.
#pragma once

#include <cstddef>
#include <string>

#include "diagnostics.h"

namespace sourced {

// The longest slug (bytes): it names files, <slug>.html and
// cards/chart-<slug>-<n>.embed.html, and a file name may have 255 bytes.
constexpr std::size_t kMaxSlugBytes = 200;

struct FrontMatter {
    std::string title;
    int title_line = 0;    // where the title's value is (0: no title)
    int title_column = 0;
    std::string summary;
    std::string date;   // YYYY-MM-DD, or empty
    int weight = 1000;  // navigation order, smallest first
    std::string slug;   // empty: derived from the file name
    bool draft = false;
    std::string lang;   // Pandoc's `lang` (BCP 47): how the page writes numbers; empty: site.json's language
};

struct SplitPage {
    std::string yaml;     // text between the --- lines (empty if none)
    std::string body;     // Markdown after the closing ---
    int yaml_line = 1;    // line of the file where `yaml` starts
    int body_line = 1;    // line of the file where `body` starts
    bool has_front_matter = false;
};

// Splits "---\n<yaml>\n---\n<body>". Without an opening ---, all is body.
SplitPage split_front_matter(const std::string& text);

// Reads the YAML. Positions in diagnostics are lines of the whole file.
FrontMatter parse_front_matter(const std::string& path, const SplitPage& page, Diagnostics& out);

}  // namespace sourced
