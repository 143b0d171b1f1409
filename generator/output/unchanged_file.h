// Recognising the previous site's files that a build would write again unchanged.
//
// Owns the comparison of a new file's bytes with the file at the same path in
// the previous site. A rebuild of an unchanged 10,000-page site makes about
// 80,000 files, most of them the same bytes as before; those are left where
// they are (site_update.h) instead of being created again. On ext4 creating a
// file allocates an inode and blocks and removing the old copy frees them
// again (with the `discard` mount option, one device request per file).
//
// The previous file is opened beneath the previous site's directory without
// following any symbolic link (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS,
// O_NONBLOCK so a planted FIFO cannot stall the build) and compared byte for
// byte. Anything unusual (no openat2, a symlink, not a regular file, another
// size) answers false and the caller writes the bytes.
#pragma once

#include <string>

namespace sourced {

// openat2(2) of `relative` beneath the directory `root_fd`, never through a
// symbolic link (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, O_NOFOLLOW,
// O_CLOEXEC added to `flags`); -1 with errno set if it cannot.
int open_beneath(int root_fd, const std::string& relative, int flags);

// True if `previous_root_fd` (a directory, or -1 for none) holds at
// `relative` a regular file with exactly `bytes`.
bool is_unchanged(int previous_root_fd, const std::string& relative, const std::string& bytes);

// True if `previous_root_fd` holds at `relative` the very file (same device
// and inode) that `path` names: a cached card image linked there before.
bool is_same_file(int previous_root_fd, const std::string& relative, const std::string& path);

}  // namespace sourced
