// Evidence checks: quotes against snapshots of their sources (SRC003,
// SRC004) and the hygiene of the source list (SRC010, SRC011).
//
// A snapshot is a text file of a source as it was read:
// <snapshots>/<source-id>.txt (default: <content>/snapshots). Matching
// normalises whitespace, case, curly quotes and dashes.
//
//   SRC003 error  a quote is not found in its source's snapshot
//   SRC004 error  a quote does not state its figure's number (derived figures exempt)
//   SRC010 note   a source has no URL, `issued` or `accessed` date (gaps are
//                 allowed: never invent them; the note keeps them visible)
//   SRC011 error  a source's `via` chain loops
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"
#include "file_system.h"
#include "registry.h"
#include "registry_marks.h"

namespace sourced {

// Lower case, one space for any whitespace, straight quotes removed, dashes as '-'.
std::string normalise_for_match(const std::string& text);

// SRC003/SRC004; marks each quoted evidence's snapshot "checked" or "unchecked" in `marks`.
void check_quotes(const Registry& registry, const std::string& registry_path, const FileSystem& files,
                  const std::string& snapshots_dir, RegistryMarks& marks, Diagnostics& out);

// SRC010/SRC011.
void check_source_hygiene(const Registry& registry, const std::string& registry_path, Diagnostics& out);

}  // namespace sourced
