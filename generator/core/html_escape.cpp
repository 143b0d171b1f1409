#include "html_escape.h"

#include <cctype>

namespace sourced {

std::string escape_html(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string safe_url(const std::string& url) {
    for (unsigned char c : url)
        if (c < 0x20 || c == 0x7f) return "#";
    std::string lower;
    for (unsigned char c : url) {
        if (c == ':' || c == '/' || c == '?' || c == '#') {
            lower += static_cast<char>(c);
            break;
        }
        lower += static_cast<char>(std::tolower(c));
    }
    if (lower.empty() || lower.back() != ':') return url;  // no scheme: relative
    if (lower == "http:" || lower == "https:" || lower == "mailto:") return url;
    return "#";
}

}  // namespace sourced
