// --base-url everywhere: the shipped explainer built with a base URL uses it
// in every place a published site needs absolute URLs (canonical links,
// og:url, sitemap, robots.txt, Atom feed, JSON-LD, oEmbed, card snippets and
// citations, the 404 page), and built without one it writes no absolute URL
// of its own anywhere: every http(s) URL in the output is then one the content
// or the registry gave, or a fixed standard namespace.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "test_support.h"

using namespace sourced;

namespace {

const std::string kBase = "https://pub.example/explainer/";

BuildResult build_shipped(const std::string& base_url) {
    BuildOptions options;
    options.content_dir = std::string(SOURCED_PROJECT_DIR) + "/content";
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.base_url = base_url;
    options.write = false;
    return build_site(options, DiskFileSystem());
}

std::vector<std::string> absolute_urls(const std::string& text) {
    static const std::regex url(R"(https?://[^\s"'<>)\]\\}|]+)");
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), url); it != std::sregex_iterator(); ++it)
        found.push_back(it->str());
    return found;
}

// A URL as its text reads: HTML entities and JSON escapes undone (repeatedly:
// a snippet shown as text is escaped twice), cut where an (escaped) quote or
// bracket ends it, and without the punctuation that ends a sentence (Markdown's
// autolinks leave it out).
std::string plain_url(std::string url) {
    static const std::pair<std::string, std::string> kEscapes[] = {
        {"&amp;", "&"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"},
        {"\\u0026", "&"}, {"\\u003c", "<"}, {"\\u003e", ">"}, {"\\/", "/"}};
    for (std::string before; before != url;) {
        before = url;
        for (const auto& [from, to] : kEscapes)
            for (auto at = url.find(from); at != std::string::npos; at = url.find(from, at + to.size())) url.replace(at, from.size(), to);
    }
    url.resize(std::min(url.size(), url.find_first_of(" \t\n\"'<>)]}\\|")));
    while (!url.empty() && std::string(".,;:!?").find(url.back()) != std::string::npos) url.pop_back();
    return url;
}

// Every absolute URL the input itself contains: sources' URL, archive_url and
// DOI links in the registry, links in pages and site.json.
std::set<std::string> input_urls(const BuildResult& result) {
    std::set<std::string> urls;
    for (const auto& [path, text] : result.texts)
        for (const std::string& u : absolute_urls(text)) urls.insert(plain_url(u));
    return urls;
}

// Standard namespaces and vocabularies that templates name on purpose.
bool is_standard(const std::string& url) {
    for (const char* prefix : {"http://www.w3.org/", "https://schema.org", "http://www.sitemaps.org/", "https://doi.org/"})
        if (url.rfind(prefix, 0) == 0) return true;
    return false;
}

// The output's URL is exactly one the input holds.
bool from_input(const std::string& url, const std::set<std::string>& inputs) {
    return inputs.count(plain_url(url)) > 0;
}

}  // namespace

TEST_CASE("without a base URL no output holds an absolute URL of the site's own", "[base-url][e2e]") {
    BuildResult plain = build_shipped("");
    REQUIRE(plain.ok);
    CHECK(plain.output.count("sitemap.xml") == 0);
    CHECK(plain.output.count("feed.xml") == 0);
    std::set<std::string> inputs = input_urls(plain);
    REQUIRE_FALSE(inputs.empty());  // the shipped registry links few of its sources
    int html = 0;
    for (const auto& [path, bytes] : plain.output) {
        if (path.rfind("assets/", 0) == 0 && path != "assets/search-index.js") continue;  // copied as they are
        if (path.size() > 4 && path.compare(path.size() - 4, 4, ".png") == 0) continue;
        html += path.find(".html") != std::string::npos;
        CHECK(bytes.find("<link rel=\"canonical\" href=\"http") == std::string::npos);  // cards keep a relative one
        CHECK(bytes.find("og:url") == std::string::npos);
        for (const std::string& url : absolute_urls(bytes)) {
            INFO(path << ": " << url);
            CHECK((is_standard(url) || from_input(url, inputs)));
        }
    }
    CHECK(html > 20);
}

