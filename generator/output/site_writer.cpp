#include "site_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <vector>

#include "build_lock.h"
#include "parallel.h"
#include "site_update.h"
#include "stop_request.h"
#include "unchanged_file.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sourced {

const char* const kSiteMarker = ".sourced-site";

bool is_confined_path(const std::string& relative) {
    if (relative.empty() || relative[0] == '/' || relative.find('\\') != std::string::npos) return false;
    for (size_t start = 0; start < relative.size();) {  // the parts between slashes, as getline splits them
        size_t end = relative.find('/', start);
        if (end == std::string::npos) end = relative.size();
        size_t length = end - start;
        if (length == 0 || (length <= 2 && relative.compare(start, length, std::string(length, '.')) == 0)) return false;
        start = end + 1;
    }
    return true;
}

namespace {

// True if `relative` under `dir` has a part longer than a file name may be
// (NAME_MAX, 255 bytes) or is longer than a path may be (PATH_MAX less its NUL).
bool too_long_for_the_file_system(const fs::path& dir, const std::string& relative) {
    if (dir.native().size() + 1 + relative.size() >= PATH_MAX) return true;
    for (size_t start = 0; start <= relative.size();) {
        size_t end = relative.find('/', start);
        if (end == std::string::npos) end = relative.size();
        if (end - start > NAME_MAX) return true;
        start = end + 1;
    }
    return false;
}

// The file's directory must exist. 0 on success, else the errno.
int write_file(const fs::path& path, const std::string& bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    const char* data = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t written = ::write(fd, data, left);
        if (written <= 0) {
            int error = written < 0 ? errno : EIO;
            ::close(fd);
            return error;
        }
        data += written;
        left -= static_cast<size_t>(written);
    }
    return ::close(fd) == 0 ? 0 : errno;
}

bool is_sourced_site_or_empty(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return true;
    if (!fs::is_directory(dir, ec)) return false;
    return fs::exists(dir / kSiteMarker, ec) || fs::is_empty(dir, ec);
}

// Removes `dir` and everything in it (symbolic links, `dir` itself included,
// are removed, never followed). The files are unlinked on several threads: on a busy disk each
// unlink waits about a millisecond for the file system's journal, not for the
// CPU, and removing the previous site was most of a rebuild's wall time.
constexpr int kRemoveThreads = 8;

void remove_tree(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(dir, ec))) {  // `--out` was a link: remove it, not what it points to
        fs::remove(dir, ec);
        return;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (!it->is_directory(ec) || it->is_symlink(ec)) files.push_back(it->path());
    parallel_for(files.size(), kRemoveThreads, [&](size_t i, int) { ::unlink(files[i].c_str()); });
    fs::remove_all(dir, ec);  // the directories, and anything the walk missed
}

// Leftovers of builds that were killed before cleaning up: `<out>.tmp-PID`
// and `<out>.old-PID`. Only called with the lock held, so no live build owns them.
void remove_stale_siblings(const fs::path& target) {
    std::error_code ec;
    fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string name = target.filename().string();
    for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string sibling = it->path().filename().string();
        bool ours = sibling.size() > name.size() + 5 &&
                    (sibling.rfind(name + ".tmp-", 0) == 0 || sibling.rfind(name + ".old-", 0) == 0) &&
                    sibling.find_first_not_of("0123456789", name.size() + 5) == std::string::npos;  // a pid
        if (ours) remove_tree(it->path());
    }
}

// Swaps two directories in one step (renameat2 RENAME_EXCHANGE), so `target`
// is at every moment either the whole old site or the whole new one.
bool exchange(const fs::path& a, const fs::path& b) {
    return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

}  // namespace

StagedSite::~StagedSite() {
    if (previous_fd_ >= 0) ::close(previous_fd_);
    if (!open_) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
}

bool StagedSite::open(const std::string& out_dir, Diagnostics& out, const StopRequest* stop) {
    out_dir_ = out_dir;
    target_ = fs::path(out_dir).lexically_normal();
    if (target_.filename().empty()) target_ = target_.parent_path();
    auto refuse_foreign = [&] {
        out.error(out_dir, 0, 0, "OUT001",
                  "refusing to replace a directory that sourced did not create (no " + std::string(kSiteMarker) +
                      " marker); remove it or choose another --out");
        return false;
    };
    // Checked before the lock, so a refused --out (`/`) gets no lock file
    // beside it; and again under the lock, which another build may have held.
    if (!is_sourced_site_or_empty(target_)) return refuse_foreign();
    lock_ = std::make_unique<BuildLock>(target_.string(), stop);  // held until this object dies
    if (!lock_->locked()) {
        interrupted_ = lock_->interrupted();
        if (!interrupted_)
            out.error(lock_->path(), 0, 0, "OUT006", "cannot lock the output directory: " + lock_->error() +
                                                        "; the previous site is unchanged");
        return false;
    }
    remove_stale_siblings(target_);
    if (!is_sourced_site_or_empty(target_)) return refuse_foreign();
    // The previous site, updated in place: its unchanged files are left alone (site_update.h).
    std::error_code marker_ec;
    if (fs::exists(target_ / kSiteMarker, marker_ec))
        previous_fd_ = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    in_place_ = previous_fd_ >= 0;
    staging_ = target_.string() + ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(staging_, ec);
    fs::create_directories(staging_, ec);
    if (ec) {
        out.error(staging_.string(), 0, 0, "OUT003", "cannot create directory: " + ec.message() +
                                                     "; the previous site is unchanged");
        return false;
    }
    made_.insert(staging_);
    open_ = true;
    return true;
}

bool StagedSite::ensure_directory(const fs::path& dir) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (made_.count(dir)) return true;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return false;
    made_.insert(dir);
    return true;
}

