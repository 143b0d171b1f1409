#include "progress_reporter.h"

#include <cstdio>
#include <ostream>

#include "diagnostics.h"

namespace sourced {

namespace {

constexpr const char* kClearLine = "\r\033[K";  // to column 0, erase to the end of the line
constexpr auto kRedrawEvery = std::chrono::milliseconds(80);

}  // namespace

ProgressReporter::ProgressReporter(std::ostream& stream, bool draw, bool verbose)
    : stream_(stream), draw_(draw), verbose_(verbose) {}

void ProgressReporter::clear_line() {
    if (!showing_) return;
    stream_ << kClearLine << std::flush;
    showing_ = false;
}

void ProgressReporter::stage_done(const std::string& stage, double milliseconds) {
    if (!verbose_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    clear_line();
    char line[160];
    std::snprintf(line, sizeof line, "stage %s done (%.0f ms)\n", stage.c_str(), milliseconds);
    stream_ << line << std::flush;
}

void ProgressReporter::page_done(std::size_t done, std::size_t total) {
    if (!draw_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    // Redrawing on every page of a large site would cost more than the page:
    // at most every 80 ms, and always the first and the last page.
    if (showing_ && done != total && now - last_draw_ < kRedrawEvery) return;
    last_draw_ = now;
    stream_ << kClearLine << "pages " << done << "/" << total << std::flush;
    showing_ = true;
}

void ProgressReporter::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    clear_line();
}

void print_written_files(const std::map<std::string, size_t>& files, const std::string& out_dir, std::ostream& stream) {
    std::string prefix = out_dir.empty() || out_dir.back() == '/' ? out_dir : out_dir + "/";
    for (const auto& [path, size] : files) stream << "wrote " << visible_text(prefix + path) << " (" << size << " bytes)\n";
}

}  // namespace sourced
