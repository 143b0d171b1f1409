// Running the real `sourced` binary from a test: its exit status and what it
// printed, stdout and stderr each to a file (so neither is a terminal).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_support.h"

namespace sourced::test {

struct SourcedRun {
    int status = -1;
    std::string out, err;
};

// Runs `sourced args` in `dir`, without CI in the environment and with `env`
// prepended (e.g. "NO_COLOR=1"); the logs go to dir/stdout.log and dir/stderr.log.
inline SourcedRun run_sourced(const std::filesystem::path& dir, const std::string& args, const std::string& env = "") {
    std::filesystem::path out = dir / "stdout.log", err = dir / "stderr.log";
    std::string command = "cd '" + dir.string() + "' && env -u CI " + env + " " + SOURCED_BINARY + " " + args +
                          " >'" + out.string() + "' 2>'" + err.string() + "'";
    int status = std::system(command.c_str());
    SourcedRun r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace sourced::test
