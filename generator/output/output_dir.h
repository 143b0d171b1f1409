// Where a site may be written: the output directory against the inputs.
//
// Owns the rule that `--out` is neither an input directory (content,
// templates, assets, snapshots), nor inside one, nor around one (OUT007):
// inside, a build would publish the site into itself (`--out assets/x` grew
// by a copy of the site each build); around one, an update that removes the
// files the new site no longer has would remove the inputs. Paths are compared
// after resolving them (symbolic links, `..`; for a directory that does not
// exist yet, its nearest existing parent). Checked before anything is written
// or locked (build_lock.h). Reads the disk; writes nothing.
#pragma once

#include <string>
#include <vector>

#include "diagnostics.h"

namespace sourced {

struct InputDirectory {
    std::string role;  // "content", "templates", "assets", "snapshots"
    std::string path;
};

// False, with an OUT007 error in `out` for each input it overlaps, if `out_dir`
// may not hold the site.
bool check_output_dir(const std::string& out_dir, const std::vector<InputDirectory>& inputs, Diagnostics& out);

}  // namespace sourced
