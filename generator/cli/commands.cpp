#include "commands.h"

#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "atomic_file.h"
#include "build_cache.h"
#include "pdf_printer.h"
#include "stop_request.h"
#include "report_formats.h"
#include "terminal.h"
#include "text_position.h"

namespace sourced {

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

namespace {

bool stop_requested(const StopRequest* stop) { return stop && stop->requested(); }

// The one line a command stopped by a signal ends with.
int stopped(const StopRequest& stop, const std::string& what, std::ostream& stderr_stream) {
    stderr_stream << "sourced: stopped by " << signal_name(stop.signal()) << "; " << what << "\n";
    return stop.exit_status();
}

// The report written to options.output and, if `pdf_path` is not empty,
// printed to it. `html_kept`: options.output is the user's file; else a
// temporary one, and what the user named (and is told about) is `pdf_path`.
int run_report_files(const ReportOptions& options, const PrintOptions& print, const std::string& pdf_path,
                     std::ostream& stdout_stream, std::ostream& stderr_stream, const StopRequest* stop, bool html_kept) {
    const std::string named = html_kept ? options.output : pdf_path;  // the file the user asked for
    ReportResult result = build_report(options, DiskFileSystem());
    if (stop_requested(stop)) return stopped(*stop, named + " was left as it was", stderr_stream);
    bool quiet = print.verbosity == Verbosity::quiet;
    print_diagnostics(quiet ? failing_diagnostics(result.diagnostics, options.strict) : result.diagnostics, result.texts,
                      stderr_stream, print.color, print.list_notes);
    const Diagnostics& d = result.diagnostics;
    if (!result.ok || (options.strict && d.warning_count() > 0)) {
        stderr_stream << "report failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning")
                      << "; " << visible_text(named) << " was left as it was\n";
        return 1;
    }
    // Written beside the target and renamed, so a half-written report never appears.
    AtomicFile report(options.output);
    report.write(result.html);
    if (stop_requested(stop))  // the temporary file goes with `report`
        return stopped(*stop, named + " was left as it was", stderr_stream);
    if (!report.commit()) {
        Diagnostic failure = report.failure() == AtomicFile::Failure::write
                                 ? Diagnostic{Severity::error, options.output, 0, 0, "OUT004", "cannot write the report"}
                                 : Diagnostic{Severity::error, options.output, 0, 0, "OUT005",
                                              "cannot move the report into place: " + report.reason()};
        stderr_stream << format_diagnostic(failure) << "\n";
        return 1;
    }
    std::string summary = plural(result.pages, "page") + ", " + std::to_string(result.verified) + " of " +
                          plural(result.figures, "figure") + " verified";
    if (!quiet && html_kept)
        stdout_stream << "wrote " << options.output << ": " << summary << ", " << result.html.size() / 1024 << " KiB\n";
    if (!pdf_path.empty() && !stop_requested(stop)) {
        Diagnostics pdf_diagnostics;
        if (!print_to_pdf(options.output, pdf_path, pdf_diagnostics)) {
            if (stop_requested(stop))  // Ctrl-C reaches Chromium too
                return stopped(*stop, html_kept ? "the report was written (" + options.output + "), the PDF was not"
                                                : "the PDF was not written",
                               stderr_stream);
            print_diagnostics(pdf_diagnostics, {}, stderr_stream, print.color);
            return 1;
        }
        if (!quiet) stdout_stream << "wrote " << pdf_path << (html_kept ? "" : ": " + summary) << "\n";
    }
    if (stop_requested(stop)) return stopped(*stop, "the report was written: " + named, stderr_stream);
    return 0;
}

}  // namespace

