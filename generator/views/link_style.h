// Where links between the generated pages point.
//
// A site has many files: a figure's ledger entry is figures/index.html#fig-ID,
// reached from a page through a relative `root` ("" or "../"). A single-file
// report has one: the same entry is the in-file anchor #fig-ID. Markup code
// asks a LinkStyle for targets instead of building paths itself.
#pragma once

#include <string>

namespace sourced {

struct LinkStyle {
    std::string root;          // relative path from the page to the site root
    bool single_file = false;  // every target is an anchor in one file

    LinkStyle() = default;
    LinkStyle(std::string root_path) : root(std::move(root_path)) {}  // NOLINT: a root is a site LinkStyle
    LinkStyle(const char* root_path) : root(root_path) {}              // NOLINT

    static LinkStyle one_file() {
        LinkStyle style;
        style.single_file = true;
        return style;
    }

    std::string figure(const std::string& id) const {
        return single_file ? "#fig-" + id : root + "figures/index.html#fig-" + id;
    }
    std::string source(const std::string& id) const {
        return single_file ? "#source-" + id : root + "sources/index.html#source-" + id;
    }
    // A page, or an element on it when `anchor` is not empty. In one file,
    // element ids are already unique (prefixed), so the anchor is enough.
    std::string page(const std::string& slug, const std::string& anchor = "") const {
        if (single_file) return "#" + (anchor.empty() ? "page-" + slug : anchor);
        return root + slug + ".html" + (anchor.empty() ? "" : "#" + anchor);
    }
};

}  // namespace sourced
