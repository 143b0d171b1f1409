// Structured data for search engines: a schema.org Article in JSON-LD for
// each page, with the page's sources as its `citation` list.
//
// Owns the JSON-LD shape and its safe embedding in HTML: the JSON is dumped
// by nlohmann (ASCII only) and every '<', '>' and '&' becomes a \u escape,
// so no string from the content can close the <script> element or open a
// comment in it (stricter than replacing "</" with "<\/").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "reference_resolver.h"
#include "registry.h"

namespace sourced {

// The Article for `page`: headline, description, date, language, authors,
// url (when the site has a base URL) and every source the page cites or
// whose evidence backs one of its figures, in order of first use.
nlohmann::json article_json_ld(const Page& page, const ResolvedPage& resolved, const Registry& registry,
                               const SiteConfig& config, const std::string& href);

// `data` as JSON text that is safe inside a <script> element.
std::string script_safe_json(const nlohmann::json& data);

// <script type="application/ld+json">…</script>, safe to put in <head>.
std::string json_ld_script(const nlohmann::json& data);

// `html` with `extra` inserted just before its first "</head>" (unchanged if none).
std::string with_head_html(std::string html, const std::string& extra);

}  // namespace sourced
