// What a long build tells the person waiting for it.
//
// Owns ProgressReporter, which turns build_site()'s BuildProgress callbacks
// (build/build_progress.h) into a single "pages 120/400" line on stderr, redrawn in place and cleared at the
// end (only when drawing is on: a terminal, see terminal.h), and, with
// --verbose, a line per finished stage. It never touches stdout, so a build's
// summary and --format json output stay clean.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <mutex>
#include <string>

#include "build_progress.h"

namespace sourced {

class ProgressReporter : public BuildProgress {
public:
    // `draw`: redraw a progress line in place; `verbose`: print each stage.
    ProgressReporter(std::ostream& stream, bool draw, bool verbose);
    void stage_done(const std::string& stage, double milliseconds) override;
    void page_done(std::size_t done, std::size_t total) override;
    // Clears the progress line, if one is showing.
    void finish() override;

private:
    void clear_line();  // mutex held
    std::ostream& stream_;
    bool draw_;
    bool verbose_;
    bool showing_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
    std::mutex mutex_;
};

// --verbose after a build: "wrote <out>/<path>" for every file, in path order.
void print_written_files(const std::map<std::string, size_t>& files, const std::string& out_dir, std::ostream& stream);

}  // namespace sourced
