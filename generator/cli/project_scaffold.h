// `sourced new DIR`: a new project that builds at once.
//
// Owns making a project directory: content/ (site.json, a page that uses
// every piece of syntax, a registry with one figure per status) from the
// data directory's scaffold/, and copies of the default templates/ and
// assets/ so they can be edited. Refuses a directory that is not empty.
#pragma once

#include <iosfwd>
#include <string>

namespace sourced {

// Returns the exit status: 0 made, 1 DIR is not empty or cannot be written.
int run_new_command(const std::string& dir, const std::string& data_directory, std::ostream& stdout_stream,
                    std::ostream& stderr_stream);

}  // namespace sourced
