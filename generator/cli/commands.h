// The commands a user runs, behind the argument parser (serve's own:
// serve_command.h; card's: card_command.h).
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

// "1 page", "2 pages".
std::string plural(int n, const char* word);

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

// Whether `-o output` names a PDF (it ends in ".pdf", in any case): then the
// report is printed to it and the HTML is only a temporary file.
bool is_pdf_path(const std::string& path);

// The usage error (exit 2) of `sourced report -o output --pdf pdf_path`, or
// "" when there is none: --pdf naming the file -o names (the HTML would be
// written there and then printed over itself), or -o naming a PDF already.
std::string report_usage_error(const std::string& output, const std::string& pdf_path);

// `sourced report`: the explainer as one HTML file, and optionally a PDF;
// with an `-o` that is_pdf_path, the PDF alone.
// A `stop` (may be null) requested before the report is moved into place
// leaves the previous report as it was.
int run_report_command(const ReportOptions& options, const PrintOptions& print, const std::string& pdf_path,
                       std::ostream& stdout_stream, std::ostream& stderr_stream, const StopRequest* stop = nullptr);

// Prints every diagnostic of `result`, sorted, with source lines and carets.
// Notes are left out unless `list_notes`.
void print_diagnostics(const Diagnostics& diagnostics, const std::map<std::string, std::string>& texts,
                       std::ostream& stream, bool color, bool list_notes = true);

}  // namespace sourced
