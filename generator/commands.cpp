#include "commands.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "pdf_printer.h"
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

void print_diagnostics(const Diagnostics& diagnostics, const std::map<std::string, std::string>& texts,
                       std::ostream& stream, bool color) {
    for (const Diagnostic& d : sorted_diagnostics(diagnostics)) {
        auto text = texts.find(d.path);
        std::string formatted = format_diagnostic_with_source(d, text == texts.end() ? "" : text->second);
        auto newline = formatted.find('\n');
        stream << colorize(formatted.substr(0, newline), color);
        if (newline != std::string::npos) stream << formatted.substr(newline);
        stream << '\n';
    }
}

int run_build_command(const BuildOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream,
                      bool color) {
    BuildResult result = build_site(options, DiskFileSystem());
    print_diagnostics(result.diagnostics, result.texts, stderr_stream, color);
    const Diagnostics& d = result.diagnostics;
    bool failed = !result.ok || d.has_errors() || (options.strict && d.warning_count() > 0);
    if (failed) {
        stderr_stream << "build failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning");
        if (options.strict && d.warning_count() > 0) stderr_stream << " (--strict: warnings fail the build)";
        stderr_stream << "; " << (options.write ? options.out_dir + " was left as it was" : "nothing written") << "\n";
        return 1;
    }
    double total = 0;
    for (const auto& t : result.times) total += t.milliseconds;
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

int run_report_command(const ReportOptions& options, const std::string& pdf_path, std::ostream& stdout_stream,
                       std::ostream& stderr_stream, bool color) {
    ReportResult result = build_report(options, DiskFileSystem());
    print_diagnostics(result.diagnostics, result.texts, stderr_stream, color);
    const Diagnostics& d = result.diagnostics;
    if (!result.ok || (options.strict && d.warning_count() > 0)) {
        stderr_stream << "report failed: " << plural(d.error_count(), "error") << ", " << plural(d.warning_count(), "warning")
                      << "; " << options.output << " was left as it was\n";
        return 1;
    }
    // Write beside the target and rename, so a half-written report never appears.
    std::string staging = options.output + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream file(staging, std::ios::binary | std::ios::trunc);
        file << result.html;
        if (!file.flush()) {
            stderr_stream << options.output << ": error[OUT004]: cannot write the report\n";
            std::remove(staging.c_str());
            return 1;
        }
    }
    std::error_code ec;
    std::filesystem::rename(staging, options.output, ec);
    if (ec) {
        stderr_stream << options.output << ": error[OUT005]: cannot move the report into place: " << ec.message() << "\n";
        std::remove(staging.c_str());
        return 1;
    }
    stdout_stream << "wrote " << options.output << ": " << plural(result.pages, "page") << ", " << result.verified << " of "
                  << plural(result.figures, "figure") << " verified, " << result.html.size() / 1024 << " KiB\n";
    if (!pdf_path.empty()) {
        Diagnostics pdf_diagnostics;
        if (!print_to_pdf(options.output, pdf_path, pdf_diagnostics)) {
            print_diagnostics(pdf_diagnostics, {}, stderr_stream, color);
            return 1;
        }
        stdout_stream << "wrote " << pdf_path << "\n";
    }
    return 0;
}

}  // namespace sourced
