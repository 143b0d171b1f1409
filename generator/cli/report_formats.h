// Machine-readable diagnostics: `--format json` and `--format sarif`.
//
// Owns the two documents `sourced check|build --format ...` prints on
// stdout instead of the compiler-style text: a plain JSON report and a SARIF
// 2.1.0 log (one run, tool "sourced", one result per diagnostic, rules for
// every code). Both list diagnostics sorted, so the output is deterministic.
#pragma once

#include <string>

#include "site_build.h"

namespace sourced {

std::string diagnostics_json(const BuildResult& result, bool failed);
std::string diagnostics_sarif(const BuildResult& result);

}  // namespace sourced
