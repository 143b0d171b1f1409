#include "serve_command.h"

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <thread>

#include "build_cache.h"
#include "commands.h"
#include "content_watcher.h"
#include "diagnostic_changes.h"
#include "image_cache.h"
#include "page_edit.h"
#include "preview_server.h"
#include "project.h"
#include "registry_edit.h"
#include "site_state.h"
#include "stop_request.h"
#include "terminal.h"

namespace sourced {

namespace {

// "1 error, 2 warnings, 25 notes": the severities `diagnostics` has; "none" when empty.
std::string severity_counts(const std::vector<Diagnostic>& diagnostics) {
    int counts[3] = {0, 0, 0};  // error, warning, note
    for (const Diagnostic& d : diagnostics)
        ++counts[d.severity == Severity::error ? 0 : d.severity == Severity::warning ? 1 : 2];
    std::string out;
    const char* words[3] = {"error", "warning", "note"};
    for (int k = 0; k < 3; ++k)
        if (counts[k] > 0) out += (out.empty() ? "" : ", ") + plural(counts[k], words[k]);
    return out.empty() ? "none" : out;
}

// What serve prints of each build's diagnostics: the first build's all, then
// what each rebuild changed (new ones in full, fixed ones one line each) and
// the counts; a failed build also its errors, new or not, since they are why
// nothing new is served. --all-diagnostics: all of them every time. --quiet:
// only the diagnostics that fail the build, no counts, no fixed lines.
class DiagnosticLog {
public:
    DiagnosticLog(const ServeOptions& options, std::ostream& diagnostics, bool color)
        : options_(options), diagnostics_(diagnostics), color_(color) {}

    // Prints the diagnostics of this build that are to be shown, and returns
    // the line of counts for after the build's status line ("" for none).
    std::string report(const Diagnostics& result, const std::map<std::string, std::string>& texts, bool failed) {
        std::vector<Diagnostic> now = sorted_diagnostics(result);
        const bool strict = options_.build.strict;
        auto fails = [&](const Diagnostic& d) {
            return d.severity == Severity::error || (strict && d.severity == Severity::warning);
        };
        DiagnosticChanges changes = diagnostic_changes(last_, now);
        const bool everything = first_ || options_.all_diagnostics;
        Diagnostics shown;
        for (std::size_t i = 0; i < now.size(); ++i)
            if ((everything || changes.added[i] || (failed && fails(now[i]))) && (!options_.quiet || fails(now[i])))
                shown.add(now[i]);
        print_diagnostics(shown, texts, diagnostics_, color_);
        if (!everything && !options_.quiet)
            for (const Diagnostic& d : changes.fixed) diagnostics_ << "fixed: " << colorize_diagnostic(format_diagnostic(d), color_) << "\n";
        std::string counts;
        if (first_ && !now.empty())
            counts = "diagnostics: " + severity_counts(now) + "\n";
        else if (!first_ && (!now.empty() || !changes.fixed.empty()))
            counts = "diagnostics: " + std::to_string(changes.added_count) + " new, " + std::to_string(changes.fixed.size()) +
                     " fixed; " + severity_counts(now) + " in all\n";
        first_ = false;
        last_ = std::move(now);
        return counts;
    }

private:
    const ServeOptions& options_;
    std::ostream& diagnostics_;
    bool color_;
    bool first_ = true;
    std::vector<Diagnostic> last_;  // the last build's, sorted
};

bool has_code(const Diagnostics& diagnostics, const std::string& code) {
    for (const Diagnostic& d : diagnostics.all())
        if (d.code == code) return true;
    return false;
}

}  // namespace

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
    NullStream silent;
    std::ostream& status = options.quiet ? static_cast<std::ostream&>(silent) : stdout_stream;  // not the URL
    DiagnosticLog log(options, stderr_stream, color);

    // The port first: a taken one fails at once, not after building the site.
    stderr_stream << PreviewServer::bind_warning(options.bind);
    if (!server.bind(options.bind, options.port)) {
        stderr_stream << "error: cannot listen on " << options.bind << ":" << options.port
                      << " (in use? try --port 0 for any free port)\n";
        return 1;
    }

    // `change`: what the watcher saw (null for the first build). False when
    // the first build found no content directory: there is nothing to watch.
    auto rebuild = [&](const ContentWatcher::Change* change) {
        const bool first = change == nullptr;
        auto started = std::chrono::steady_clock::now();
        auto elapsed_ms = [&] {
            return static_cast<int>(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        };
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
            std::string counts = log.report(edit->result.diagnostics, state.content.texts, false);
            server.publish_changes(std::move(edit->changed));
            status << "rebuilt " << plural(static_cast<int>(edit->pages), "page") << what << " in " << elapsed_ms() << " ms ("
                   << plural(static_cast<int>(edit->result.written.size()), "file")
                   << " changed; the rest of the site is unchanged)\n"
                   << counts << std::flush;
            return true;
        }
        BuildResult result = build_site(build, files);
        if (result.interrupted) return true;  // stopping: the loop below ends
        bool failed = !result.ok || (build.strict && result.diagnostics.warning_count() > 0);
        if (failed) state.valid = false;  // the next rebuild builds everything again
        std::string counts = log.report(result.diagnostics, result.texts, failed);
        if (failed) {
            // The overlay in the browser gets every diagnostic, whatever the terminal got.
            std::ostringstream overlay;
            print_diagnostics(result.diagnostics, result.texts, overlay, false);
            server.publish_failure(overlay.str());
        } else {
            server.publish(std::move(result.output));
            status << (first ? "built " : "rebuilt ") << plural(result.pages, "page") << " in " << elapsed_ms()
                   << " ms (rendered " << cache.rendered.size() << ", reused " << cache.reused.size() << ")\n";
        }
        if (failed && first && has_code(result.diagnostics, "LOAD001")) {
            stderr_stream << "build failed: there is no content directory to serve or watch\n";
            return false;
        }
        if (failed)
            stderr_stream << (first ? "build failed" : "rebuild failed") << ": " << plural(result.diagnostics.error_count(), "error")
                          << (first ? "; fix it and save, the server is waiting" : "; still serving the last good site") << "\n";
        status << counts << std::flush;
        return true;
    };
    if (!rebuild(nullptr)) return 1;
    if (build.stop->requested()) {
        status << "stopped\n";
        return 0;
    }

    std::string url = "http://" + (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind) +
                      ":" + std::to_string(server.port()) + "/";
    stdout_stream << "serving " << url << " (Ctrl-C to stop)\n" << std::flush;  // even with --quiet: where to look
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
    while (!build.stop->requested()) {
        ContentWatcher::Change change;
        if (!watcher.wait_for_change(std::chrono::milliseconds(250), std::chrono::milliseconds(30), &change)) continue;
        if (change.paths.empty() && !change.structural) continue;  // only temporary files came and went
        rebuild(&change);
    }
    server.stop();
    serving.join();
    status << "stopped\n";
    return 0;
}

}  // namespace sourced