void print_diagnostics(const Diagnostics& diagnostics, const std::map<std::string, std::string>& texts,
                       std::ostream& stream, bool color, bool list_notes) {
    std::map<std::string, LineIndex> lines;  // per file, built once: a registry may have thousands of diagnostics
    for (const Diagnostic& d : sorted_diagnostics(diagnostics)) {
        if (d.severity == Severity::note && !list_notes) continue;
        std::string line;
        auto text = texts.find(d.path);
        if (text != texts.end() && d.line > 0)
            line = lines.try_emplace(d.path, text->second).first->second.line(d.line);
        std::string formatted = format_diagnostic_with_line(d, line);
        auto newline = formatted.find('\n');
        stream << colorize_diagnostic(formatted.substr(0, newline), color);
        if (newline != std::string::npos) stream << formatted.substr(newline);
        stream << '\n';
    }
}

void print_stage_times(const BuildResult& result, std::ostream& stream) {
    char line[160];
    double total = 0;
    for (const auto& t : result.times) {
        if (t.thread_sum) {
            std::snprintf(line, sizeof line, "stage   %-8s %9.1f ms  (summed over %d threads)\n", t.stage.c_str(),
                          t.milliseconds, result.jobs);
        } else {
            total += t.milliseconds;
            std::snprintf(line, sizeof line, "stage %-10s %9.1f ms\n", t.stage.c_str(), t.milliseconds);
        }
        stream << line;
        if (t.stage == "images") {  // the card PNGs' cost, on its own line: a cold cache renders them all
            std::snprintf(line, sizeof line, "stage   images   %d rendered, %d from the image cache, %d corrupt entries replaced\n",
                          result.images.rendered, result.images.reused, result.images.discarded);
            stream << line;
        }
    }
    std::snprintf(line, sizeof line, "stage %-10s %9.1f ms  (%d threads)\n", "total", total, result.jobs);
    stream << line;
}

int run_build_command(const BuildOptions& options, const PrintOptions& print, std::ostream& stdout_stream,
                      std::ostream& stderr_stream) {
    BuildCache cache = BuildCache::for_output_dir(options.out_dir);
    BuildOptions run = options;
    std::string cache_note;
    if (options.incremental_cache && options.write) {
        run.incremental = &cache;
        if (!cache.load(cache_note) && cache_note.rfind("discarded", 0) == 0) stderr_stream << "note: " << visible_text(cache_note) << "\n";
    }
    BuildResult result = build_site(run, DiskFileSystem());
    if (options.progress) options.progress->finish();
    if (result.interrupted)  // before the commit: nothing to report but that
        return stopped(*options.stop,
                       !options.write ? "nothing written"
                                      : "stopped before writing the site: " + visible_text(options.out_dir) + " was left as it was",
                       stderr_stream);
    // A signal that came during the commit (which finished) or after it: the
    // build's outcome, then the line that says so.
    auto outcome = [&](int status) {
        if (!stop_requested(options.stop)) return status;
        return stopped(*options.stop,
                       !options.write ? "the check had finished"
                       : result.ok    ? "it came while the site was written, which finished: " + visible_text(options.out_dir) +
                                         " is the new site"
                                      : "the build had finished",
                       stderr_stream);
    };
    if (run.incremental && result.ok && !cache.save(cache_note)) stderr_stream << "warning: " << visible_text(cache_note) << "\n";
    const Diagnostics& d = result.diagnostics;
    bool failed = !result.ok || d.has_errors() || (options.strict && d.warning_count() > 0);
    if (print.format == "json" || print.format == "sarif") {
        stdout_stream << (print.format == "json" ? diagnostics_json(result, failed) : diagnostics_sarif(result));
        return outcome(failed ? 1 : 0);
    }
    bool quiet = print.verbosity == Verbosity::quiet;  // only what fails the build; no summary
    print_diagnostics(quiet ? failing_diagnostics(d, options.strict) : d, result.texts, stderr_stream, print.color,
                      print.list_notes);
    if (print.stats) print_stage_times(result, stdout_stream);
    if (print.verbosity == Verbosity::verbose && options.write && !failed)
        print_written_files(result.written, options.out_dir, stderr_stream);
    if (failed) {
        stderr_stream << "build failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning");
        if (options.strict && d.warning_count() > 0) stderr_stream << " (--strict: warnings fail the build)";
        stderr_stream << "; "
                      << (!options.write                ? "nothing written"
                          : result.site_partly_updated ? visible_text(options.out_dir) + " is partly updated: build again to finish it"
                                                       : visible_text(options.out_dir) + " was left as it was")
                      << "\n";
        return outcome(1);
    }
    if (quiet) return outcome(0);
    double total = 0;
    for (const auto& t : result.times)
        if (!t.thread_sum) total += t.milliseconds;
    stdout_stream << (options.write ? "built " : "checked ") << plural(result.pages, "page") << ", "
                  << plural(result.figures, "figure") << " (" << result.flagged_figures << " flagged), "
                  << plural(result.sources, "source");
    if (d.warning_count() > 0) stdout_stream << ", " << plural(d.warning_count(), "warning");
    if (d.note_count() > 0 && !print.list_notes)
        stdout_stream << ", " << plural(d.note_count(), "note") << " (gaps such as a source without a URL; --notes lists them)";
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.0f", total);
    stdout_stream << " in " << ms << " ms";
    if (run.incremental)
        stdout_stream << " (incremental: rendered " << cache.rendered.size() << ", reused " << cache.reused.size() << ")";
    stdout_stream << "\n";
    if (options.write) {
        std::error_code ec;
        auto absolute = std::filesystem::absolute(std::filesystem::path(options.out_dir) / "index.html", ec).lexically_normal();
        stdout_stream << "open file://" << absolute.string() << "\n";
    }
    return outcome(0);
}

