// Every variable a template uses is a key its view provides, and every key a
// view has is one the templates may use (core/template_keys.h). Mustache
// renders an unknown name as nothing, silently, so a typo in a template or a
// key a view stopped providing would only show as missing text. Loading
// checks each template's names against template_keys; here each template is
// rendered with the views the build gives it, for the shipped explainer (all
// pages, all figures): a name that no view of that template provides fails,
// and so does a key of a view that template_keys does not list (a user's
// template using it would be refused).
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
#include "template_keys.h"
#include "chart_card.h"
#include "test_support.h"
#include "usage_index.h"

using namespace sourced;

namespace {

// Every key path of `view` below `path` that `keys` does not list.
void undeclared_keys(const nlohmann::json& view, const std::string& path, const std::set<std::string>& keys,
                     std::set<std::string>& out) {
    if (view.is_object()) {
        for (const auto& item : view.items()) {
            std::string key = key_path(path, item.key());
            if (!has_key(keys, key)) out.insert(key);
            else undeclared_keys(item.value(), key, keys, out);
        }
    } else if (view.is_array()) {
        for (const auto& element : view) undeclared_keys(element, path + "[]", keys, out);
    }
}

}  // namespace

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
    std::map<std::string, std::set<std::string>> undeclared;  // per template, keys of its views template_keys lacks
    auto render = [&](const std::string& name, const nlohmann::json& view) {
        undeclared_keys(view, "", template_keys(name), undeclared[name]);
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
        rewrite_pandoc_citations(document, content.registry, page.path, out);
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
        std::string unlisted;
        for (const auto& n : undeclared[*name]) unlisted += " " + n;
        CHECK(unlisted == "");
    }

    // The checks themselves: a name a view lacks is caught, a provided one is
    // not; a key template_keys does not list is caught.
    CHECK(templates.unresolved_names("not_found", nlohmann::json::object()) == std::set<std::string>{"root"});
    CHECK(templates.unresolved_names("not_found", {{"root", "/"}}).empty());
    std::set<std::string> probe;
    undeclared_keys({{"title", "T"}, {"nav", {{{"href", "a"}, {"hreff", "b"}}}}, {"site", {{"titel", "S"}}}}, "",
                    template_keys("layout"), probe);
    CHECK(probe == std::set<std::string>{"nav[].hreff", "site.titel"});
}
