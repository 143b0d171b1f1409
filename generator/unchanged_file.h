// Reusing the previous site's files that a build would write again unchanged.
//
// Owns the comparison of a new file's bytes with the file at the same path in
// the previous site, and the hard link that puts that same inode in the
// staging directory instead of a new copy. On ext4 creating a file allocates
// an inode and blocks and removing the previous site's copy frees them again
// (with the `discard` mount option, one device request per file); a link and
// its unlink touch only directory entries. A rebuild of an unchanged 10,000-page
// site writes about 80,000 files, most of them the same bytes as before.
//
// The previous file is opened beneath the previous site's directory without
// following any symbolic link (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS),
// compared byte for byte, and linked through its open descriptor, so what is
// linked is exactly what was compared. Anything unusual (no openat2, a
// symlink, another size, a link limit) returns false and the caller writes
// the bytes.
#pragma once

#include <string>

namespace sourced {

// True if `previous_root_fd` (a directory, or -1 for none) holds at
// `relative` a regular file with exactly `bytes`, and it is now also linked
// at `new_path`.
bool link_if_unchanged(int previous_root_fd, const std::string& relative, const std::string& bytes,
                       const std::string& new_path);

}  // namespace sourced