void StagedSite::put(const std::string& relative, const std::string& bytes) {
    if (!is_confined_path(relative)) {
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.push_back({relative, "OUT002", 0});
        return;
    }
    if (too_long_for_the_file_system(staging_, relative)) {  // named by its path in the site, not the staging one
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.push_back({relative, "OUT008", ENAMETOOLONG});
        return;
    }
    fs::path path = staging_ / relative;
    if (!ensure_directory(path.parent_path())) {
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.push_back({path.string(), "OUT004", errno ? errno : EIO});
        return;
    }
    if (in_place_ && is_unchanged(previous_fd_, relative, bytes)) return note(relative, false);  // unchanged_file.h
    int error = write_file(path, bytes);
    if (error != 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.push_back({path.string(), "OUT004", error});
    }
    if (in_place_) note(relative, true);
}

void StagedSite::note(const std::string& relative, bool changed) {
    std::lock_guard<std::mutex> lock(mutex_);
    produced_.insert(relative);
    if (changed) {
        changed_.insert(relative);
    } else if (changed_.erase(relative)) {  // put before with other bytes: its staged copy must not replace the site's
        std::error_code ec;
        fs::remove(staging_ / relative, ec);
    }
}

void StagedSite::put_linked(const std::string& relative, const std::string& bytes, const std::string& same_bytes_at) {
    if (!same_bytes_at.empty() && is_confined_path(relative)) {
        if (in_place_ && is_same_file(previous_fd_, relative, same_bytes_at)) return note(relative, false);
        fs::path path = staging_ / relative;
        if (ensure_directory(path.parent_path()) && ::link(same_bytes_at.c_str(), path.c_str()) == 0) {
            if (in_place_) note(relative, true);
            return;
        }
    }
    put(relative, bytes);  // another file system, a link limit, ...: write the bytes
}

bool StagedSite::commit(Diagnostics& out) {
    if (!open_) return false;
    CommitScope committing;  // a second Ctrl-C waits for the commit to finish (stop_request.h)
    if (!failures_.empty()) {
        std::sort(failures_.begin(), failures_.end());  // the same report whatever the thread order
        const auto& [path, code, error] = failures_.front();
        out.error(path, 0, 0, code,
                  code == "OUT002"   ? "output path leaves the site directory"
                  : code == "OUT008" ? "output path is too long: a file name may have 255 bytes, and its path with " +
                                           out_dir_ + " 4095; the previous site is unchanged"
                                     : "cannot write file: " + std::string(std::strerror(error ? error : EIO)) +
                                           "; the previous site is unchanged");
        return false;
    }
    if (in_place_) return commit_in_place(out);
    // The marker goes last: a staging directory without it was never finished.
    if (int error = write_file(staging_ / kSiteMarker, "This directory was generated by sourced; it is replaced on every build.\n")) {
        out.error((staging_ / kSiteMarker).string(), 0, 0, "OUT004",
                  "cannot write file: " + std::string(std::strerror(error)) + "; the previous site is unchanged");
        return false;
    }
    std::error_code ec;
    bool had_previous = fs::exists(target_, ec);
    if (had_previous && exchange(staging_, target_)) {
        open_ = false;
        remove_tree(staging_);  // now the previous site
        return true;
    }
    // No previous site, or a file system without RENAME_EXCHANGE: two renames.
    fs::path previous = target_.string() + ".old-" + std::to_string(::getpid());
    if (had_previous) fs::rename(target_, previous, ec);
    if (!ec) fs::rename(staging_, target_, ec);
    if (ec) {
        out.error(out_dir_, 0, 0, "OUT005", "cannot move the new site into place: " + ec.message());
        if (had_previous && !fs::exists(target_)) fs::rename(previous, target_, ec);
        return false;  // the destructor removes the staging directory
    }
    open_ = false;
    if (had_previous) remove_tree(previous);
    return true;
}

// The previous site stays where it is; only what changed moves (site_update.h).
bool StagedSite::commit_in_place(Diagnostics& out) {
    std::string error;
    std::vector<std::string> changed(changed_.begin(), changed_.end());
    bool partly = false;
    bool moved = update_site_in_place(previous_fd_, target_.string(), staging_.string(), std::move(changed), produced_,
                                      kSiteMarker, kRemoveThreads, error, &partly);
    if (!moved) {
        partly_updated_ = partly;  // then `error` says so, and that the next build finishes the update
        out.error(out_dir_, 0, 0, "OUT005", partly ? error : error + "; the previous site is unchanged");
        return false;  // the destructor removes the staging directory
    }
    open_ = false;
    std::error_code ec;
    fs::remove_all(staging_, ec);  // directories only, now
    return true;
}

bool write_site(const std::string& out_dir, const OutputTree& tree, Diagnostics& out, int jobs, bool* partly_updated,
                const StopRequest* stop) {
    for (const auto& entry : tree)  // before anything is written
        if (!is_confined_path(entry.first)) {
            out.error(entry.first, 0, 0, "OUT002", "output path leaves the site directory");
            return false;
        }
    auto stopped = [stop] { return stop && stop->requested(); };
    StagedSite site;
    if (!site.open(out_dir, out, stop)) return false;
    std::vector<const std::pair<const std::string, std::string>*> entries;
    for (const auto& entry : tree) entries.push_back(&entry);
    parallel_for(entries.size(), jobs, [&](size_t i, int) {
        if (!stopped()) site.put(entries[i]->first, entries[i]->second);
    });
    if (stopped()) return false;  // before the commit: the staging directory goes, the site stays as it was
    bool committed = site.commit(out);
    if (partly_updated) *partly_updated = site.partly_updated();
    return committed;
}

}  // namespace sourced
