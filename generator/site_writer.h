// The write stage: put a finished site on disk, all or nothing.
//
// Owns the output directory. The whole site is written into a sibling
// temporary directory and swapped in only when every file was written, so a
// failed build leaves the previous site untouched. It refuses to replace a
// directory that sourced did not make (no marker file), never writes outside
// the output directory, and removes only its own temporary directories.
// While it writes it holds `<out>.lock` (build_lock.h), so a second build
// into the same directory waits; the swap itself is one renameat2 exchange,
// so a build killed at any moment leaves the old site or the new one, whole,
// and its leftover temporary directory is removed by the next build.
#pragma once

#include <map>
#include <string>

#include "diagnostics.h"

namespace sourced {

// Relative path ("figures/index.html") -> file bytes. Sorted, so writing
// order and listings are deterministic.
using OutputTree = std::map<std::string, std::string>;

// Name of the marker file that says a directory is a sourced site.
extern const char* const kSiteMarker;

// True if `relative` is a plain relative path that stays inside its root.
bool is_confined_path(const std::string& relative);

// Writes `tree` as `out_dir`, replacing a previous sourced site atomically;
// files are written on `jobs` threads, each with one open, write and close.
bool write_site(const std::string& out_dir, const OutputTree& tree, Diagnostics& out, int jobs = 1);

}  // namespace sourced
