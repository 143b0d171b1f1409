// Where each figure and source is used across the whole site.
//
// Built once from every page's resolved references, after all pages are
// resolved; the ledger and the sources page read it for their back-links,
// and the checks read it to find figures and sources nothing uses.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reference_resolver.h"

namespace sourced {

struct Use {
    std::string page_slug;
    std::string page_title;
    std::string anchor;  // element id on that page

    bool operator==(const Use& other) const {
        return page_slug == other.page_slug && page_title == other.page_title && anchor == other.anchor;
    }
};

struct UsageIndex {
    std::map<std::string, std::vector<Use>> figures;  // figure id -> uses, in page order
    std::map<std::string, std::vector<Use>> sources;  // source id -> uses (cite: links and figure evidence)

    void add_page(const std::string& slug, const std::string& title, const ResolvedPage& page);
};

}  // namespace sourced
