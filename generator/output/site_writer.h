// The write stage: put a finished site on disk, or nothing if the build failed.
//
// Owns the output directory. Files are written into a sibling temporary
// directory, and nothing in the output directory changes until every file
// was written and the build succeeded, so a failed build leaves the previous
// site untouched. It refuses to replace a directory that sourced did not make
// (no marker file), never writes outside the output directory, and removes
// only its own temporary directories. While it writes it holds `<out>.lock`
// (build_lock.h), taken only once `--out` was accepted, so a second build into
// the same directory waits.
// A first build swaps the whole temporary directory in. A rebuild over a
// previous sourced site stages only the files whose bytes changed
// (unchanged_file.h) and, on commit, renames each over its old copy and
// removes what the new site no longer has (site_update.h): each file is
// replaced atomically, the site as a whole is not, so a build killed during
// that step leaves a mix of old and new files, each whole, until the next
// build. Leftover temporary directories are removed by the next build.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "build_lock.h"
#include "diagnostics.h"

namespace sourced {

class StopRequest;

// Relative path ("figures/index.html") -> file bytes. Sorted, so writing
// order and listings are deterministic.
using OutputTree = std::map<std::string, std::string>;

// Name of the marker file that says a directory is a sourced site.
extern const char* const kSiteMarker;

// True if `relative` is a plain relative path that stays inside its root.
bool is_confined_path(const std::string& relative);

// A site written file by file, from any thread, into a sibling staging
// directory that replaces `out_dir` only on commit(). A build streams each
// page here as soon as it is rendered, so it never holds the whole site in
// memory. Dropped (staging removed) unless committed.
class StagedSite {
public:
    StagedSite() = default;
    StagedSite(const StagedSite&) = delete;
    StagedSite& operator=(const StagedSite&) = delete;
    ~StagedSite();

    // Checks that `out_dir` may be replaced (OUT001), takes its lock (OUT006;
    // build_lock.h) and creates the staging directory (OUT003); false, with the
    // error in `out`, if not, or, with no error, if `stop` (may be null) was
    // requested while it waited for the lock (interrupted()).
    bool open(const std::string& out_dir, Diagnostics& out, const StopRequest* stop = nullptr);
    bool interrupted() const { return interrupted_; }
    // Writes one file with one open, write and close, or, over a previous
    // site that has exactly these bytes at this path, nothing (unchanged_file.h);
    // thread-safe. A path leaving the site (OUT002), one too long for the file
    // system (OUT008: a part over 255 bytes, or over 4095 in all) or a failed
    // write (OUT004) is kept for commit().
    void put(const std::string& relative, const std::string& bytes);
    // The same, for a file whose `bytes` are also in the file `same_bytes_at`:
    // a hard link to it when possible (no copy), else the bytes are written;
    // nothing if the previous site already links that file at this path.
    void put_linked(const std::string& relative, const std::string& bytes, const std::string& same_bytes_at);
    // Reports what put() kept, else writes the marker and swaps the staging
    // directory in, or, over a previous site, moves the changed files into it
    // and removes the files it no longer has. False if anything failed. Once
    // called it runs to its end whatever signal comes (a CommitScope,
    // stop_request.h): the caller checks for a stop request before.
    bool commit(Diagnostics& out);
    // After a failed commit: true if the previous site was partly updated (a
    // move failed after others succeeded; OUT005 says so), false if it is as
    // it was.
    bool partly_updated() const { return partly_updated_; }

private:
    bool ensure_directory(const std::filesystem::path& dir);
    void note(const std::string& relative, bool changed);  // in place: what commit() moves and keeps
    bool commit_in_place(Diagnostics& out);

    std::string out_dir_;
    std::filesystem::path target_, staging_;
    std::mutex mutex_;
    std::set<std::filesystem::path> made_;  // directories already created
    std::vector<std::tuple<std::string, std::string, int>> failures_;  // path, code, errno
    std::unique_ptr<BuildLock> lock_;  // <out>.lock, from open() on (build_lock.h)
    int previous_fd_ = -1;             // the site being replaced, for unchanged_file.h
    bool in_place_ = false;            // previous_fd_ is a sourced site: update it (site_update.h)
    std::unordered_set<std::string> produced_;  // in place: every path put
    std::set<std::string> changed_;             // in place: the paths written to staging
    bool open_ = false;
    bool partly_updated_ = false;
    bool interrupted_ = false;
};

// Writes `tree` as `out_dir`, replacing a previous sourced site atomically;
// files are written on `jobs` threads, each with one open, write and close.
// On failure, `*partly_updated` (if given) says whether the previous site was
// partly updated (StagedSite::partly_updated). A `stop` (may be null)
// requested before the commit makes it return false with no error, having
// changed nothing.
bool write_site(const std::string& out_dir, const OutputTree& tree, Diagnostics& out, int jobs = 1,
                bool* partly_updated = nullptr, const StopRequest* stop = nullptr);

}  // namespace sourced
