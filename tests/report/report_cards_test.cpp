// The report's figure cards carry what the site's cards carry: the stale
// mark, the "Computed:" arithmetic and the quote-checked notes, because the
// report runs the site's registry checks and page stage (report_build.h).
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "report_build.h"
#include "site_build.h"
#include "test_support.h"

using namespace sourced;

namespace {

// The shipped content, with one figure due for review before `today` below.
MemoryFileSystem content_with_a_stale_figure() {
    MemoryFileSystem files = test::shipped_site();
    std::string registry = *files.read("content/registry.json");
    const std::string id = "\"id\": \"ascend-910c-packaging-yield\",";
    REQUIRE(registry.find(id) != std::string::npos);
    registry.replace(registry.find(id), id.size(), id + " \"review_by\": \"2026-07-01\",");
    files.add("content/registry.json", registry);
    return files;
}

// The annotation lines of a card, tags stripped: the stale mark, the
// arithmetic and each quote-checked note, in card order.
std::vector<std::string> annotations(const std::string& card) {
    static const std::regex line(
        R"re(<span class="(card__stale|card__derived|card__check(?: card__check--no)?)">((?:[^<]|<(?!/span>))*)</span>)re");
    static const std::regex tag("<[^>]*>");
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(card.begin(), card.end(), line); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1].str() + ": " + std::regex_replace((*it)[2].str(), tag, ""));
    return found;
}

// Each figure card in `html` by its id without `prefix`: card-<anchor> -> its annotations.
std::map<std::string, std::vector<std::string>> cards(const std::string& html, const std::string& prefix) {
    static const std::regex card(R"re(<span class="fig__card" id="card-([^"]+)">([\s\S]*?)<span class="card__more">)re");
    std::map<std::string, std::vector<std::string>> found;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), card); it != std::sregex_iterator(); ++it) {
        std::string id = (*it)[1];
        if (id.rfind(prefix, 0) == 0) found[id.substr(prefix.size())] = annotations((*it)[2]);
    }
    return found;
}

}  // namespace

TEST_CASE("each report card shows the stale and arithmetic and quote-checked lines of the site card", "[report]") {
    MemoryFileSystem files = content_with_a_stale_figure();
    BuildOptions build = test::memory_options();
    build.today = "2026-12-04";
    BuildResult site = build_site(build, files);
    REQUIRE(site.ok);
    ReportOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.today = "2026-12-04";
    ReportResult report = build_report(options, files);
    INFO(test::diagnostics_text(site));
    REQUIRE(report.ok);

    size_t compared = 0, stale = 0, derived = 0, checked = 0, unchecked = 0;
    for (const auto& [path, html] : site.output) {
        if (path.find('/') != std::string::npos || path.size() < 6 || path.substr(path.size() - 5) != ".html") continue;
        std::string slug = path.substr(0, path.size() - 5);
        auto site_cards = cards(html, "");
        auto report_cards = cards(report.html, slug + "--");
        for (const auto& [anchor, lines] : site_cards) {
            INFO(path << " card-" << anchor);
            REQUIRE(report_cards.count(anchor));
            CHECK(report_cards.at(anchor) == lines);
            ++compared;
            for (const std::string& l : lines) {
                stale += l.rfind("card__stale: ", 0) == 0;
                derived += l.rfind("card__derived: ", 0) == 0;
                checked += l.rfind("card__check: ", 0) == 0;
                unchecked += l.rfind("card__check card__check--no: ", 0) == 0;
            }
        }
    }
    // Each kind of line occurs, so the comparison above compared something.
    CHECK(compared > 50);
    CHECK(stale >= 1);
    CHECK(derived >= 1);
    CHECK(checked >= 1);
    CHECK(unchecked >= 1);
    // Independently of the site: the stale figure's card in the report says so,
    // and a derived figure's card shows its arithmetic with in-file links.
    CHECK(report.html.find("<span class=\"card__stale\">Stale: due for review by 1 July 2026</span>") != std::string::npos);
    CHECK(report.html.find("<span class=\"card__derived\">Computed: <a href=\"#fig-v3-posttrain-gpu-hours\">") !=
          std::string::npos);
    CHECK(report.html.find("(quote checked against a snapshot of the source") != std::string::npos);
}
