#include "commands.h"

#include <filesystem>
#include <ostream>

namespace sourced {

namespace {

std::string colorize(const std::string& line, bool color) {
    if (!color) return line;
    for (const auto& [word, code] : {std::pair<const char*, const char*>{": error", "\033[1;31m"},
                                     std::pair<const char*, const char*>{": warning", "\033[1;33m"}}) {
        auto at = line.find(word);
        if (at != std::string::npos) {
            auto end = line.find(": ", at + 2);
            return "\033[1m" + line.substr(0, at) + "\033[0m: " + code + line.substr(at + 2, end - at - 2) + "\033[0m" +
                   line.substr(end);
        }
    }
    return line;
}

std::string plural(int n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void print_diagnostics(const BuildResult& result, std::ostream& stream, bool color) {
    for (const Diagnostic& d : sorted_diagnostics(result.diagnostics)) {
        auto text = result.texts.find(d.path);
        std::string formatted = format_diagnostic_with_source(d, text == result.texts.end() ? "" : text->second);
        auto newline = formatted.find('\n');
        stream << colorize(formatted.substr(0, newline), color);
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
    }
    std::snprintf(line, sizeof line, "stage %-10s %9.1f ms  (%d threads)\n", "total", total, result.jobs);
    stream << line;
}

int run_build_command(const BuildOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream,
                      bool color, bool stats) {
    BuildResult result = build_site(options, DiskFileSystem());
    print_diagnostics(result, stderr_stream, color);
    if (stats) print_stage_times(result, stdout_stream);
    const Diagnostics& d = result.diagnostics;
    bool failed = !result.ok || d.has_errors() || (options.strict && d.warning_count() > 0);
    if (failed) {
        stderr_stream << "build failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning");
        if (options.strict && d.warning_count() > 0) stderr_stream << " (--strict: warnings fail the build)";
        stderr_stream << "; " << (options.write ? options.out_dir + " was left as it was" : "nothing written") << "\n";
        return 1;
    }
    double total = 0;
    for (const auto& t : result.times)
        if (!t.thread_sum) total += t.milliseconds;
    stdout_stream << (options.write ? "built " : "checked ") << plural(result.pages, "page") << ", "
                  << plural(result.figures, "figure") << " (" << result.flagged_figures << " flagged), "
                  << plural(result.sources, "source");
    if (d.warning_count() > 0) stdout_stream << ", " << plural(d.warning_count(), "warning");
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.0f", total);
    stdout_stream << " in " << ms << " ms\n";
    if (options.write) {
        std::error_code ec;
        auto absolute = std::filesystem::absolute(std::filesystem::path(options.out_dir) / "index.html", ec).lexically_normal();
        stdout_stream << "open file://" << absolute.string() << "\n";
    }
    return 0;
}

}  // namespace sourced
