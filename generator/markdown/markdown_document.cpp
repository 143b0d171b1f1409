#include "markdown_document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

#include "html_escape.h"

namespace sourced {

namespace {
constexpr int kParseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
// UNSAFE only because the parse step has already neutralised every piece of
// raw HTML and every unsafe URL the author wrote (see neutralise_raw_html):
// what remains as raw HTML is the generator's own escaped markup.
constexpr int kRenderOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;  // never SOURCEPOS
const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
constexpr const char* kOmitted = "<!-- raw HTML omitted -->";

// Replaces the author's raw HTML by a comment and empties link and image
// URLs whose scheme is not http(s), mailto or relative; the same protection
// cmark-gfm gives without CMARK_OPT_UNSAFE, applied to the tree instead.
void neutralise_raw_html(cmark_node* root, std::vector<MarkdownDocument::OmittedHtml>& omitted) {
    auto note = [&omitted](cmark_node* node) {
        const char* literal = cmark_node_get_literal(node);
        std::string html = literal ? literal : "";
        size_t start = html.find_first_not_of(" \t\r\n");
        if (start == std::string::npos || html.compare(start, 2, "</") == 0 || html.compare(start, 4, "<!--") == 0) return;
        omitted.push_back({node, html.substr(start)});
    };
    cmark_iter* iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HTML_BLOCK:
                note(node);
                cmark_node_set_literal(node, (std::string(kOmitted) + "\n").c_str());
                break;
            case CMARK_NODE_HTML_INLINE:
                note(node);
                cmark_node_set_literal(node, kOmitted);
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE: {
                const char* url = cmark_node_get_url(node);
                std::string text = url ? url : "";
                bool scheme_of_ours = text.rfind("fig:", 0) == 0 || text.rfind("cite:", 0) == 0;
                if (!scheme_of_ours && safe_url(text) != text) cmark_node_set_url(node, "");
                break;
            }
            default:
                break;
        }
    }
    cmark_iter_free(iter);
}

cmark_parser* new_parser() {
    cmark_parser* parser = cmark_parser_new(kParseOptions);
    for (const char* name : kExtensions)
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser, ext);
    return parser;
}

// One parse on a thread of its own, shared by that thread and the caller
// until one of them lets go: the caller when it takes the tree, the thread
// when it finds the parse abandoned.
struct BackgroundParse {
    std::mutex mutex;
    std::condition_variable finished;
    std::string text;
    cmark_parser* parser = nullptr;
    cmark_node* root = nullptr;
    bool done = false;
    bool abandoned = false;
};

std::atomic<int> abandoned_running{0};

}  // namespace

void register_markdown_extensions() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

MarkdownDocument::MarkdownDocument(const std::string& markdown, int first_line) : line_offset_(first_line - 1) {
    register_markdown_extensions();
    parser_ = new_parser();
    cmark_parser_feed(parser_, markdown.data(), markdown.size());
    root_ = cmark_parser_finish(parser_);
    neutralise_raw_html(root_, omitted_);
}

MarkdownDocument::MarkdownDocument(cmark_parser* parser, cmark_node* root, int first_line)
    : parser_(parser), root_(root), line_offset_(first_line - 1) {
    neutralise_raw_html(root_, omitted_);
}

std::unique_ptr<MarkdownDocument> MarkdownDocument::parse_within(const std::string& markdown, int first_line,
                                                                 double budget_seconds, std::size_t inline_bytes,
                                                                 int max_abandoned) {
    if (markdown.size() <= inline_bytes) return std::make_unique<MarkdownDocument>(markdown, first_line);
    if (abandoned_running.load() >= max_abandoned) return nullptr;
    register_markdown_extensions();
    auto job = std::make_shared<BackgroundParse>();
    job->text = markdown;
    job->parser = new_parser();
    try {
        std::thread([job] {
            cmark_parser_feed(job->parser, job->text.data(), job->text.size());
            cmark_node* root = cmark_parser_finish(job->parser);
            std::unique_lock<std::mutex> lock(job->mutex);
            if (job->abandoned) {
                lock.unlock();
                cmark_node_free(root);
                cmark_parser_free(job->parser);
                std::string().swap(job->text);
                --abandoned_running;
                return;
            }
            job->root = root;
            job->done = true;
            job->finished.notify_one();
        }).detach();
    } catch (const std::system_error&) {  // no thread to be had: parse here, judged by its time afterwards
        cmark_parser_free(job->parser);
        return std::make_unique<MarkdownDocument>(markdown, first_line);
    }
    std::unique_lock<std::mutex> lock(job->mutex);
    if (!job->finished.wait_for(lock, std::chrono::duration<double>(budget_seconds), [&] { return job->done; })) {
        job->abandoned = true;
        ++abandoned_running;
        return nullptr;
    }
    return std::unique_ptr<MarkdownDocument>(new MarkdownDocument(job->parser, job->root, first_line));
}

int MarkdownDocument::abandoned_parses_running() { return abandoned_running.load(); }

MarkdownDocument::~MarkdownDocument() {
    if (root_) cmark_node_free(root_);
    if (parser_) cmark_parser_free(parser_);
}

int MarkdownDocument::file_line(cmark_node* node) const {
    if (auto it = positions_.find(node); it != positions_.end()) return it->second.first;
    return cmark_node_get_start_line(node) + line_offset_;
}

int MarkdownDocument::file_column(cmark_node* node) const {
    if (auto it = positions_.find(node); it != positions_.end()) return it->second.second;
    return cmark_node_get_start_column(node);
}

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
