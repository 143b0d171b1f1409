// What this installation of sourced is, and where it keeps its own files.
//
// Owns finding the data directory that holds the default templates/, assets/
// and the scaffold `sourced new` copies: share/sourced beside an installed
// binary (<prefix>/bin/sourced -> <prefix>/share/sourced), else the source
// tree the binary was built from (SOURCED_DATA_DIR), so a build-tree binary
// keeps using the files being edited. Also the --version text.
#pragma once

#include <string>

namespace sourced {

// The directory holding templates/, assets/ and scaffold/.
std::string data_dir();

// "sourced 0.1.0 (cmark-gfm 0.29.0.gfm.6)".
std::string version_text();

}  // namespace sourced
