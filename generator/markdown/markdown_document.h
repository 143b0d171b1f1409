// A parsed Markdown page: RAII owner of one cmark-gfm tree.
//
// Owns the parser options sourced uses everywhere (GFM table, strikethrough,
// autolink, tagfilter, tasklist; footnotes; source positions; UTF-8
// validation), neutralising the author's raw HTML and unsafe URLs as soon as
// the tree is parsed, and rendering the tree to an HTML fragment.
// Each document has its own parser and tree, so documents can be processed on
// different threads once register_markdown_extensions() has run. Also owns
// the parse budget's watchdog (parse_within): cmark-gfm cannot be stopped, so
// a large page is parsed on a thread of its own that is abandoned when the
// budget runs out.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct cmark_node;
struct cmark_parser;

namespace sourced {

// Registers the GFM extensions; call once before any thread parses.
void register_markdown_extensions();

class MarkdownDocument {
public:
    // `first_line` is the file line where `markdown` starts, so node
    // positions can be reported as lines of the whole file.
    MarkdownDocument(const std::string& markdown, int first_line);
    ~MarkdownDocument();

    // The same parse within `budget_seconds` of wall time, or nothing. A
    // page of at most `inline_bytes` is parsed on the calling thread (no
    // input that small parses for long: see docs/security.md); a larger one on
    // a thread of its own, which is abandoned when the budget runs out: it
    // frees its tree when cmark-gfm returns, and the caller goes on at once.
    // Nothing either when `max_abandoned` abandoned parses are still running.
    static std::unique_ptr<MarkdownDocument> parse_within(const std::string& markdown, int first_line,
                                                          double budget_seconds, std::size_t inline_bytes,
                                                          int max_abandoned);
    // Abandoned parses whose cmark-gfm call has not returned yet.
    static int abandoned_parses_running();

    MarkdownDocument(const MarkdownDocument&) = delete;
    MarkdownDocument& operator=(const MarkdownDocument&) = delete;

    cmark_node* root() const { return root_; }
    int file_line(cmark_node* node) const;    // 1-based line in the file
    int file_column(cmark_node* node) const;  // 1-based column
    // Position of a node made after parsing (cmark has no setter): a file line and column.
    void set_position(cmark_node* node, int file_line, int column) { positions_[node] = {file_line, column}; }
    std::string render_html() const;          // fragment; raw HTML filtered

    // The author's raw HTML that became a comment, in document order: its
    // node (now the comment) and the HTML as written, closing tags and
    // comments left out (they hide nothing a reader would miss).
    struct OmittedHtml {
        cmark_node* node = nullptr;
        std::string html;
    };
    const std::vector<OmittedHtml>& omitted_html() const { return omitted_; }

private:
    MarkdownDocument(cmark_parser* parser, cmark_node* root, int first_line);  // takes both
    cmark_parser* parser_ = nullptr;
    cmark_node* root_ = nullptr;
    int line_offset_ = 0;
    std::map<cmark_node*, std::pair<int, int>> positions_;
    std::vector<OmittedHtml> omitted_;
};

// The plain text of a node's descendants (text, code, breaks as spaces).
std::string node_plain_text(cmark_node* node);

}  // namespace sourced
