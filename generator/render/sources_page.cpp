#include "sources_page.h"

#include "site_views.h"

namespace sourced {

SourcesRender::SourcesRender(const Registry& registry, const UsageIndex& usage, LinkStyle links)
    : EntryList(registry.sources.size()), registry_(registry), usage_(usage), links_(std::move(links)),
      figures_(sources_figure_lists(registry, links_)) {}

std::string SourcesRender::entry(size_t index, const TemplateEngine& engine) const {
    return engine.render("source-entry",
                         source_entry_view(registry_.sources[index], figures_[index], registry_, usage_, links_));
}

nlohmann::json SourcesRender::list_view() const { return sources_view(registry_); }

std::string render_sources(const std::vector<TemplateEngine>& templates, const Registry& registry,
                           const UsageIndex& usage, const LinkStyle& links) {
    SourcesRender sources(registry, usage, links);
    sources.render_all(templates);
    return sources.page(templates.front());
}

}  // namespace sourced
