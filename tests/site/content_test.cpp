// The shipped explainer in content/: it builds cleanly, uses every figure,
// shows its headline figures with their sources, and flags what is not verified.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "site_build.h"
#include "test_support.h"

using namespace sourced;

namespace {

BuildResult build_shipped_content() {
    BuildOptions options;
    options.content_dir = std::string(SOURCED_PROJECT_DIR) + "/content";
    options.strict = true;
    options.write = false;
    return build_site(options, DiskFileSystem());
}

}  // namespace

TEST_CASE("the shipped explainer builds with --strict and uses every registry figure", "[content]") {
    BuildResult result = build_shipped_content();
    INFO(test::diagnostics_text(result));
    REQUIRE(result.ok);
    CHECK(result.diagnostics.error_count() == 0);
    CHECK(result.diagnostics.warning_count() == 0);
    CHECK(result.pages >= 8);
    CHECK(result.figures >= 40);

    // Every figure is linked from some page (the ledger lists its uses).
    const std::string& ledger = result.output.at("figures/index.html");
    std::regex entry(R"re(<section class="ledger__entry[^"]*" id="fig-([^"]+)")re");
    int entries = 0;
    for (auto it = std::sregex_iterator(ledger.begin(), ledger.end(), entry); it != std::sregex_iterator(); ++it) {
        ++entries;
        std::string id = (*it)[1];
        std::string section = ledger.substr(it->position(), ledger.find("</section>", it->position()) - it->position());
        INFO("figure " << id);
        CHECK(section.find("Not used on any page.") == std::string::npos);
    }
    CHECK(entries == result.figures);
}

TEST_CASE("the three headline figures render with their sources", "[content]") {
    BuildResult result = build_shipped_content();
    REQUIRE(result.ok);
    struct Headline { const char* id; const char* text; const char* source_words; };
    for (const Headline& h : {Headline{"v3-pretrain-gpu-hours", "2.66M GPU-hours", "DeepSeek-V3 Technical Report"},
                              Headline{"ascend-910c-packaging-yield", "75%", "CSIS"},
                              Headline{"v4-pro-price-input-late-june", "$0.435", "pricing"}}) {
        INFO(h.id);
        bool found = false;
        for (const auto& [path, html] : result.output) {
            std::string anchor = "id=\"figref-" + std::string(h.id) + "-1\"";
            auto at = html.find(anchor);
            if (at == std::string::npos) continue;
            found = true;
            std::string use = html.substr(at, html.find("card__more", at) - at);  // the figure and its card
            CHECK(use.find(std::string(">") + h.text) != std::string::npos);
            CHECK(use.find("card__source") != std::string::npos);
            CHECK(use.find(h.source_words) != std::string::npos);
            break;
        }
        CHECK(found);
    }
}

TEST_CASE("every use of a non-verified figure in the explainer shows its flag", "[content]") {
    BuildResult result = build_shipped_content();
    REQUIRE(result.ok);
    std::regex use(R"re(<span class="fig fig--([a-z-]+)" id="[^"]+"><a class="fig__link"[^>]*>(.*?)</a>)re");
    int flagged = 0, verified = 0;
    for (const auto& [path, html] : result.output) {
        if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), use); it != std::sregex_iterator(); ++it) {
            std::string status = (*it)[1], inner = (*it)[2];
            INFO(path << ": " << inner);
            if (status == "verified") {
                ++verified;
                CHECK(inner.find("class=\"flag") == std::string::npos);
            } else {
                ++flagged;
                CHECK(inner.find("<span class=\"flag flag--" + status + "\">") != std::string::npos);
                CHECK(inner.find("</span> " + status + "</span>") != std::string::npos);
            }
        }
    }
    CHECK(flagged > 0);
    CHECK(verified > 0);
}
