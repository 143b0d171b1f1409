#include "page_layout.h"

namespace sourced {

std::string in_layout(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                      const std::string& description, const std::string& root, const std::string& href,
                      const std::string& content_html) {
    return templates.render_around("layout", layout_view(site, title, description, root, href, ""), "content",
                                   content_html);
}

std::string in_layout(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                      const std::string& description, const std::string& root, const std::string& href,
                      const std::string& inner_template, const nlohmann::json& inner_view) {
    return in_layout(templates, site, title, description, root, href, templates.render(inner_template, inner_view));
}

}  // namespace sourced
