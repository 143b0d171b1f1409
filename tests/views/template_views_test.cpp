// Every variable a template uses is a key its view provides. Mustache renders
// an unknown name as nothing, silently, so a typo in a template or a key a
// view stopped providing would only show as missing text. Each template is
// rendered with the views the build gives it, for the shipped explainer (all
// pages, all figures), and a name that no view of that template provides fails.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "content_loader.h"
#include "embed_snippets.h"
#include "figure_card.h"
#include "figure_image.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "pandoc_citations.h"
#include "site_views.h"
#include "template_engine.h"
#include "chart_card.h"
#include "test_support.h"
#include "usage_index.h"

using namespace sourced;

TEST_CASE("every name each template uses is provided by the views it is rendered with", "[templates]") {
    DiskFileSystem disk;
    std::string root = SOURCED_PROJECT_DIR;
    Diagnostics out;
    LoadedContent content = load_content(disk, root + "/content", out);
    TemplateEngine templates;
    REQUIRE(templates.load(disk, root + "/templates", out));
    REQUIRE_FALSE(out.has_errors());
    register_markdown_extensions();

    // For each template, the names missing from every view it was given.
    std::map<std::string, std::set<std::string>> missing;
    std::map<std::string, int> renders;
    auto render = [&](const std::string& name, const nlohmann::json& view) {
        std::set<std::string> unresolved = templates.unresolved_names(name, view);
        if (renders[name]++ == 0) {
            missing[name] = unresolved;
        } else {
            std::set<std::string> still;
            for (const auto& n : missing[name])
                if (unresolved.count(n)) still.insert(n);
            missing[name] = still;
        }
    };

    SiteContext site{&content.config, &content.pages, "0.0.0"};
    UsageIndex usage;
    for (Page& page : content.pages) {
        MarkdownDocument document(page.body, page.body_line);
        rewrite_pandoc_citations(document, content.registry);
        ResolvedPage resolved = resolve_references(page.path, document, content.registry, out);
        std::string body = render_page_body(document, resolved, content.registry, RegistryMarks(), "");
        render("article", article_view(page, resolved, body, content.registry, ""));
        render("layout", layout_view(site, page.meta.title, page.meta.summary, "", page_href(page.slug), body));
        usage.add_page(page.slug, page.meta.title, resolved);
        for (size_t k = 0; k < resolved.charts.size(); ++k) {
            ChartCard chart{resolved.charts[k].card_id, page.slug, page.meta.title, page.path, resolved.charts[k].chart};
            for (bool embed : {false, true}) render("chart-card", chart_card_view(chart, content.config, embed));
        }
    }
    REQUIRE_FALSE(out.has_errors());
    for (const Figure& figure : content.registry.figures) {
        nlohmann::json entry = ledger_entry_view(figure, content.registry, usage, "../");
        render("ledger-entry", entry);  // as in a report: no card fields
        add_card_fields(entry, figure, content.registry, content.config);
        render("ledger-entry", entry);
    }
    nlohmann::json ledger = ledger_view(content.registry);
    ledger["has_cards"] = true;
    ledger["entries"] = "<section>x</section>";
    render("figures", ledger);
    nlohmann::json sources = sources_view(content.registry);
    sources["entries"] = "<section>x</section>";  // as SourcesRender::page sets it
    render("sources", sources);
    std::vector<nlohmann::json> source_figures = sources_figure_lists(content.registry, "../");
    for (size_t i = 0; i < content.registry.sources.size(); ++i)
        render("source-entry", source_entry_view(content.registry.sources[i], source_figures[i], content.registry, usage, "../"));
    render("legend", legend_view(content.registry));
    render("home", home_view(site, content.registry));
    render("search", nlohmann::json::object());
    render("not_found", {{"root", ""}});
    render("layout", layout_view(site, "Sources", "", "../", "sources/index.html", "<p>x</p>"));
    for (const Figure& figure : content.registry.figures) {
        CardFacts card = card_facts(figure, content.registry, content.config.title);
        for (bool embed : {false, true}) render("card", card_view(card, content.registry, content.config, embed));
        render("card-svg", card_image_view(card, content.registry, content.config.title));
    }

    for (const char* const* name = TemplateEngine::kTemplateNames; *name; ++name) {
        if (std::string(*name) == "report") continue;  // its view is built inside report_build.cpp; see report_test.cpp
        INFO("templates/" << *name << ".mustache");
        CHECK(renders[*name] > 0);
        std::string unknown;
        for (const auto& n : missing[*name]) unknown += " {{" + n + "}}";
        CHECK(unknown == "");
    }

    // The check itself: a misspelt name is caught, a provided one is not.
    MemoryFileSystem probe = test::project_files();
    probe.add("templates/search.mustache", "<h1>{{titel}}</h1>{{#items}}{{name}}{{/items}}");
    TemplateEngine probed;
    probed.load(probe, "templates", out);
    CHECK(probed.unresolved_names("search", {{"title", "T"}, {"items", {{{"name", "a"}}}}}) ==
          std::set<std::string>{"titel"});
    CHECK(probed.unresolved_names("search", {{"titel", "T"}, {"items", {{{"name", "a"}}}}}).empty());
}
