// The site's layout around a page's own HTML.
//
// Owns putting a rendered page (an article, a site-wide page, the ledger)
// inside templates/layout.mustache with the site's navigation. Every page of
// a site build goes through here, so they share one layout.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "site_views.h"
#include "template_engine.h"

namespace sourced {

// The layout around `content_html`, spliced in rather than copied through the
// view (TemplateEngine::render_around): neither escaped nor read as a template.
std::string in_layout(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                      const std::string& description, const std::string& root, const std::string& href,
                      const std::string& content_html);
// The layout around the template `inner_template` rendered with `inner_view`.
std::string in_layout(const TemplateEngine& templates, const SiteContext& site, const std::string& title,
                      const std::string& description, const std::string& root, const std::string& href,
                      const std::string& inner_template, const nlohmann::json& inner_view);

}  // namespace sourced
