// The ```embed fenced block: a chart or map from an allowed host, in a frame.
//
// Owns reading the block (YAML: `url`, `title`, `height`), accepting its URL
// (web_url.h: http(s) only, parsed and normalised) only if its host is
// exactly one of site.json's `embed_hosts` (no subdomains, no wildcard), and
// the markup it becomes: a sandboxed, lazily loaded <iframe> with a title for
// screen readers, and a link to the chart for readers without frames or
// JavaScript. Everything written is escaped. Errors at the fence's line:
//   EMBED001  the URL's host is not in embed_hosts
//   EMBED002  no url, or a URL web_url.h refuses
//   EMBED003  the block is not a map of url, title, height (unknown key, no
//             title, a height that is not 50-4000)
// (EMBED004, a bad embed_hosts entry, is site_config.h's.) Also owns HTML001,
// the warning for the author's raw HTML that the page drops (an <iframe> is
// pointed to this block).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"

struct cmark_node;

namespace sourced {

struct EmbedUse {
    cmark_node* block = nullptr;  // null once the tree is gone
    std::string url;              // normalised
    std::string host;
    std::string title;
    int height = 400;             // CSS pixels
    int line = 0;
    int column = 0;
};

// The info string that marks an embed block.
bool is_embed_block(const std::string& fence_info);

// Reads the block's text; `line`/`column` are the fence's file position.
std::optional<EmbedUse> parse_embed_block(const std::string& path, const std::string& yaml, int line, int column,
                                          const std::vector<std::string>& embed_hosts, Diagnostics& out);

// The block's HTML.
std::string embed_html(const EmbedUse& embed);

class MarkdownDocument;

// Every ```embed block of the page, read and checked.
std::vector<EmbedUse> resolve_embeds(const std::string& path, const MarkdownDocument& doc,
                                     const std::vector<std::string>& embed_hosts, Diagnostics& out);

// HTML001: a warning at each piece of raw HTML the page drops.
void report_omitted_html(const std::string& path, const MarkdownDocument& doc, Diagnostics& out);

}  // namespace sourced
