#include "card_command.h"

#include <ostream>

#include "commands.h"
#include "content_loader.h"
#include "embed_snippets.h"
#include "figure_card.h"
#include "figure_citation.h"
#include "figure_image.h"
#include "site_config.h"
#include "suggestion.h"
#include "template_engine.h"

namespace sourced {

const std::vector<std::string>& card_formats() {
    static const std::vector<std::string> formats = {"iframe", "html", "oembed", "svg", "png", "bibtex", "csl", "text"};
    return formats;
}

int run_card_command(const BuildOptions& options, const std::string& figure_id, const std::string& format,
                     std::ostream& stdout_stream, std::ostream& stderr_stream, bool color) {
    DiskFileSystem files;
    BuildResult result;  // only for its diagnostics and texts, printed like build's
    Diagnostics& out = result.diagnostics;
    LoadedContent content = load_content(files, options.content_dir, out);
    if (!options.base_url.empty()) content.config.base_url = normalise_base_url(options.base_url, "--base-url", out);
    TemplateEngine templates;
    templates.load(files, options.templates_dir.empty() ? project_dir_for(files, options.content_dir, "templates")
                                                        : options.templates_dir,
                   out);
    result.texts = content.texts;
    if (out.has_errors()) {
        print_diagnostics(result.diagnostics, result.texts, stderr_stream, color);
        stderr_stream << "card failed: the content has errors\n";
        return 1;
    }
    const Registry& registry = content.registry;
    const SiteConfig& config = content.config;
    const Figure* figure = registry.figure(figure_id);
    if (!figure) {
        stderr_stream << "error: unknown figure '" << figure_id << "'" << did_you_mean(figure_id, registry.figure_ids())
                      << "\n";
        return 2;
    }
    CardFacts card = card_facts(*figure, registry, config.title);
    CardUrls urls{config.base_url};
    if (format == "iframe") stdout_stream << iframe_snippet(card, config.title, urls) << "\n";
    else if (format == "html") stdout_stream << html_snippet(card, registry, config.title, urls) << "\n";
    else if (format == "oembed") stdout_stream << card_oembed(card, registry, config).dump(2) << "\n";
    else if (format == "bibtex") stdout_stream << citation_bibtex(card, registry, config);
    else if (format == "csl") stdout_stream << citation_csl(card, registry, config).dump(2) << "\n";
    else if (format == "text") stdout_stream << citation_text(card, registry, config);
    else if (format == "svg" || format == "png") {
        std::string svg = templates.render("card-svg", card_image_view(card, registry, config.title));
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
        stderr_stream << "error: unknown format '" << format << "'\n";
        return 2;
    }
    stdout_stream.flush();
    return 0;
}

}  // namespace sourced
