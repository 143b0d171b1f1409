#include "markdown_document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace sourced {

namespace {
constexpr int kParseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
constexpr int kRenderOptions = CMARK_OPT_FOOTNOTES;  // never CMARK_OPT_UNSAFE, never SOURCEPOS
const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
}  // namespace

void register_markdown_extensions() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

MarkdownDocument::MarkdownDocument(const std::string& markdown, int first_line) : line_offset_(first_line - 1) {
    register_markdown_extensions();
    parser_ = cmark_parser_new(kParseOptions);
    for (const char* name : kExtensions)
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser_, ext);
    cmark_parser_feed(parser_, markdown.data(), markdown.size());
    root_ = cmark_parser_finish(parser_);
}

MarkdownDocument::~MarkdownDocument() {
    if (root_) cmark_node_free(root_);
    if (parser_) cmark_parser_free(parser_);
}

int MarkdownDocument::file_line(cmark_node* node) const { return cmark_node_get_start_line(node) + line_offset_; }

int MarkdownDocument::file_column(cmark_node* node) const { return cmark_node_get_start_column(node); }

std::string MarkdownDocument::render_html() const {
    char* html = cmark_render_html(root_, kRenderOptions, cmark_parser_get_syntax_extensions(parser_));
    std::string result(html ? html : "");
    std::free(html);
    return result;
}

std::string node_plain_text(cmark_node* node) {
    std::string text;
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node* current = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(current)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* literal = cmark_node_get_literal(current)) text += literal;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                text += ' ';
                break;
            default:
                break;
        }
    }
    cmark_iter_free(iter);
    return text;
}

}  // namespace sourced
