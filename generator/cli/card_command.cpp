#include "card_command.h"

#include <ostream>

#include "chart_card.h"
#include "check_stage.h"
#include "commands.h"
#include "diagnostics.h"
#include "embed_snippets.h"
#include "figure_card.h"
#include "figure_citation.h"
#include "figure_image.h"
#include "markdown_document.h"
#include "page_build.h"
#include "project.h"
#include "site_config.h"
#include "suggestion.h"

namespace sourced {

namespace {

// The chart cards of every page, through the site's page stage (parse_page).
std::vector<ChartCard> all_chart_cards(Project& project, const CheckReport& checked, Diagnostics& out) {
    LoadedContent& content = project.content;
    register_markdown_extensions();
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    std::vector<ChartCard> cards;
    for (Page& page : content.pages) {
        PageInputs inputs = page_inputs(page, content.registry, checked.marks, site, content.texts);
        PageWork work;
        auto tree = parse_page(page, inputs, work);
        out.append(work.diagnostics);
        for (ChartCard& card : chart_cards_on(page.slug, page.meta.title, page.path, work.resolved.charts))
            cards.push_back(std::move(card));
    }
    check_chart_card_ids(cards, content.registry, out);
    return cards;
}

int print_chart_card(const ChartCard& card, const SiteConfig& config, const std::string& format,
                     std::ostream& stdout_stream, std::ostream& stderr_stream) {
    if (format == "iframe") stdout_stream << chart_iframe_snippet(card, config) << "\n";
    else if (format == "html") stdout_stream << chart_html_snippet(card, config) << "\n";
    else if (format == "svg") stdout_stream << chart_card_svg(card, config);
    else {
        stderr_stream << "error: a chart card has no '" << visible_text(format) << "' format (a chart has iframe, html and svg)\n";
        return 2;
    }
    stdout_stream.flush();
    return 0;
}

int print_figure_card(const Figure& figure, const Project& project, const std::string& format,
                      std::ostream& stdout_stream, std::ostream& stderr_stream) {
    const Registry& registry = project.content.registry;
    const SiteConfig& config = project.content.config;
    CardFacts card = card_facts(figure, registry, config.title);
    CardUrls urls{config.base_url};
    if (format == "iframe") stdout_stream << iframe_snippet(card, config.title, urls) << "\n";
    else if (format == "html") stdout_stream << html_snippet(card, registry, config.title, urls) << "\n";
    else if (format == "oembed") stdout_stream << card_oembed(card, registry, config).dump(2) << "\n";
    else if (format == "bibtex") stdout_stream << citation_bibtex(card, registry, config);
    else if (format == "csl") stdout_stream << citation_csl(card, registry, config).dump(2) << "\n";
    else if (format == "text") stdout_stream << citation_text(card, registry, config);
    else if (format == "svg" || format == "png") {
        std::string svg = project.templates.render("card-svg", card_image_view(card, registry, config.title));
        if (format == "svg") {
            stdout_stream << svg;
        } else {
            std::string error;
            auto png = render_svg_to_png(svg, error);
            if (!png) {
                stderr_stream << "error: could not render the PNG: " << error << "\n";
                return 1;
            }
            stdout_stream.write(png->data(), static_cast<std::streamsize>(png->size()));
        }
    } else {
        stderr_stream << "error: unknown format '" << visible_text(format) << "'\n";
        return 2;
    }
    stdout_stream.flush();
    return 0;
}

}  // namespace

const std::vector<std::string>& card_formats() {
    static const std::vector<std::string> formats = {"iframe", "html", "oembed", "svg", "png", "bibtex", "csl", "text"};
    return formats;
}

int run_card_command(const BuildOptions& options, const std::string& id, const std::string& format,
                     std::ostream& stdout_stream, std::ostream& stderr_stream, bool color) {
    DiskFileSystem files;
    Diagnostics out;
    // The site's load and registry check stages: the card carries what the site's card carries.
    Project project = load_project(options, files, out);
    CheckReport report;
    if (!out.has_errors())
        check_registry_content(project.content, project.content.texts, options, files, options.content_dir, out, report);
    auto failed = [&] {
        print_diagnostics(out, project.content.texts, stderr_stream, color);
        stderr_stream << "card failed: the content has errors\n";
        return 1;
    };
    if (out.has_errors()) return failed();
    if (const Figure* figure = project.content.registry.figure(id))
        return print_figure_card(*figure, project, format, stdout_stream, stderr_stream);
    std::vector<std::string> known = project.content.registry.figure_ids();
    const bool chart = id.rfind("chart-", 0) == 0;
    if (chart) {
        std::vector<ChartCard> charts = all_chart_cards(project, report, out);
        if (out.has_errors()) return failed();
        for (const ChartCard& card : charts)
            if ("chart-" + card.id == id)
                return print_chart_card(card, project.content.config, format, stdout_stream, stderr_stream);
        for (const ChartCard& card : charts) known.push_back("chart-" + card.id);
    }
    stderr_stream << "error: unknown " << (chart ? "figure or chart '" : "figure '") << visible_text(id) << "'"
                  << visible_text(did_you_mean(id, known)) << "\n";
    return 2;
}

}  // namespace sourced
