// The build: the only place that knows the order of the stages.
//
//   load (load_project) -> check the registry -> pages (parse, resolve, check
//   prose, render; page_build.h) -> index -> check the site -> render the
//   site-wide pages and cards -> write
//
// Each stage is a module of its own; build_site runs them in order, keeps
// each stage's diagnostics apart, stops before writing if any stage reported
// an error (or a warning, with --strict), and times each stage. A stop
// request (Ctrl-C, SIGTERM; stop_request.h) ends it at the next stage, page or
// file, before the commit; once the commit began, it finishes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "check_stage.h"
#include "diagnostics.h"
#include "figure_card.h"
#include "file_system.h"
#include "project.h"
#include "build_progress.h"
#include "site_writer.h"

namespace sourced {

class BuildCache;
class StopRequest;
struct SiteState;

// What a build makes and where it goes.
struct OutputOptions {
    std::string out_dir = "site";
    bool write = true;          // false: run every stage but write nothing (check)
    bool keep_output = true;    // with write false: keep the files made in BuildResult::output (serve, tests);
                                // false (check): only their paths and sizes, so memory does not grow with the site
    bool card_images = true;    // render each figure card's PNG social image
    bool incremental_cache = false;  // build --incremental: the cache in .sourced-cache/ beside out_dir
    std::string image_cache_dir;  // card PNG cache; empty: <content>/../.sourced-cache/images when writing, none otherwise
};

// A build's options in three parts: what to build (ProjectOptions, project.h),
// the check policy (CheckOptions, check_stage.h) and the output; then how it
// runs. How a command prints is not here (cli/commands.h: PrintOptions).
struct BuildOptions : ProjectOptions, CheckOptions, OutputOptions {
    int jobs = 0;                       // threads for the per-page stages; 0: one per core
    BuildProgress* progress = nullptr;  // told of each stage and page as the build runs; may be null
    BuildCache* incremental = nullptr;  // reuse what is unchanged since the last good build (incremental_plan.h)
    SiteState* keep_state = nullptr;    // serve: after a good build, what page_edit.h needs (site_state.h)
    const StopRequest* stop = nullptr;  // Ctrl-C: read between stages, pages and files (stop_request.h); may be null
};

// Wall time of a stage; for the per-page stages (parse, resolve, render),
// which run together on `jobs` threads, `thread_sum` entries add up each
// page's time over all threads and are not part of the wall total.
struct StageTime {
    std::string stage;
    double milliseconds = 0;
    bool thread_sum = false;
};

struct BuildResult {
    Diagnostics diagnostics;
    std::map<std::string, std::string> texts;  // input files by path, for printing source lines
    OutputTree output;  // the files kept in memory (all of them unless a build streams to --out)
    std::map<std::string, size_t> written;  // every file of the site and its size, however it was written
    std::vector<StageTime> times;
    int pages = 0;
    int figures = 0;
    int flagged_figures = 0;
    int sources = 0;
    CheckReport report;  // what the content checks found, for the report page
    CardImageCounts images;  // card PNGs rendered or taken from the cache
    int jobs = 1;
    bool ok = false;
    bool site_partly_updated = false;  // a failed write left --out partly updated (OUT005 says so), not as it was
    int interrupted = 0;  // the signal that stopped the build before its commit (the site is as it was); 0 if none
};

BuildResult build_site(const BuildOptions& options, const FileSystem& files);

}  // namespace sourced
