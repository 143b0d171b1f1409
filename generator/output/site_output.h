// Where a build's files go, as soon as each is made.
//
// Owns the choice between the two destinations: straight into the staging
// directory of the site being written (StagedSite, `sourced build`), so a
// page's bytes are released once written and memory does not grow with the
// site's output; or an OutputTree in memory (serve, tests); or nowhere
// (`sourced check`: each file is made, counted and dropped, so checking a
// registry of 100,000 figures does not hold their 700,000 card files). Either
// way put() may be called from any thread, and the set of paths is kept for
// the files listing every page (sitemap).
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "site_writer.h"
#include "stop_request.h"

namespace sourced {

class SiteOutput {
public:
    // Files go to `staged` if it is not null, else into `memory`, unless
    // `keep` is false: then only their paths and sizes are kept. Once `stop`
    // (may be null) is requested, files go nowhere (stop_request.h).
    SiteOutput(OutputTree& memory, StagedSite* staged, bool keep = true, const StopRequest* stop = nullptr)
        : memory_(memory), staged_(staged), keep_(keep), stop_(stop) {}

    bool streaming() const { return staged_ != nullptr; }
    // A stop was requested: the build is being abandoned, so makers of many
    // files (cards) may skip the rest of their work.
    bool stopping() const { return stop_ && stop_->requested(); }

    // Thread-safe. A second put() of the same path replaces the first.
    void put(const std::string& path, std::string bytes);
    // The same, for bytes that are also in the file `same_bytes_at` (a cached
    // card image): on disk a hard link to that file where possible.
    void put_linked(const std::string& path, std::string bytes, const std::string& same_bytes_at);

    // Every path put so far, sorted.
    std::set<std::string> paths() const;
    // Every path put so far with its size in bytes (for --verbose).
    std::map<std::string, size_t> sizes() const;

private:
    OutputTree& memory_;
    StagedSite* staged_;
    bool keep_;
    const StopRequest* stop_;
    mutable std::mutex mutex_;
    std::map<std::string, size_t> sizes_;  // every path put so far
};

}  // namespace sourced
