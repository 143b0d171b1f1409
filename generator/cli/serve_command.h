// `sourced serve`: build, serve from memory, rebuild on change, live reload.
//
// Owns the serve loop (bind, first build, watch, rebuild on the fast paths or
// in full, publish to the preview server) and what it prints: every
// diagnostic of the first build, then after each rebuild only the new ones
// and the fixed ones and the counts (serve/diagnostic_changes.h), unless
// --all-diagnostics; the URL always, even with --quiet. The server itself is
// serve/preview_server.h.
#pragma once

#include <iosfwd>
#include <string>

#include "site_build.h"

namespace sourced {

struct ServeOptions {
    BuildOptions build;           // content, templates, assets, strict, base URL
    std::string bind = "127.0.0.1";
    int port = 8080;
    bool open_browser = false;
    bool quiet = false;           // --quiet: diagnostics that fail the build only, no status lines but the URL
    bool all_diagnostics = false; // --all-diagnostics: every diagnostic after every build, not only what changed
};

// Binds the port first (taken: exit 1 before building), builds (the content
// directory missing: LOAD001, exit 1), then serves until options.build.stop
// is requested (SIGINT or SIGTERM) and exits 0. Status lines and the URL go
// to `stdout_stream`, diagnostics to `stderr_stream`.
int run_serve_command(const ServeOptions& options, std::ostream& stdout_stream, std::ostream& stderr_stream, bool color);

}  // namespace sourced
