#include "web_url.h"

#include <cstring>
#include <memory>
#include <vector>

#include <uriparser/Uri.h>

namespace sourced {

namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

bool is_sub_delim(unsigned char c) { return std::strchr("!$&'()*+,;=", c) != nullptr && c != '\0'; }

// Printable ASCII that RFC 3986 allows nowhere in a URI (section 2).
bool never_in_uri(unsigned char c) { return c == ' ' || (c != '\0' && std::strchr("\"<>\\^`{|}", c) != nullptr); }

void append_percent(std::string& out, unsigned char c) {
    static const char hex[] = "0123456789ABCDEF";
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
}

std::string range_text(const UriTextRangeA& range) {
    if (!range.first || !range.afterLast) return {};
    return std::string(range.first, range.afterLast);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The percent-decoded text (for messages: "exa%20mple.com" -> "exa mple.com").
std::string decoded(std::string text) {
    std::vector<char> buffer(text.begin(), text.end());
    buffer.push_back('\0');
    uriUnescapeInPlaceA(buffer.data());
    return std::string(buffer.data());
}

// The URI's parts, freed with it.
struct ParsedUri {
    UriUriA uri{};
    bool parsed = false;
    ~ParsedUri() {
        if (parsed) uriFreeUriMembersA(&uri);
    }
};

}  // namespace

WebUrl normalise_web_url(const std::string& text) {
    WebUrl result;
    // Percent-encode what a URL can never hold; `origin[i]` is the byte of
    // `text` that byte i of `encoded` came from, to name it in a message.
    std::string encoded;
    std::vector<std::size_t> origin;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            result.problem = "holds a control character";
            return result;
        }
        if (c >= 0x80 || never_in_uri(c)) append_percent(encoded, c);
        else encoded += static_cast<char>(c);
        origin.resize(encoded.size(), i);
    }
    origin.push_back(text.size());

    ParsedUri parsed;
    const char* error_at = nullptr;
    if (uriParseSingleUriExA(&parsed.uri, encoded.data(), encoded.data() + encoded.size(), &error_at) != URI_SUCCESS) {
        std::size_t at = error_at ? static_cast<std::size_t>(error_at - encoded.data()) : encoded.size();
        std::size_t original = origin[std::min(at, origin.size() - 1)];
        std::string scheme = lower(text.substr(0, text.find(':') == std::string::npos ? 0 : text.find(':')));
        if (scheme != "http" && scheme != "https") result.problem = "must start with http:// or https://";
        else if (original >= text.size()) result.problem = "is not a URL (RFC 3986): it ends too early";
        else if (std::size_t percent = text.rfind('%', original); percent != std::string::npos && original - percent <= 2)
            result.problem = "is not a URL (RFC 3986): the '%' at character " + std::to_string(percent + 1) +
                             " does not start a percent-encoded byte (%XX; write '%' itself as %25)";
        else
            result.problem = "is not a URL (RFC 3986): unexpected '" + std::string(1, text[original]) +
                             "' at character " + std::to_string(original + 1);
        return result;
    }
    parsed.parsed = true;
    const UriUriA& uri = parsed.uri;
    std::string scheme = lower(range_text(uri.scheme));
    if (scheme != "http" && scheme != "https") {
        result.problem = "must start with http:// or https://";
        return result;
    }
    std::string host = range_text(uri.hostText);
    if (host.empty()) {
        result.problem = "has no host (write http://host/...)";
        return result;
    }
    if (!uri.hostData.ip4 && !uri.hostData.ip6) {
        if (uri.hostData.ipFuture.first) {
            result.problem = "has a host '[" + host + "]' that is not an IPv6 address";
            return result;
        }
        std::string plain = decoded(host);
        for (unsigned char c : plain)
            if (c >= 0x80) {
                result.problem = "has a host '" + plain +
                                 "' that is not ASCII: write an internationalised domain name in punycode "
                                 "(xn--...); sourced does not convert it";
                return result;
            }
        for (unsigned char c : plain)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '.' || c == '_')) {
                result.problem = "has a host '" + plain + "' that may hold only letters, digits, '-', '.' and '_'";
                return result;
            }
    }
    if (uri.userInfo.first) {
        result.problem = "holds user info ('" + decoded(range_text(uri.userInfo)) +
                         "@'), which hides the host the link goes to";
        return result;
    }
    if (std::string port = range_text(uri.portText); port.size() > 5 || (!port.empty() && std::stol(port) > 65535)) {
        result.problem = "has a port '" + port + "' over 65535";
        return result;
    }
    if (uriNormalizeSyntaxA(&parsed.uri) != URI_SUCCESS) {
        result.problem = "cannot be normalised (RFC 3986)";
        return result;
    }
    int required = 0;
    if (uriToStringCharsRequiredA(&parsed.uri, &required) != URI_SUCCESS) {
        result.problem = "cannot be written back (RFC 3986)";
        return result;
    }
    std::vector<char> out(static_cast<std::size_t>(required) + 1);
    if (uriToStringA(out.data(), &parsed.uri, required + 1, nullptr) != URI_SUCCESS) {
        result.problem = "cannot be written back (RFC 3986)";
        return result;
    }
    result.url.assign(out.data());
    return result;
}

std::string doi_url(const std::string& doi) {
    std::string url = "https://doi.org/";
    for (unsigned char c : doi) {
        if (is_unreserved(c) || is_sub_delim(c) || c == ':' || c == '@' || c == '/') url += static_cast<char>(c);
        else append_percent(url, c);
    }
    return url;
}

}  // namespace sourced
