// sourced: argv -> command -> exit status. No logic beyond parsing the
// command line; the commands live in commands.h.
#include <unistd.h>

#include <cctype>
#include <iostream>

#include <CLI/CLI.hpp>

#include "card_command.h"
#include "commands.h"
#include "installation.h"
#include "progress_reporter.h"
#include "project_scaffold.h"
#include "terminal.h"

int main(int argc, char** argv) {
    CLI::App app{"sourced: Markdown pages and a citation registry become a static site in which every figure\n"
                 "links to its source and is flagged when it is not verified."};
    app.name("sourced");
    app.set_version_flag("--version", sourced::version_text());
    app.require_subcommand(1);

    sourced::BuildOptions options;
    sourced::PrintOptions print;
    auto add_common = [&](CLI::App* command) {
        command->add_option("--content", options.content_dir, "content directory (pages, registry.json, site.json)")
            ->capture_default_str();
        command->add_option("--templates", options.templates_dir,
                            "templates directory (default: templates/ beside the content directory, else the installed defaults)");
        command->add_option("--assets", options.assets_dir,
                            "assets directory (default: assets/ beside the content directory, else the installed defaults)");
        command->add_flag("--strict", options.strict, "treat warnings as errors");
        command->add_option("--base-url", options.base_url, "absolute URL the site is published at (overrides site.json)");
        command->add_option("--snapshots", options.snapshots_dir,
                            "directory of source snapshots <source-id>.txt (default: <content>/snapshots)");
        command->add_option("--today", options.today,
                            "date (YYYY-MM-DD) review_by dates are judged against (default: the newest date in the content)")
            ->check(CLI::Validator(
                [](std::string& s) {
                    bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-';
                    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && std::isdigit(static_cast<unsigned char>(s[i]));
                    return ok ? std::string() : "must be YYYY-MM-DD";
                },
                "YYYY-MM-DD"));
        command->add_option("--format", print.format, "diagnostics as human (default), json or sarif (SARIF 2.1.0) on stdout")
            ->check(CLI::IsMember({"human", "json", "sarif"}));
        command->add_flag("--notes", print.list_notes, "list every note, not just their count (human format)");
        command->add_option("--jobs,-j", options.jobs, "threads for the per-page stages (default 0: one per core)")
            ->check(CLI::NonNegativeNumber);
        command->add_flag("--stats", print.stats, "print the time each stage took");
        command->add_flag("!--no-card-images", options.card_images,
                          "skip the PNG social image of each figure card (the costliest output; links to it are left out)");
    };

    CLI::App* build = app.add_subcommand("build", "build the site from the content directory");
    add_common(build);
    build->add_option("--out", options.out_dir, "output directory, changed only by a build that succeeds (each file replaced atomically)")->capture_default_str();
    build->add_flag("--incremental", options.incremental_cache,
                    "render again only what changed since the last build (cache: .sourced-cache/ beside --out)");

    CLI::App* check = app.add_subcommand("check", "run every stage and check, write nothing");
    add_common(check);

    sourced::ReportOptions report_options;
    std::string pdf_path;
    CLI::App* report = app.add_subcommand("report", "the whole explainer as one self-contained HTML file");
    report->add_option("--content", report_options.content_dir, "content directory")->capture_default_str();
    report->add_option("-o,--output", report_options.output, "the HTML file to write")->capture_default_str();
    report->add_option("--pages", report_options.pages, "only these pages, by slug, in this order (a,b,c)")->delimiter(',');
    report->add_option("--title", report_options.title, "title of the report (default: the site's title)");
    report->add_option("--pdf", pdf_path, "also print the report to this PDF with Debian's chromium");
    report->add_option("--templates", report_options.templates_dir, "templates directory");
    report->add_option("--assets", report_options.assets_dir, "assets directory (its sourced.css and report.css are inlined)");
    report->add_option("--date", report_options.build_date, "date for the colophon (default: the newest date in the content)");
    report->add_flag("--strict", report_options.strict, "treat warnings as errors");

    sourced::ServeOptions serve_options;
    CLI::App* serve = app.add_subcommand("serve", "build, serve from memory on 127.0.0.1, rebuild on change, reload the browser");
    serve->add_option("--content", serve_options.build.content_dir, "content directory")->capture_default_str();
    serve->add_option("--templates", serve_options.build.templates_dir, "templates directory");
    serve->add_option("--assets", serve_options.build.assets_dir, "assets directory");
    serve->add_option("--port", serve_options.port, "port (0: any free port)")->capture_default_str();
    serve->add_option("--bind", serve_options.bind, "address to listen on (anything but loopback prints a warning)")->capture_default_str();
    serve->add_flag("--open", serve_options.open_browser, "open the site in a browser (xdg-open)");
    serve->add_flag("--strict", serve_options.build.strict, "treat warnings as errors");
    serve->add_option("--base-url", serve_options.build.base_url, "absolute URL the site is published at");
    serve->add_flag("!--no-card-images", serve_options.build.card_images, "skip the PNG social image of each figure card");

    std::string new_dir;
    CLI::App* scaffold = app.add_subcommand("new", "make a new project in DIR that builds at once (DIR must be new or empty)");
    scaffold->add_option("DIR", new_dir, "the project directory")->required();

    CLI::App* card = app.add_subcommand("card", "print one figure's embed snippet, oEmbed, image or citation");
    std::string card_id, card_format = "html";
    card->add_option("id", card_id, "figure id")->required();
    card->add_option("--format", card_format, "iframe|html|oembed|svg|png|bibtex|csl|text")
        ->check(CLI::IsMember(sourced::card_formats()))
        ->capture_default_str();
    card->add_option("--content", options.content_dir, "content directory")->capture_default_str();
    card->add_option("--templates", options.templates_dir, "templates directory");
    card->add_option("--base-url", options.base_url, "absolute URL the site is published at (for absolute embed URLs)");

    // Every command: --quiet, --verbose, --color (terminal.h decides what they mean here).
    std::string color_mode = "auto";
    bool quiet = false, verbose = false;
    for (CLI::App* command : {build, check, report, serve, scaffold, card}) {
        CLI::Option* q = command->add_flag("--quiet,-q", quiet, "print only errors (and warnings that fail with --strict)");
        command->add_flag("--verbose,-v", verbose, "also print each stage as it finishes and every file written")->excludes(q);
        command->add_option("--color", color_mode, "colour diagnostics: auto (a terminal and NO_COLOR unset), always, never")
            ->check(CLI::IsMember({"auto", "always", "never"}))
            ->capture_default_str();
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);  // prints help, version or the usage error
        return status == 0 ? 0 : 2;
    }

    auto verbosity = quiet ? sourced::Verbosity::quiet : verbose ? sourced::Verbosity::verbose : sourced::Verbosity::normal;
    sourced::TerminalFacts terminal = sourced::terminal_facts(STDERR_FILENO);
    bool color = sourced::use_color(color_mode, terminal);
    sourced::NullStream silent;  // stdout of status lines under --quiet
    std::ostream& status_out = quiet ? static_cast<std::ostream&>(silent) : std::cout;
    if (scaffold->parsed()) return sourced::run_new_command(new_dir, sourced::data_dir(), status_out, std::cerr);
    if (serve->parsed()) return sourced::run_serve_command(serve_options, status_out, std::cerr, color);
    print.verbosity = verbosity;
    print.color = color;
    if (report->parsed()) return sourced::run_report_command(report_options, print, pdf_path, std::cout, std::cerr);
    if (card->parsed()) return sourced::run_card_command(options, card_id, card_format, std::cout, std::cerr, color);
    if (check->parsed()) {
        options.write = false;
        options.keep_output = false;  // nothing is written: cards are made and checked, then dropped
        options.card_images = false;  // PNGs find no error and were most of a check's time (30 ms a figure)
    }
    sourced::ProgressReporter progress(std::cerr, sourced::use_progress(verbosity, terminal), verbose);
    options.progress = &progress;
    return sourced::run_build_command(options, print, std::cout, std::cerr);
}
