// sourced: argv -> command -> exit status. No logic beyond parsing the
// command line; the commands live in commands.h.
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "card_command.h"
#include "commands.h"

int main(int argc, char** argv) {
    CLI::App app{"sourced: Markdown pages and a citation registry become a static site in which every figure\n"
                 "links to its source and is flagged when it is not verified."};
    app.name("sourced");
    app.set_version_flag("--version", std::string("sourced ") + SOURCED_VERSION);
    app.require_subcommand(1);

    sourced::BuildOptions options;
    auto add_common = [&](CLI::App* command) {
        command->add_option("--content", options.content_dir, "content directory (pages, registry.json, site.json)")
            ->capture_default_str();
        command->add_option("--templates", options.templates_dir,
                            "templates directory (default: templates/ beside the content directory, else the installed defaults)");
        command->add_option("--assets", options.assets_dir,
                            "assets directory (default: assets/ beside the content directory, else the installed defaults)");
        command->add_flag("--strict", options.strict, "treat warnings as errors");
        command->add_option("--base-url", options.base_url, "absolute URL the site is published at (overrides site.json)");
    };

    CLI::App* build = app.add_subcommand("build", "build the site from the content directory");
    add_common(build);
    build->add_option("--out", options.out_dir, "output directory, replaced atomically")->capture_default_str();

    CLI::App* check = app.add_subcommand("check", "run every stage and check, write nothing");
    add_common(check);

    CLI::App* card = app.add_subcommand("card", "print one figure's embed snippet, oEmbed, image or citation");
    std::string card_id, card_format = "html";
    card->add_option("id", card_id, "figure id")->required();
    card->add_option("--format", card_format, "iframe|html|oembed|svg|png|bibtex|csl|text")
        ->check(CLI::IsMember(sourced::card_formats()))
        ->capture_default_str();
    add_common(card);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);  // prints help, version or the usage error
        return status == 0 ? 0 : 2;
    }

    bool color = ::isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr;
    if (card->parsed()) return sourced::run_card_command(options, card_id, card_format, std::cout, std::cerr, color);
    if (check->parsed()) options.write = false;
    return sourced::run_build_command(options, std::cout, std::cerr, color);
}
