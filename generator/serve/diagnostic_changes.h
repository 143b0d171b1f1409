// What changed in the diagnostics between two builds of `sourced serve`.
//
// Owns telling the diagnostics a rebuild brought (new) from those it no
// longer has (fixed), so that serve prints only those and the counts, not
// every diagnostic of the site after every save (on the 10,000-page bench,
// 25,000 warnings and 190 MB of output per edit). A diagnostic is the same
// one in both builds when its file, severity, code and message are, wherever
// its line and column now are: a line added above it moves it, and that is
// not a change. Equal diagnostics are matched one to one. It does not print:
// cli/serve_command.cpp does.
#pragma once

#include <vector>

#include "diagnostics.h"

namespace sourced {

struct DiagnosticChanges {
    std::vector<bool> added;        // for each diagnostic of `after` (in its order): new in it
    std::vector<Diagnostic> fixed;  // the diagnostics of `before` that `after` no longer has, sorted
    int added_count = 0;
};

DiagnosticChanges diagnostic_changes(const std::vector<Diagnostic>& before, const std::vector<Diagnostic>& after);

}  // namespace sourced
