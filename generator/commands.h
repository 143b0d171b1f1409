// The commands a user runs, behind the argument parser.
//
// Each command takes parsed options, runs the stages it needs, prints
// diagnostics like a compiler (with colours only on a terminal) and a
// summary, and returns the process exit status: 0 success, 1 errors in the
// input (or warnings with --strict), 2 a usage error.
#pragma once

#include <iosfwd>

#include "site_build.h"

namespace sourced {

// `sourced build`: content -> site, summary on stdout, diagnostics on stderr.
// With `stats`, also prints the time of every stage (see print_stage_times).
int run_build_command(const BuildOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream,
                      bool color, bool stats = false);

// `--stats`: one line per stage, wall milliseconds; the per-page stages as
// milliseconds summed over the threads that ran them.
void print_stage_times(const BuildResult& result, std::ostream& stream);

// Prints every diagnostic of `result`, sorted, with source lines and carets.
void print_diagnostics(const BuildResult& result, std::ostream& stream, bool color);

}  // namespace sourced
