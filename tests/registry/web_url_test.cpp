#include <catch2/catch.hpp>

#include "web_url.h"

using namespace sourced;

namespace {
std::string accepted(const std::string& text) {
    WebUrl url = normalise_web_url(text);
    INFO(text << ": " << url.problem);
    CHECK(url.ok());
    return url.url;
}

std::string refused(const std::string& text) {
    WebUrl url = normalise_web_url(text);
    INFO(text << " -> " << url.url);
    CHECK_FALSE(url.ok());
    CHECK(url.url.empty());
    return url.problem;
}
}  // namespace

TEST_CASE("web URLs are percent-encoded where they must be and normalised per RFC 3986", "[url]") {
    CHECK(accepted("https://example.org/a b?q=c d#e f") == "https://example.org/a%20b?q=c%20d#e%20f");
    CHECK(accepted("https://example.org/caf\xC3\xA9?s=\xE2\x82\xAC") == "https://example.org/caf%C3%A9?s=%E2%82%AC");
    CHECK(accepted("https://example.org/\"<x>\"{|}^`\\") == "https://example.org/%22%3Cx%3E%22%7B%7C%7D%5E%60%5C");
    CHECK(accepted("HTTPS://Example.ORG/A/./b/../C") == "https://example.org/A/C");  // path case is kept
    CHECK(accepted("https://example.org/%7euser/%2f?x=%41") == "https://example.org/~user/%2F?x=A");
    CHECK(accepted("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x");
    CHECK(accepted("https://example.org") == "https://example.org");
    CHECK(accepted("https://arxiv.org/abs/2412.19437") == "https://arxiv.org/abs/2412.19437");  // unchanged
    CHECK(accepted("https://a-b_c.example.org/(x);y=1,2") == "https://a-b_c.example.org/(x);y=1,2");
}

TEST_CASE("web URLs that do not parse or are not plain http(s) links are refused with the reason", "[url]") {
    CHECK(refused("javascript:alert(1)") == "must start with http:// or https://");
    CHECK(refused("ftp://example.org/x") == "must start with http:// or https://");
    CHECK(refused("//example.org/x") == "must start with http:// or https://");
    CHECK(refused("http://[::1") == "is not a URL (RFC 3986): it ends too early");
    CHECK(refused("http://x/%zz") ==
          "is not a URL (RFC 3986): the '%' at character 10 does not start a percent-encoded byte (%XX; write '%' "
          "itself as %25)");
    CHECK(refused("https://x/a#b#c") == "is not a URL (RFC 3986): unexpected '#' at character 14");
    CHECK(refused("https://x/caf\xC3\xA9/a#b#c") == "is not a URL (RFC 3986): unexpected '#' at character 20");
    CHECK(refused("http://exa mple.com/") == "has a host 'exa mple.com' that may hold only letters, digits, '-', '.' and '_'");
    CHECK(refused("https://b\xC3\xBC" "cher.de/") ==
          "has a host 'b\xC3\xBC" "cher.de' that is not ASCII: write an internationalised domain name in punycode "
          "(xn--...); sourced does not convert it");
    CHECK(refused("https://trusted.org@evil.example/") ==
          "holds user info ('trusted.org@'), which hides the host the link goes to");
    CHECK(refused("https://example.org\\@evil.example/") ==
          "holds user info ('example.org\\@'), which hides the host the link goes to");
    CHECK(refused("http:///x") == "has no host (write http://host/...)");
    CHECK(refused("http:x") == "has no host (write http://host/...)");
    CHECK(refused("https://example.org:99999/") == "has a port '99999' over 65535");
    CHECK(refused("https://example.org/\x1b[31m") == "holds a control character");
}

TEST_CASE("a DOI becomes a doi.org URL with what a path cannot hold encoded", "[url]") {
    CHECK(doi_url("10.1000/182") == "https://doi.org/10.1000/182");
    CHECK(doi_url("10.1002/(SICI)1097-4636(199706)35:4<481::AID-JBM6>3.0.CO;2-8") ==
          "https://doi.org/10.1002/(SICI)1097-4636(199706)35:4%3C481::AID-JBM6%3E3.0.CO;2-8");
    CHECK(doi_url("10.1000/a b#c?d%e") == "https://doi.org/10.1000/a%20b%23c%3Fd%25e");
    CHECK(normalise_web_url(doi_url("10.1000/a b#c?d%e[1]")).ok());
}
