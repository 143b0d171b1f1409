// Escaping for HTML text and attribute values.
//
// Every string that comes from content or the registry passes through here
// (or through the template engine, which calls escape_html) before it lands
// in HTML. URL attributes additionally go through safe_url.
#pragma once

#include <string>

namespace sourced {

// Escapes & < > " ' — safe in text and in quoted attribute values.
std::string escape_html(const std::string& text);

// The URL if its scheme is http or https (or it has no scheme, i.e. it is a
// relative link), else "#". Keeps javascript:, data: and the like out of href.
std::string safe_url(const std::string& url);

}  // namespace sourced
