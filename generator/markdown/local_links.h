// The resolve stage for links and images to files of the site itself.
//
// Owns reading a page's relative links and images: which are local (no
// scheme, not "//host"), the site path each leads to and its fragment, and
// the rewrite of a link to a Markdown file (`post-training.md#costs`) to the
// page made from it (`training-costs.html#costs`), relative to the site root
// where every page is written, so the site still works from file://. A `.md`
// or image path is read relative to the Markdown file (as GitHub, mdBook and
// Quarto read it); any other link relative to the page's output. It records
// what it found (ResolvedPage::local_links); whether each target exists is
// the check stage's (link_checks.h), copying images the build's.
#pragma once

#include <functional>
#include <string>
#include <vector>

struct cmark_node;

namespace sourced {

class MarkdownDocument;

struct LocalLink {
    cmark_node* node = nullptr;  // null once the tree is gone
    std::string written;         // the URL as written
    std::string href;            // what the page's HTML links to (a .md link or image rewritten; else `written`)
    std::string target;          // site path ("figures/index.html"); empty: the page itself
    std::string fragment;        // after '#', percent-decoded; empty: none
    std::string source;          // a .md link or an image: the content file it names ("content/pages/x.md")
    bool markdown = false;       // written to a .md file
    bool image = false;          // ![alt](path)
    bool outside = false;        // leads above the site root or the content directory
    bool root_relative = false;  // "/x.html": works only where the site is the whole host
    int line = 0;
    int column = 0;
};

// True if `url` names a file of the site: no scheme ("https:", "fig:",
// "mailto:"), not protocol-relative ("//host"), not empty.
bool is_local_url(const std::string& url);

// "a/./b/../c.html" -> "a/c.html" (lexically; "../x" stays "../x").
std::string normal_file_path(const std::string& path);

// The slug of the page made from a Markdown file (its path as the loader
// gave it, normalised), or "" if no page is made from it.
using PageSlugOf = std::function<std::string(const std::string& markdown_path)>;

// Finds the page's local links and images. A .md link that names a page
// (`slug_of`) gets that page's output path as its href, fragment kept; an
// image under `content_dir` its path in the site (the same path relative to
// the site root as to the content directory). `page_path` is the Markdown
// file's path. The tree is not changed: render_page_body sets the hrefs.
std::vector<LocalLink> resolve_local_links(const MarkdownDocument& doc, const std::string& page_path,
                                           const std::string& content_dir, const PageSlugOf& slug_of);

}  // namespace sourced
