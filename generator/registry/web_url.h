// Web URLs the site links to: a source's URL and archive URL, a DOI's
// doi.org URL, the site's base URL.
//
// Owns accepting one. Such a URL goes into href and src attributes, BibTeX,
// JSON-LD, feeds and cards, so it is parsed (liburiparser, RFC 3986) and
// normalised once, where it is read, and every output uses the result:
//   - bytes a URL can never hold (space, non-ASCII as its UTF-8 bytes,
//     " < > \ ^ ` { | }) are percent-encoded;
//   - scheme and host are lower-cased, %xx upper-cased, percent-encoded
//     unreserved characters decoded, dot segments removed (RFC 3986 6.2.2).
// Refused, with the reason: a scheme other than http or https; anything that
// does not parse (a '%' not followed by two hex digits, '[' or a second '#'
// outside the host, an unclosed "[::1"); no host; a host that is not ASCII
// letters, digits, '-', '.' and '_' or an IP literal (an internationalised
// domain name must be written in punycode: sourced does not convert it);
// user info ("https://trusted.org@evil.example" hides the host); a port over
// 65535; a control character. Saying where the URL was written is the
// caller's (csl_source.h, site_config.h).
#pragma once

#include <string>

namespace sourced {

struct WebUrl {
    std::string url;      // normalised; empty when refused
    std::string problem;  // why it was refused, to follow "URL '<text>' "; empty when accepted
    bool ok() const { return problem.empty(); }
};

// `text` accepted and normalised, or the problem.
WebUrl normalise_web_url(const std::string& text);

// A DOI ("10.1000/xyz") as "https://doi.org/10.1000/xyz": the DOI is a name,
// not a URL, so every byte a path cannot hold ('%', '?', '#', space, ...) is
// percent-encoded. Not yet normalised.
std::string doi_url(const std::string& doi);

}  // namespace sourced