bool is_pdf_path(const std::string& path) {
    if (path.size() < 4) return false;
    std::string suffix = path.substr(path.size() - 4);
    for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return suffix == ".pdf";
}

std::string report_usage_error(const std::string& output, const std::string& pdf_path) {
    if (pdf_path.empty()) return "";
    if (is_pdf_path(output))
        return "-o " + output + " already asks for a PDF; --pdf " + pdf_path +
               " is for a PDF beside an HTML report: give one of them, or an -o ending in .html";
    std::error_code ec;
    namespace fs = std::filesystem;
    auto same = fs::absolute(output, ec).lexically_normal() == fs::absolute(pdf_path, ec).lexically_normal() ||
                fs::equivalent(output, pdf_path, ec);
    if (same) return "-o and --pdf name the same file (" + output + "): the report would be printed over itself";
    return "";
}

int run_report_command(const ReportOptions& options, const PrintOptions& print, const std::string& pdf_path,
                       std::ostream& stdout_stream, std::ostream& stderr_stream, const StopRequest* stop) {
    if (std::string usage = report_usage_error(options.output, pdf_path); !usage.empty()) {
        stderr_stream << "sourced report: error: " << visible_text(usage) << "\n";
        return 2;
    }
    if (is_pdf_path(options.output)) {
        // -o report.pdf: the HTML in a directory of its own under $TMPDIR, printed to the PDF, removed.
        std::error_code ec;
        std::string pattern = (std::filesystem::temp_directory_path(ec) / "sourced-report-XXXXXX").string();
        if (ec || ::mkdtemp(pattern.data()) == nullptr) {
            stderr_stream << format_diagnostic({Severity::error, pattern, 0, 0, "OUT004",
                                                "cannot make a temporary directory for the report's HTML"})
                          << "\n";
            return 1;
        }
        ReportOptions html = options;
        html.output = (std::filesystem::path(pattern) / "report.html").string();
        int status = run_report_files(html, print, options.output, stdout_stream, stderr_stream, stop, /*html_kept=*/false);
        std::filesystem::remove_all(pattern, ec);
        return status;
    }
    return run_report_files(options, print, pdf_path, stdout_stream, stderr_stream, stop, /*html_kept=*/true);
}

}  // namespace sourced

