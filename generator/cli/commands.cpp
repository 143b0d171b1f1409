#include "commands.h"

#include <filesystem>

#include <chrono>
#include <sstream>
#include <thread>

#include "atomic_file.h"
#include "build_cache.h"
#include "content_watcher.h"
#include "image_cache.h"
#include "pdf_printer.h"
#include "page_edit.h"
#include "preview_server.h"
#include "registry_edit.h"
#include "site_state.h"
#include "stop_request.h"
#include <ostream>

#include "report_formats.h"
#include "terminal.h"
#include "text_position.h"

namespace sourced {

namespace {

std::string plural(int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

bool stop_requested(const StopRequest* stop) { return stop && stop->requested(); }

// The one line a command stopped by a signal ends with.
int stopped(const StopRequest& stop, const std::string& what, std::ostream& stderr_stream) {
    stderr_stream << "sourced: stopped by " << signal_name(stop.signal()) << "; " << what << "\n";
    return stop.exit_status();
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

int run_report_command(const ReportOptions& options, const PrintOptions& print, const std::string& pdf_path,
                       std::ostream& stdout_stream, std::ostream& stderr_stream, const StopRequest* stop) {
    ReportResult result = build_report(options, DiskFileSystem());
    if (stop_requested(stop)) return stopped(*stop, options.output + " was left as it was", stderr_stream);
    bool quiet = print.verbosity == Verbosity::quiet;
    print_diagnostics(quiet ? failing_diagnostics(result.diagnostics, options.strict) : result.diagnostics, result.texts,
                      stderr_stream, print.color, print.list_notes);
    const Diagnostics& d = result.diagnostics;
    if (!result.ok || (options.strict && d.warning_count() > 0)) {
        stderr_stream << "report failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning")
                      << "; " << visible_text(options.output) << " was left as it was\n";
        return 1;
    }
    // Written beside the target and renamed, so a half-written report never appears.
    AtomicFile report(options.output);
    report.write(result.html);
    if (stop_requested(stop))  // the temporary file goes with `report`
        return stopped(*stop, options.output + " was left as it was", stderr_stream);
    if (!report.commit()) {
        Diagnostic failure = report.failure() == AtomicFile::Failure::write
                                 ? Diagnostic{Severity::error, options.output, 0, 0, "OUT004", "cannot write the report"}
                                 : Diagnostic{Severity::error, options.output, 0, 0, "OUT005",
                                              "cannot move the report into place: " + report.reason()};
        stderr_stream << format_diagnostic(failure) << "\n";
        return 1;
    }
    if (!quiet)
        stdout_stream << "wrote " << options.output << ": " << plural(result.pages, "page") << ", " << result.verified << " of "
                  << plural(result.figures, "figure") << " verified, " << result.html.size() / 1024 << " KiB\n";
    if (!pdf_path.empty() && !stop_requested(stop)) {
        Diagnostics pdf_diagnostics;
        if (!print_to_pdf(options.output, pdf_path, pdf_diagnostics)) {
            if (stop_requested(stop))  // Ctrl-C reaches Chromium too
                return stopped(*stop, "the report was written (" + options.output + "), the PDF was not", stderr_stream);
            print_diagnostics(pdf_diagnostics, {}, stderr_stream, print.color);
            return 1;
        }
        if (!quiet) stdout_stream << "wrote " << pdf_path << "\n";
    }
    if (stop_requested(stop)) return stopped(*stop, "the report was written: " + options.output, stderr_stream);
    return 0;
}

int run_serve_command(const ServeOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream, bool color) {
    BuildOptions build = options.build;
    build.write = false;
    install_stop_handlers();  // Ctrl-C, SIGTERM: stop serving, exit 0; a second one ends the process at once
    if (!build.stop) build.stop = &process_stop_request();
    if (build.image_cache_dir.empty()) build.image_cache_dir = default_image_cache_dir(build.content_dir);  // PNGs shared with `build`
    BuildCache cache = BuildCache::in_memory();  // each rebuild renders only what changed
    build.incremental = &cache;
    SiteState state;  // the last good build, for the page-edit fast path (page_edit.h)
    build.keep_state = &state;
    DiskFileSystem files;
    PreviewServer server;
    // --quiet: only what fails the build (errors, and warnings with --strict); the
    // overlay in the browser still gets every diagnostic.
    auto shown = [&](const Diagnostics& d) { return options.quiet ? failing_diagnostics(d, build.strict) : d; };
    // `change`: what the watcher saw (null for the first build).
    auto rebuild = [&](const ContentWatcher::Change* change) {
        const bool first = change == nullptr;
        auto started = std::chrono::steady_clock::now();
        std::optional<PageEdit> edit;
        const char* what = "";
        if (change)
            if (auto touched = touched_files(state, change->paths, change->structural, build)) {
                if (!touched->registry) {
                    edit = rebuild_edited_pages(state, touched->pages, files, build);
                    what = " after a page edit";
                } else if (touched->pages.empty()) {
                    edit = rebuild_after_registry_edit(state, files, build);
                    what = " after a registry edit";
                }
            }
        if (edit && edit->result.ok) {
            print_diagnostics(shown(edit->result.diagnostics), state.content.texts, stderr_stream, color);
            server.publish_changes(std::move(edit->changed));
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            stdout_stream << "rebuilt " << plural(static_cast<int>(edit->pages), "page") << what << " in " << static_cast<int>(ms)
                          << " ms (" << plural(static_cast<int>(edit->result.written.size()), "file")
                          << " changed; the rest of the site is unchanged)\n" << std::flush;
            return;
        }
        BuildResult result = build_site(build, files);
        if (result.interrupted) return;  // stopping: the loop below ends
        std::ostringstream diagnostics;
        print_diagnostics(result.diagnostics, result.texts, diagnostics, false);
        print_diagnostics(shown(result.diagnostics), result.texts, stderr_stream, color);
        bool failed = !result.ok || (build.strict && result.diagnostics.warning_count() > 0);
        if (failed) state.valid = false;  // the next rebuild builds everything again
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (failed) {
            server.publish_failure(diagnostics.str());
            stderr_stream << (first ? "build failed" : "rebuild failed") << ": " << plural(result.diagnostics.error_count(), "error")
                          << (first ? "; fix it and save, the server is waiting" : "; still serving the last good site") << "\n";
        } else {
            server.publish(std::move(result.output));
            stdout_stream << (first ? "built " : "rebuilt ") << plural(result.pages, "page") << " in "
                          << static_cast<int>(ms) << " ms (rendered " << cache.rendered.size() << ", reused "
                          << cache.reused.size() << ")\n" << std::flush;
        }
    };
    rebuild(nullptr);
    if (stop_requested(build.stop)) {
        stdout_stream << "stopped\n";
        return 0;
    }

    stderr_stream << PreviewServer::bind_warning(options.bind);
    if (!server.bind(options.bind, options.port)) {
        stderr_stream << "error: cannot listen on " << options.bind << ":" << options.port
                      << " (in use? try --port 0 for any free port)\n";
        return 1;
    }
    std::string url = "http://" + (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind) +
                      ":" + std::to_string(server.port()) + "/";
    stdout_stream << "serving " << url << " (Ctrl-C to stop)\n" << std::flush;
    if (options.open_browser) {
        std::string command = "xdg-open '" + url + "' >/dev/null 2>&1 &";
        if (std::system(command.c_str()) != 0) stderr_stream << "could not open a browser; open " << url << "\n";
    }

    std::thread serving([&] { server.run(); });
    std::vector<std::string> roots = {build.content_dir,
                                      build.templates_dir.empty() ? project_dir_for(files, build.content_dir, "templates") : build.templates_dir,
                                      build.assets_dir.empty() ? project_dir_for(files, build.content_dir, "assets") : build.assets_dir};
    ContentWatcher watcher(roots);
    if (!watcher.ok()) stderr_stream << "warning: cannot watch for changes (inotify); restart to rebuild\n";
    while (!stop_requested(build.stop)) {
        ContentWatcher::Change change;
        if (watcher.wait_for_change(std::chrono::milliseconds(250), std::chrono::milliseconds(30), &change)) rebuild(&change);
    }
    server.stop();
    serving.join();
    stdout_stream << "stopped\n";
    return 0;
}

}  // namespace sourced

