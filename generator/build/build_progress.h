// What a build tells whoever waits for it, as it goes.
//
// Owns the BuildProgress callbacks build_site() makes (a stage finished; one
// more page done). The build knows nothing of terminals: cli/progress_reporter.h
// turns these calls into a progress line.
#pragma once

#include <cstddef>
#include <string>

namespace sourced {

// Called by build_site(); page_done may be called from several threads at once.
class BuildProgress {
public:
    virtual ~BuildProgress() = default;
    virtual void stage_done(const std::string& stage, double milliseconds) = 0;
    virtual void page_done(std::size_t done, std::size_t total) = 0;
    // The build is over: remove anything drawn, before the command prints.
    virtual void finish() {}
};

}  // namespace sourced
