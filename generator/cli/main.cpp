// sourced: argv -> command -> exit status. No logic beyond parsing the
// command line; the commands live in commands.h.
#include <unistd.h>

#include <cctype>
#include <iostream>
#include <new>

#include <CLI/CLI.hpp>

#include "card_command.h"
#include "commands.h"
#include "installation.h"
#include "progress_reporter.h"
#include "project_scaffold.h"
#include "serve_command.h"
#include "stop_request.h"
#include "terminal.h"

namespace {

// CLI11's help, without the default value it shows after a flag's name
// (`--no-card-images{false}`, `--strict{true}`): a flag takes no value.
class HelpFormatter : public CLI::Formatter {
public:
    std::string make_option_name(const CLI::Option* option, bool is_positional) const override {
        if (is_positional) return CLI::Formatter::make_option_name(option, is_positional);
        std::vector<std::string> names;
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        return CLI::detail::join(names);
    }
};

// Every option of every command, filled by CLI11.
struct CommandLine {
    CLI::App app{"sourced: Markdown pages and a citation registry become a static site in which every figure\n"
                 "links to its source and is flagged when it is not verified."};
    sourced::BuildOptions options;  // build, check, card
    sourced::PrintOptions print;
    sourced::ReportOptions report_options;
    std::string pdf_path;
    sourced::ServeOptions serve_options;
    std::string new_dir, card_id, card_format = "html";
    std::string color_mode = "auto";
    bool quiet = false, verbose = false;
    CLI::App *build = nullptr, *check = nullptr, *report = nullptr, *serve = nullptr, *scaffold = nullptr, *card = nullptr;
};

// The options build and check share.
void add_common(CommandLine& c, CLI::App* command) {
    sourced::BuildOptions& options = c.options;
    sourced::PrintOptions& print = c.print;
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
}

void add_build_and_check(CommandLine& c) {
    CLI::App& app = c.app;
    sourced::BuildOptions& options = c.options;
    CLI::App* build = c.build = app.add_subcommand("build", "build the site from the content directory");
    add_common(c, build);
    build->add_option("--out", options.out_dir, "output directory, changed only by a build that succeeds (each file replaced atomically)")->capture_default_str();
    build->add_flag("--incremental", options.incremental_cache,
                    "render again only what changed since the last build (cache: .sourced-cache/ beside --out)");

    c.check = app.add_subcommand("check", "run every stage and check, write nothing");
    add_common(c, c.check);

}

void add_report(CommandLine& c) {
    sourced::ReportOptions& report_options = c.report_options;
    std::string& pdf_path = c.pdf_path;
    CLI::App* report = c.report = c.app.add_subcommand("report", "the whole explainer as one self-contained HTML file");
    report->add_option("--content", report_options.content_dir, "content directory")->capture_default_str();
    report->add_option("-o,--output", report_options.output, "the HTML file to write (a name ending in .pdf: the report as a PDF alone)")
        ->capture_default_str();
    report->add_option("--pages", report_options.pages, "only these pages, by slug, in this order (a,b,c)")->delimiter(',');
    report->add_option("--title", report_options.title, "title of the report (default: the site's title)");
    report->add_option("--pdf", pdf_path, "also print the report to this PDF with Debian's chromium");
    report->add_option("--templates", report_options.templates_dir, "templates directory");
    report->add_option("--assets", report_options.assets_dir, "assets directory (its sourced.css and report.css are inlined)");
    report->add_option("--date", report_options.build_date, "date for the colophon (default: the newest date in the content)");
    report->add_flag("--strict", report_options.strict, "treat warnings as errors");
    report->callback([&c] {  // -o and --pdf that clash: a usage error, before anything is built
        std::string error = sourced::report_usage_error(c.report_options.output, c.pdf_path);
        if (!error.empty()) throw CLI::ValidationError(error);
    });

}

void add_serve(CommandLine& c) {
    sourced::ServeOptions& serve_options = c.serve_options;
    CLI::App* serve = c.serve = c.app.add_subcommand("serve", "build, serve from memory on 127.0.0.1, rebuild on change, reload the browser");
    serve->add_option("--content", serve_options.build.content_dir, "content directory")->capture_default_str();
    serve->add_option("--templates", serve_options.build.templates_dir, "templates directory");
    serve->add_option("--assets", serve_options.build.assets_dir, "assets directory");
    serve->add_option("--port", serve_options.port, "port (0: any free port)")->capture_default_str();
    serve->add_option("--bind", serve_options.bind, "address to listen on (anything but loopback prints a warning)")->capture_default_str();
    serve->add_flag("--open", serve_options.open_browser, "open the site in a browser (xdg-open)");
    serve->add_flag("--strict", serve_options.build.strict, "treat warnings as errors");
    serve->add_option("--base-url", serve_options.build.base_url, "absolute URL the site is published at");
    serve->add_flag("!--no-card-images", serve_options.build.card_images, "skip the PNG social image of each figure card");
    serve->add_flag("--all-diagnostics", serve_options.all_diagnostics,
                    "print every diagnostic after every rebuild (default: only the new and the fixed ones, and the counts)");

}

void add_new_and_card(CommandLine& c) {
    sourced::BuildOptions& options = c.options;
    CLI::App* scaffold = c.scaffold = c.app.add_subcommand("new", "make a new project in DIR that builds at once (DIR must be new or empty)");
    scaffold->add_option("DIR", c.new_dir, "the project directory")->required();

    CLI::App* card = c.card = c.app.add_subcommand("card", "print one figure's embed snippet, oEmbed, image or citation");
    card->add_option("id", c.card_id, "figure id")->required();
    card->add_option("--format", c.card_format, "iframe|html|oembed|svg|png|bibtex|csl|text")
        ->check(CLI::IsMember(sourced::card_formats()))
        ->capture_default_str();
    card->add_option("--content", options.content_dir, "content directory")->capture_default_str();
    card->add_option("--templates", options.templates_dir, "templates directory");
    card->add_option("--base-url", options.base_url, "absolute URL the site is published at (for absolute embed URLs)");

}

// Every command: --quiet, --verbose, --color (terminal.h decides what they mean here).
void add_printing(CommandLine& c) {
    for (CLI::App* command : {c.build, c.check, c.report, c.serve, c.scaffold, c.card}) {
        CLI::Option* q = command->add_flag("--quiet,-q", c.quiet, "print only errors (and warnings that fail with --strict)");
        command->add_flag("--verbose,-v", c.verbose, "also print each stage as it finishes and every file written")->excludes(q);
        command->add_option("--color", c.color_mode, "colour diagnostics: auto (a terminal and NO_COLOR unset), always, never")
            ->check(CLI::IsMember({"auto", "always", "never"}))
            ->capture_default_str();
    }

}

int run(CommandLine& c) {
    sourced::BuildOptions& options = c.options;
    sourced::PrintOptions& print = c.print;
    const bool quiet = c.quiet, verbose = c.verbose;
    auto verbosity = quiet ? sourced::Verbosity::quiet : verbose ? sourced::Verbosity::verbose : sourced::Verbosity::normal;
    sourced::TerminalFacts terminal = sourced::terminal_facts(STDERR_FILENO);
    bool color = sourced::use_color(c.color_mode, terminal);
    sourced::NullStream silent;  // stdout of status lines under --quiet
    std::ostream& status_out = quiet ? static_cast<std::ostream&>(silent) : std::cout;
    if (c.scaffold->parsed()) return sourced::run_new_command(c.new_dir, sourced::data_dir(), status_out, std::cerr);
    // Ctrl-C and SIGTERM stop a command that writes at its next safe point
    // (stop_request.h); `new` and `card` keep the default action.
    sourced::StopRequest& stop = sourced::process_stop_request();
    if (!c.scaffold->parsed() && !c.card->parsed()) sourced::install_stop_handlers();
    options.stop = &stop;
    if (c.serve->parsed()) {
        c.serve_options.quiet = quiet;
        c.serve_options.build.stop = &stop;
        return sourced::run_serve_command(c.serve_options, std::cout, std::cerr, color);  // -q: it prints the URL only
    }
    print.verbosity = verbosity;
    print.color = color;
    if (c.report->parsed())
        return sourced::run_report_command(c.report_options, print, c.pdf_path, std::cout, std::cerr, &stop);
    if (c.card->parsed()) return sourced::run_card_command(options, c.card_id, c.card_format, std::cout, std::cerr, color);
    if (c.check->parsed()) {
        options.write = false;
        options.keep_output = false;  // nothing is written: cards are made and checked, then dropped
        options.card_images = false;  // PNGs find no error and were most of a check's time (30 ms a figure)
    }
    sourced::ProgressReporter progress(std::cerr, sourced::use_progress(verbosity, terminal), verbose);
    options.progress = &progress;
    return sourced::run_build_command(options, print, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
    CommandLine c;
    c.app.formatter(std::make_shared<HelpFormatter>());  // before the subcommands, which copy it
    c.app.name("sourced");
    c.app.set_version_flag("--version", sourced::version_text());
    c.app.require_subcommand(1);
    add_build_and_check(c);
    add_report(c);
    add_serve(c);
    add_new_and_card(c);
    add_printing(c);
    try {
        c.app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = c.app.exit(e);  // prints help, version or the usage error
        return status == 0 ? 0 : 2;
    }
    try {
        return run(c);
    } catch (const std::bad_alloc&) {
        // Under a memory cap (ulimit -v, a cgroup), on an input no limit caught.
        std::cerr << "sourced: error: out of memory: the command stopped before it finished (is an input unusually "
                     "large, or the memory limit low?)\n";
        return 1;
    }
}
