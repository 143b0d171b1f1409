// The Mustache template engine (core/template_engine.h).
#include <catch2/catch.hpp>

#include "site_views.h"
#include "template_engine.h"

using namespace sourced;

TEST_CASE("render_around gives what render gives with the HTML in the view", "[templates]") {
    DiskFileSystem disk;
    Diagnostics out;
    TemplateEngine templates;
    REQUIRE(templates.load(disk, std::string(SOURCED_PROJECT_DIR) + "/templates", out));
    nlohmann::json view = {{"total", "2"}, {"counts", nlohmann::json::array()}, {"has_cards", true}};
    std::string html = "<section class=\"ledger__entry\">a &amp; b {{not a tag}}</section>";
    nlohmann::json full = view;
    full["entries"] = html;
    std::string spliced = templates.render_around("figures", view, "entries", html);
    CHECK(spliced == templates.render("figures", full));
    CHECK(spliced.find(html) != std::string::npos);
    CHECK(spliced.find('\0') == std::string::npos);
    // A template that does not use the key renders as it would without it.
    CHECK(templates.render_around("legend", legend_view(Registry{}), "entries", html) ==
          templates.render("legend", legend_view(Registry{})));
}
