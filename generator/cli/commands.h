// The commands a user runs, behind the argument parser.
//
// Each command takes parsed options, runs the stages it needs, prints
// diagnostics like a compiler (with colours only on a terminal) and a
// summary, and returns the process exit status: 0 success, 1 errors in the
// input (or warnings with --strict), 2 a usage error, 130 or 143 stopped by
// SIGINT or SIGTERM (BuildOptions::stop; stop_request.h).
#pragma once

#include <iosfwd>

#include "report_build.h"
#include "site_build.h"
#include "progress_reporter.h"
#include "terminal.h"

namespace sourced {

// How a command prints what a stage found: nothing here changes what is built.
struct PrintOptions {
    std::string format = "human";             // diagnostics as human, json or sarif
    bool list_notes = false;                  // human format: every note, not just their count
    Verbosity verbosity = Verbosity::normal;  // --quiet, --verbose
    bool color = false;                       // colour diagnostics
    bool stats = false;                       // --stats: the time of every stage (print_stage_times)
};

// `--stats`: one line per stage, wall milliseconds; the per-page stages as
// milliseconds summed over the threads that ran them.
void print_stage_times(const BuildResult& result, std::ostream& stream);

// `sourced build`: content -> site, summary on stdout, diagnostics on stderr.
// Stopped (options.stop) before its commit: one line, the site as it was;
// during or after it: the commit finished, the summary, then one line.
int run_build_command(const BuildOptions& options, const PrintOptions& print, std::ostream& stdout_stream,
                      std::ostream& stderr_stream);

// `sourced report`: the explainer as one HTML file, and optionally a PDF.
// A `stop` (may be null) requested before the report is moved into place
// leaves the previous report as it was.
int run_report_command(const ReportOptions& options, const PrintOptions& print, const std::string& pdf_path,
                       std::ostream& stdout_stream, std::ostream& stderr_stream, const StopRequest* stop = nullptr);

struct ServeOptions {
    BuildOptions build;          // content, templates, assets, strict, base URL
    std::string bind = "127.0.0.1";
    int port = 8080;
    bool open_browser = false;
    bool quiet = false;          // --quiet: diagnostics that fail the build only, no status lines
};

// `sourced serve`: build, serve from memory, rebuild on change, live reload.
// Runs until options.build.stop is requested (SIGINT or SIGTERM), then exits 0.
int run_serve_command(const ServeOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream, bool color);

// Prints every diagnostic of `result`, sorted, with source lines and carets.
// Notes are left out unless `list_notes`.
void print_diagnostics(const Diagnostics& diagnostics, const std::map<std::string, std::string>& texts,
                       std::ostream& stream, bool color, bool list_notes = true);

}  // namespace sourced