TEST_CASE("with --base-url every output that needs an absolute URL uses it", "[base-url][e2e]") {
    BuildResult based = build_shipped("https://pub.example/explainer");  // the trailing slash is added
    REQUIRE(based.ok);
    const auto& out = based.output;
    std::set<std::string> inputs = input_urls(based);

    // Every absolute URL is the base URL's, the input's, or a standard one.
    for (const auto& [path, bytes] : out) {
        if (path.rfind("assets/", 0) == 0 && path != "assets/search-index.js") continue;
        if (path.size() > 4 && path.compare(path.size() - 4, 4, ".png") == 0) continue;
        for (const std::string& url : absolute_urls(bytes)) {
            INFO(path << ": " << url);
            CHECK((url.rfind(kBase, 0) == 0 || is_standard(url) || from_input(url, inputs)));
        }
    }

    // Canonical and og:url on every page a reader lands on.
    int pages = 0;
    for (const auto& [path, bytes] : out) {
        bool page = path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0 && path != "404.html" &&
                    path.find(".embed.html") == std::string::npos;
        if (!page) continue;
        ++pages;
        INFO(path);
        auto canonical = bytes.find("<link rel=\"canonical\" href=\"");
        REQUIRE(canonical != std::string::npos);
        CHECK(bytes.compare(canonical + 28, kBase.size(), kBase) == 0);
        CHECK(bytes.find("<meta property=\"og:url\" content=\"" + kBase) != std::string::npos);
    }
    CHECK(pages > 20);
    CHECK(out.at("index.html").find("<link rel=\"canonical\" href=\"" + kBase + "index.html\">") != std::string::npos);

    // Crawler files.
    CHECK(out.at("robots.txt").find("Sitemap: " + kBase + "sitemap.xml") != std::string::npos);
    const std::string& sitemap = out.at("sitemap.xml");
    size_t locs = test::count_occurrences(sitemap, "<loc>");
    CHECK(locs > 5);
    CHECK(test::count_occurrences(sitemap, "<loc>" + kBase) == locs);
    const std::string& feed = out.at("feed.xml");
    CHECK(test::count_occurrences(feed, "<id>" + kBase) == test::count_occurrences(feed, "<id>"));
    CHECK(feed.find("rel=\"self\" type=\"application/atom+xml\" href=\"" + kBase + "feed.xml\"") != std::string::npos);
    CHECK(out.at("404.html").find("href=\"" + kBase + "assets/sourced.css\"") != std::string::npos);

    // JSON-LD of each Markdown page names its URL.
    const std::string& article = out.at("post-training.html");
    auto ld = article.find("<script type=\"application/ld+json\">");
    REQUIRE(ld != std::string::npos);
    auto start = article.find('>', ld) + 1;
    auto json = nlohmann::json::parse(article.substr(start, article.find("</script>", start) - start));
    CHECK(json.at("url") == kBase + "post-training.html");

    // Figure cards: oEmbed, discovery link, embed snippets on the ledger, citations.
    int oembeds = 0;
    for (const auto& [path, bytes] : out) {
        if (path.size() < 12 || path.compare(path.size() - 12, 12, ".oembed.json") != 0) continue;
        ++oembeds;
        auto o = nlohmann::json::parse(bytes);
        INFO(path);
        CHECK(o.at("provider_url") == kBase);
        CHECK(o.at("url").get<std::string>().rfind(kBase + "cards/", 0) == 0);
        CHECK(o.at("html").get<std::string>().find("src=\"" + kBase + "cards/") != std::string::npos);
        std::string card = path.substr(0, path.size() - 12) + ".html";
        CHECK(out.at(card).find("href=\"" + kBase + path + "\"") != std::string::npos);
        std::string bib = path.substr(0, path.size() - 12) + ".bib";
        if (out.count(bib)) CHECK(out.at(bib).find("url = {" + kBase + "cards/") != std::string::npos);
    }
    CHECK(oembeds > 10);
    CHECK(out.at("figures/index.html").find(kBase + "cards/") != std::string::npos);
}
