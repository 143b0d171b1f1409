// `sourced card` run in-process for the tests: its exit status and what it
// printed on stdout and stderr.
#pragma once

#include <sstream>
#include <string>

#include "card_command.h"

namespace sourced::test {

struct CardRun {
    int status = -1;
    std::string out, err;
};

inline CardRun run_card(const BuildOptions& options, const std::string& id, const std::string& format) {
    std::ostringstream out, err;
    CardRun run;
    run.status = run_card_command(options, id, format, out, err, false);
    run.out = out.str();
    run.err = err.str();
    return run;
}

}  // namespace sourced::test
