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

namespace {

// "embed_hosts": ["datawrapper.dwcdn.net"]: host names, compared exactly with
// an embed URL's host (embed_block.h). A scheme, path, port or wildcard is
// EMBED004 at the entry.
void read_embed_hosts(const std::string& path, const JsonPositions& positions, const nlohmann::json& value,
                      TextPosition at, SiteConfig& config, Diagnostics& out) {
    if (!value.is_array()) {
        out.error(path, at.line, at.column, "EMBED004", "'embed_hosts' must be a list of host names");
        return;
    }
    std::vector<JsonPositions::Node> entries = positions.children(positions.member(positions.root(), "embed_hosts"));
    for (size_t i = 0; i < value.size(); ++i) {
        TextPosition where = i < entries.size() ? positions.value(entries[i]) : at;
        std::string host = value[i].is_string() ? value[i].get<std::string>() : "";
        bool ok = !host.empty() && host.front() != '.' && host.front() != '-' && host.back() != '.';
        for (char c : host) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.');
        if (!ok) {
            out.error(path, where.line, where.column, "EMBED004",
                      "embed host " + (value[i].is_string() ? "'" + host + "'" : value[i].dump()) +
                          " is not a lower-case host name such as 'datawrapper.dwcdn.net' (no scheme, path, port "
                          "or wildcard)");
            continue;
        }
        config.embed_hosts.push_back(host);
    }
}

}  // namespace

SiteConfig load_site_config(const std::string& path, const std::string& text, Diagnostics& out) {
    SiteConfig config;
    JsonPositions positions;
    auto document = parse_json_document(path, text, out, &positions, default_input_limits().max_site_string_bytes);
    if (!document) return config;
    if (!document->is_object()) {
        out.error(path, 1, 1, "CFG001", "site settings must be a JSON object");
        return config;
    }
    static const std::set<std::string> known = {"title", "description", "base_url", "language", "authors",
                                                "embed_hosts"};
    for (const auto& item : document->items()) {
        TextPosition pos = position_of_offset(text, text.find("\"" + item.key() + "\""));
        if (!known.count(item.key())) {
            std::string suggestion = did_you_mean(item.key(), {known.begin(), known.end()});
            out.error(path, pos.line, pos.column, "CFG001",
                      "unknown setting '" + item.key() + "'" +
                          (suggestion.empty() ? " (known: title, description, base_url, language, authors, embed_hosts)"
                                              : suggestion));
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
        if (item.key() == "embed_hosts") {
            read_embed_hosts(path, positions, item.value(), pos, config, out);
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
