// The sources page (sources/index.html, and the sources section of a
// report): every source of the registry, the figures that rest on it and the
// pages that cite it.
//
// Owns rendering it the way the ledger is rendered (entry_list.h): each
// source's entry on its own with the `source-entry` template, in chunks on
// all threads, then the `sources` template around them, in registry order.
// On a large site it is the second largest page (each source lists its
// figures and every page citing it).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entry_list.h"
#include "link_style.h"
#include "registry.h"
#include "template_engine.h"
#include "usage_index.h"

namespace sourced {

class SourcesRender : public EntryList {
public:
    SourcesRender(const Registry& registry, const UsageIndex& usage, LinkStyle links);
    std::string entry(size_t index, const TemplateEngine& engine) const override;

protected:
    std::string list_template() const override { return "sources"; }
    nlohmann::json list_view() const override;

private:
    const Registry& registry_;
    const UsageIndex& usage_;
    LinkStyle links_;
    std::vector<nlohmann::json> figures_;  // per source: the figures resting on it
};

// The sources page's HTML (without the layout), on one engine per thread.
std::string render_sources(const std::vector<TemplateEngine>& templates, const Registry& registry,
                           const UsageIndex& usage, const LinkStyle& links);

}  // namespace sourced
