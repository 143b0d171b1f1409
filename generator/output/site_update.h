// Updating a previous site in place: the commit step of StagedSite when the
// output directory already holds a sourced site.
//
// Owns the moves that turn the previous site into the new one once a build has
// succeeded: each changed file, already written whole into the staging
// directory, is renamed over its old copy (rename(2): a reader sees the old
// file or the new one, never a torn one); every file and directory the new
// site no longer has is removed. Unchanged files are not touched at all, so a
// rebuild of a 10,000-page site that changes a few files costs a few renames,
// not 90,000 links and 90,000 unlinks.
//
// The site's directories are opened beneath the site's directory descriptor
// without following any symbolic link (openat2 RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS); a link or a file planted where a directory belongs is
// removed (never followed) and a real directory made, and a directory where a
// file belongs is removed. What is replaced is per file, not the whole site
// at once: a build killed during this step leaves some files new and the
// others old, each whole, and the next build finishes the job. A failure that
// can be foreseen (a directory that cannot be written) is found before the
// first move, and changes nothing.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

namespace sourced {

// Moves `changed` (relative paths, each a regular file under `staging_dir`)
// to the same paths beneath `site_fd`, then removes every file under `site_dir`
// (the path `site_fd` was opened from) that is not in `produced` and not
// `keep` (the site marker), and every directory left holding none of them.
//
// Before the first move it checks that every move can succeed: each
// directory the files go into (or the nearest one above it that exists) can
// be written (not a read-only mount, not immutable) and is on the staging
// directory's mount, and each directory in a file's way can be removed. If
// not, it returns false with `error` saying why, and nothing has changed. If
// a move still fails (the disk failed, the staged file vanished), the files
// moved before it stay moved: false, `*partly` true (when something did
// change), and `error` says the site is partly updated and that the next
// build finishes the update.
bool update_site_in_place(int site_fd, const std::string& site_dir, const std::string& staging_dir,
                          std::vector<std::string> changed, const std::unordered_set<std::string>& produced,
                          const std::string& keep, int threads, std::string& error, bool* partly = nullptr);

}  // namespace sourced
