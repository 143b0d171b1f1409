#include "embed_block.h"

#include <set>

#include <cmark-gfm.h>

#include <uriparser/Uri.h>
#include <yaml-cpp/yaml.h>

#include "html_escape.h"
#include "input_limits.h"
#include "markdown_document.h"
#include "web_url.h"

namespace sourced {

namespace {

constexpr int kMinHeight = 50;
constexpr int kMaxHeight = 4000;

// The host of an accepted web URL ("https://x.org:8080/a" -> "x.org").
std::string host_of(const std::string& url) {
    UriUriA uri{};
    const char* error = nullptr;
    if (uriParseSingleUriA(&uri, url.c_str(), &error) != URI_SUCCESS) return {};
    std::string host = uri.hostText.first ? std::string(uri.hostText.first, uri.hostText.afterLast) : "";
    uriFreeUriMembersA(&uri);
    return host;
}

}  // namespace

bool is_embed_block(const std::string& fence_info) {
    return fence_info == "embed" || fence_info.rfind("embed ", 0) == 0;
}

std::optional<EmbedUse> parse_embed_block(const std::string& path, const std::string& yaml, int line, int column,
                                          const std::vector<std::string>& embed_hosts, Diagnostics& out) {
    EmbedUse embed;
    embed.line = line;
    embed.column = column;
    auto fail = [&](const std::string& code, const std::string& message) {
        out.error(path, line, column, code, message);
        return std::nullopt;
    };
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        return fail("EMBED003", "embed block is not YAML: " + e.msg);
    }
    if (!root.IsMap()) return fail("EMBED003", "an embed block is a map: 'url: https://...', 'title: ...', 'height: 400'");
    std::string url_text;
    bool has_url = false;
    for (const auto& field : root) {
        std::string key = field.first.Scalar();
        if (!field.second.IsScalar()) return fail("EMBED003", "embed key '" + key + "' must be a single value");
        std::string value = field.second.Scalar();
        if (auto code = control_character(value)) return fail("EMBED003", "embed key '" + key + "' holds the control character " + *code);
        if (key == "url") {
            url_text = value;
            has_url = true;
        } else if (key == "title") {
            embed.title = value;
        } else if (key == "height") {
            try {
                embed.height = field.second.as<int>();
            } catch (const YAML::Exception&) {
                embed.height = -1;
            }
            if (embed.height < kMinHeight || embed.height > kMaxHeight)
                return fail("EMBED003", "embed height '" + value + "' must be a whole number of pixels from " +
                                            std::to_string(kMinHeight) + " to " + std::to_string(kMaxHeight));
        } else {
            return fail("EMBED003", "unknown embed key '" + key + "' (known: url, title, height)");
        }
    }
    if (!has_url || url_text.empty()) return fail("EMBED002", "embed block has no 'url'");
    WebUrl url = normalise_web_url(url_text);
    if (!url.ok()) return fail("EMBED002", "embed URL '" + url_text + "' " + url.problem);
    embed.url = url.url;
    embed.host = host_of(embed.url);
    if (embed.title.empty())
        return fail("EMBED003", "embed block has no 'title': it names the frame for screen readers and the link to it");
    bool allowed = false;
    for (const std::string& host : embed_hosts) allowed = allowed || host == embed.host;
    if (!allowed)
        return fail("EMBED001", "embed host '" + embed.host + "' is not in site.json's embed_hosts" +
                                    (embed_hosts.empty() ? std::string(" (it lists none)") : std::string()) +
                                    "; add it there if you trust it to run scripts in a frame on your pages");
    return embed;
}

std::string embed_html(const EmbedUse& embed) {
    const std::string url = escape_html(embed.url), title = escape_html(embed.title);
    // sandbox: scripts run (charts need them) in an opaque origin, without
    // allow-same-origin, forms, top navigation or downloads; links may open a
    // new tab. No referrer leaves the reader's browser.
    return "<figure class=\"embed\">\n<iframe class=\"embed__frame\" src=\"" + url + "\" title=\"" + title +
           "\" height=\"" + std::to_string(embed.height) +
           "\" loading=\"lazy\" referrerpolicy=\"no-referrer\" sandbox=\"allow-scripts allow-popups\"></iframe>\n"
           "<figcaption class=\"embed__link\"><a href=\"" + url + "\">" + title + "</a> (" +
           escape_html(embed.host) + ")</figcaption>\n</figure>\n";
}

std::vector<EmbedUse> resolve_embeds(const std::string& path, const MarkdownDocument& doc,
                                     const std::vector<std::string>& embed_hosts, Diagnostics& out) {
    std::vector<EmbedUse> embeds;
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) continue;
        const char* info = cmark_node_get_fence_info(node);
        if (!info || !is_embed_block(info)) continue;
        const char* literal = cmark_node_get_literal(node);
        auto embed = parse_embed_block(path, literal ? literal : "", doc.file_line(node), doc.file_column(node),
                                       embed_hosts, out);
        if (!embed) continue;
        embed->block = node;
        embeds.push_back(std::move(*embed));
    }
    cmark_iter_free(iter);
    return embeds;
}

void report_omitted_html(const std::string& path, const MarkdownDocument& doc, Diagnostics& out) {
    for (const auto& omitted : doc.omitted_html()) {
        std::string first = omitted.html.substr(0, omitted.html.find_first_of(" \t\r\n>"));
        std::string tag = first.size() > 1 ? first.substr(1) : first;
        for (char& c : tag)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        std::string hint = tag == "iframe" ? "; to embed a chart, use an ```embed block (docs/markdown.md)"
                                           : "; write it in Markdown";
        out.warning(path, doc.file_line(omitted.node), doc.file_column(omitted.node), "HTML001",
                    "raw HTML '<" + tag + ">' is not rendered (the page gets a comment in its place)" + hint);
    }
}

}  // namespace sourced
