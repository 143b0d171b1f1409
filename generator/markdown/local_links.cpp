#include "local_links.h"

#include <cmark-gfm.h>

#include <filesystem>
#include <vector>

#include <uriparser/Uri.h>

#include "ascii.h"
#include "markdown_document.h"

namespace sourced {

namespace {

std::string percent_decoded(const std::string& text) {
    std::vector<char> buffer(text.begin(), text.end());
    buffer.push_back('\0');
    uriUnescapeInPlaceA(buffer.data());
    return std::string(buffer.data());
}

std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

bool leads_above(const std::string& normal) { return normal == ".." || normal.rfind("../", 0) == 0; }

}  // namespace

bool is_local_url(const std::string& url) {
    if (url.empty() || url.rfind("//", 0) == 0) return false;
    // RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    if (!is_ascii_alpha(url[0])) return true;
    for (char c : url) {
        if (c == ':') return false;
        if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.')) return true;
    }
    return true;
}

std::string normal_file_path(const std::string& path) {
    std::string normal = std::filesystem::path(path).lexically_normal().generic_string();
    return normal == "." ? std::string() : normal;
}

std::vector<LocalLink> resolve_local_links(const MarkdownDocument& doc, const std::string& page_path,
                                           const std::string& content_dir, const PageSlugOf& slug_of) {
    std::vector<LocalLink> links;
    std::string content_root = normal_file_path(content_dir);
    if (!content_root.empty() && content_root.back() != '/') content_root += '/';
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
        const char* url_text = cmark_node_get_url(node);
        std::string url = url_text ? url_text : "";
        if (!is_local_url(url)) continue;
        LocalLink link;
        link.node = node;
        link.written = url;
        link.href = url;
        link.image = type == CMARK_NODE_IMAGE;
        link.line = doc.file_line(node);
        link.column = doc.file_column(node);
        std::string path = url, fragment_raw;
        if (auto hash = path.find('#'); hash != std::string::npos) {
            fragment_raw = path.substr(hash);  // with its '#'
            link.fragment = percent_decoded(path.substr(hash + 1));
            path.erase(hash);
        }
        if (auto query = path.find('?'); query != std::string::npos) path.erase(query);
        path = percent_decoded(path);
        if (path.empty()) {
            if (link.image) link.outside = true;  // ![](#x): no file at all
            links.push_back(std::move(link));
            continue;
        }
        if (path[0] == '/') {
            link.root_relative = true;
            links.push_back(std::move(link));
            continue;
        }
        bool markdown = !link.image && path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0;
        if (link.image || markdown) {
            // Relative to the Markdown file, as on GitHub.
            link.source = normal_file_path(directory_of(page_path) + path);
            link.markdown = markdown;
            if (markdown) {
                std::string slug = slug_of(link.source);
                if (!slug.empty()) {
                    link.target = slug + ".html";
                    link.href = link.target + fragment_raw;
                }
            } else if (content_root.empty() ? !leads_above(link.source) && link.source[0] != '/'
                                            : link.source.rfind(content_root, 0) == 0) {
                link.target = link.source.substr(content_root.size());
                link.href = link.target;
            } else {
                link.outside = true;
            }
            links.push_back(std::move(link));
            continue;
        }
        std::string normal = normal_file_path(path);
        if (leads_above(normal)) link.outside = true;
        else if (normal.empty() || normal.back() == '/') link.target = normal + "index.html";
        else link.target = normal;
        links.push_back(std::move(link));
    }
    cmark_iter_free(iter);
    return links;
}

}  // namespace sourced
