#include "site_config.h"

#include <set>

#include "json_document.h"
#include "suggestion.h"
#include "web_url.h"

namespace sourced {

std::string normalise_base_url(const std::string& url, const std::string& path, Diagnostics& out, int line,
                               int column) {
    if (url.empty()) return url;
    WebUrl accepted = normalise_web_url(url);
    if (accepted.ok() && accepted.url.find_first_of("?#") != std::string::npos)
        accepted.problem = "has a query or fragment (page paths are added to a base URL)";
    if (!accepted.ok()) {
        out.error(path, line, column, "CFG002", "base URL '" + url + "' " + accepted.problem);
        return {};
    }
    return accepted.url.back() == '/' ? accepted.url : accepted.url + "/";
}

SiteConfig load_site_config(const std::string& path, const std::string& text, Diagnostics& out) {
    SiteConfig config;
    JsonPositions positions;
    auto document = parse_json_document(path, text, out, &positions, default_input_limits().max_site_string_bytes);
    if (!document) return config;
    if (!document->is_object()) {
        out.error(path, 1, 1, "CFG001", "site settings must be a JSON object");
        return config;
    }
    static const std::set<std::string> known = {"title", "description", "base_url", "language", "authors"};
    for (const auto& item : document->items()) {
        TextPosition pos = position_of_offset(text, text.find("\"" + item.key() + "\""));
        if (!known.count(item.key())) {
            std::string suggestion = did_you_mean(item.key(), {known.begin(), known.end()});
            out.error(path, pos.line, pos.column, "CFG001",
                      "unknown setting '" + item.key() + "'" +
                          (suggestion.empty() ? " (known: title, description, base_url, language, authors)" : suggestion));
            continue;
        }
        if (item.key() == "authors") {
            bool ok = item.value().is_array();
            if (ok)
                for (const auto& a : item.value()) {
                    if (a.is_string()) config.authors.push_back(a.get<std::string>());
                    else ok = false;
                }
            if (!ok) out.error(path, pos.line, pos.column, "CFG001", "'authors' must be a list of names");
            continue;
        }
        if (!item.value().is_string()) {
            out.error(path, pos.line, pos.column, "CFG001", "'" + item.key() + "' must be a string");
            continue;
        }
        std::string value = item.value().get<std::string>();
        if (item.key() == "title") config.title = value;
        else if (item.key() == "description") config.description = value;
        else if (item.key() == "language") config.language = value;
        else if (item.key() == "base_url") {
            TextPosition at = positions.value(positions.member(positions.root(), "base_url"));
            config.base_url = normalise_base_url(value, path, out, at.line, at.column);
        }
    }
    return config;
}

}  // namespace sourced
