#include "site_update.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "parallel.h"
#include "unchanged_file.h"

namespace fs = std::filesystem;

namespace sourced {

namespace {

// A directory named `name` in `parent`, never through a symbolic link.
int open_directory_beneath(int parent, const std::string& name) {
    return open_beneath(parent, name, O_RDONLY | O_DIRECTORY);
}

// The real directory `name` in `parent`, made if missing; a symbolic link or
// a file in its place is removed first (the link itself, not its target).
// `changed` is set if anything was removed or made.
int ensure_child_directory(int parent, const std::string& name, bool& changed) {
    int fd = open_directory_beneath(parent, name);
    if (fd >= 0) return fd;
    if (errno == ELOOP || errno == ENOTDIR) {
        if (::unlinkat(parent, name.c_str(), 0) != 0) return -1;
        changed = true;
    } else if (errno != ENOENT) {
        return -1;
    }
    if (::mkdirat(parent, name.c_str(), 0755) != 0) {
        if (errno != EEXIST) return -1;
    } else {
        changed = true;
    }
    return open_directory_beneath(parent, name);
}

std::string parent_of(const std::string& relative) {
    auto slash = relative.find_last_of('/');
    return slash == std::string::npos ? std::string() : relative.substr(0, slash);
}

std::string name_of(const std::string& relative) {
    auto slash = relative.find_last_of('/');
    return slash == std::string::npos ? relative : relative.substr(slash + 1);
}

// Descriptors of the site's directories that changed files go into, by
// relative path ("" is the site itself), each opened beneath its parent.
class SiteDirectories {
public:
    explicit SiteDirectories(int site_fd) { fds_[""] = site_fd; }
    SiteDirectories(const SiteDirectories&) = delete;
    SiteDirectories& operator=(const SiteDirectories&) = delete;
    ~SiteDirectories() {
        for (const auto& [path, fd] : fds_)
            if (!path.empty() && fd >= 0) ::close(fd);
    }
    // -1 (errno set) if it cannot be opened or made.
    int open(const std::string& relative) {
        auto it = fds_.find(relative);
        if (it != fds_.end()) return it->second;
        int parent = open(parent_of(relative));
        int fd = parent < 0 ? -1 : ensure_child_directory(parent, name_of(relative), changed_);
        int saved = errno;
        fds_[relative] = fd;
        errno = saved;
        return fd;
    }

    // Whether opening made or removed anything in the site.
    bool changed() const { return changed_; }

private:
    std::map<std::string, int> fds_;
    bool changed_ = false;
};

// Renames the staged file over the site's copy; a directory in its way (not
// something a sourced site has at a file's path) is removed first, and
// `removed` set.
int move_into_place(const std::string& from, int dir_fd, const std::string& name, std::atomic<bool>& removed) {
    if (::renameat(AT_FDCWD, from.c_str(), dir_fd, name.c_str()) == 0) return 0;
    int error = errno;
    if (error != EISDIR && error != ENOTEMPTY && error != EEXIST) return error;
    std::error_code ec;
    removed = true;
    fs::remove_all(fs::path("/proc/self/fd/" + std::to_string(dir_fd)) / name, ec);  // links inside are not followed
    return ::renameat(AT_FDCWD, from.c_str(), dir_fd, name.c_str()) == 0 ? 0 : errno;
}

// The mount a descriptor's file is on, if the kernel says (statx STATX_MNT_ID, Linux 5.8).
std::optional<uint64_t> mount_of(int fd) {
    struct statx info;
    if (::statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &info) != 0 || !(info.stx_mask & STATX_MNT_ID))
        return std::nullopt;
    return info.stx_mnt_id;
}

// What keeps files from being renamed into the directory `fd` (shown as
// `shown`) from the staging directory: it cannot be written (a read-only
// mount, an immutable or, for other users than root, a mode 0555 directory),
// or it is on another mount (rename(2) cannot cross one). "" if nothing.
std::string cannot_move_into(int fd, const std::string& shown, const std::optional<uint64_t>& staging_mount) {
    if (::faccessat(fd, ".", W_OK, AT_EACCESS) != 0) return "cannot move files into " + shown + ": " + std::strerror(errno);
    auto mount = mount_of(fd);
    if (staging_mount && mount && *mount != *staging_mount)
        return "cannot move files into " + shown + ": it is another mount than the staging directory's, and rename(2) "
               "cannot cross mounts";
    return "";
}

// The names of the real directories in the directory `fd`, from readdir's
// types (no call per entry: a directory of the site may hold 80,000 files).
std::set<std::string> subdirectories(int fd) {
    std::set<std::string> names;
    DIR* dir = ::fdopendir(::dup(fd));
    if (!dir) return names;
    while (struct dirent* entry = ::readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
        unsigned char type = entry->d_type;
        if (type == DT_UNKNOWN) {
            struct stat info;
            if (::fstatat(::dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
            type = S_ISDIR(info.st_mode) ? DT_DIR : DT_REG;
        }
        if (type == DT_DIR) names.insert(entry->d_name);
    }
    ::closedir(dir);
    return names;
}

// What keeps the directory `fd` (at `shown`), in the way of a file, from
// being removed with everything in it: a directory in it, or itself, that
// cannot be written, or a mount point. Links are not followed. "" if nothing.
std::string cannot_remove(int fd, const std::string& shown, const std::optional<uint64_t>& site_mount) {
    const std::string what = "cannot remove " + shown + ", a directory where a file goes: ";
    if (::faccessat(fd, ".", W_OK, AT_EACCESS) != 0) return what + std::strerror(errno);
    auto mount = mount_of(fd);
    if (site_mount && mount && *mount != *site_mount) return what + "it is a mount point";
    for (const std::string& name : subdirectories(fd)) {
        int child = open_directory_beneath(fd, name);
        if (child < 0) continue;
        std::string problem = cannot_remove(child, shown + name + "/", site_mount);
        ::close(child);
        if (!problem.empty()) return problem;
    }
    return "";
}

// Checks, before anything moves, that every move of the commit can succeed,
// so that a failure one can foresee leaves the site as it was: each directory
// a changed file goes into (or, where it is missing or something else is in
// its way, the nearest real directory above it, where the rest is made) can
// be written and is on the staging directory's mount, and each directory in
// the way of a changed file can be removed. "" if so, else the first problem.
std::string check_moves(int site_fd, const std::string& staging_dir, const std::vector<std::string>& changed) {
    std::optional<uint64_t> staging_mount;
    if (int staging_fd = ::open(staging_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); staging_fd >= 0) {
        staging_mount = mount_of(staging_fd);
        ::close(staging_fd);
    }
    const std::optional<uint64_t> site_mount = mount_of(site_fd);
    std::map<std::string, std::set<std::string>> by_directory;  // changed files' names by their directory
    for (const std::string& relative : changed) by_directory[parent_of(relative)].insert(name_of(relative));
    std::map<std::string, std::string> checked;  // directory -> problem
    for (const auto& [directory, names] : by_directory) {
        std::string at = directory;
        int fd;
        for (;;) {  // the nearest real directory on the way
            fd = at.empty() ? ::dup(site_fd) : open_directory_beneath(site_fd, at);
            if (fd >= 0 || at.empty()) break;
            at = parent_of(at);
        }
        if (fd < 0) return "cannot open the site directory: " + std::string(std::strerror(errno));
        auto [it, first] = checked.emplace(at, "");
        if (first) it->second = cannot_move_into(fd, at.empty() ? "the site directory" : at + "/", staging_mount);
        std::string problem = it->second;
        if (problem.empty() && at == directory) {  // the directory exists: is a directory in a file's way?
            for (const std::string& name : subdirectories(fd)) {
                if (!names.count(name)) continue;
                int in_the_way = open_directory_beneath(fd, name);
                if (in_the_way < 0) continue;
                problem = cannot_remove(in_the_way, (at.empty() ? "" : at + "/") + name + "/", site_mount);
                ::close(in_the_way);
                if (!problem.empty()) break;
            }
        }
        ::close(fd);
        if (!problem.empty()) return problem;
    }
    return "";
}

// Collects, under the directory `dir_fd` (at `relative`, "" for the site),
// every entry the new site does not have: files and symbolic links into
// `stale`, and real directories, after their contents, into `directories`.
// Reads the entries' types from readdir (no stat per file, the site has
// about 90,000); directories are opened beneath their parent without
// following links, so the walk never leaves the site.
void collect_stale(int dir_fd, const std::string& relative, const std::unordered_set<std::string>& produced,
                   const std::string& keep, std::vector<std::string>& stale, std::vector<std::string>& directories) {
    DIR* dir = ::fdopendir(dir_fd);  // owns dir_fd from here
    if (!dir) {
        ::close(dir_fd);
        return;
    }
    std::string path = relative;
    while (struct dirent* entry = ::readdir(dir)) {
        const char* name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        path.resize(relative.size());
        if (!relative.empty()) path += '/';
        path += name;
        unsigned char type = entry->d_type;
        if (type == DT_UNKNOWN) {
            struct stat info;
            if (::fstatat(::dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
            type = S_ISDIR(info.st_mode) ? DT_DIR : DT_REG;
        }
        if (type == DT_DIR) {
            int child = open_directory_beneath(::dirfd(dir), name);
            if (child >= 0) collect_stale(child, path, produced, keep, stale, directories);
            directories.push_back(path);
        } else if (path != keep && !produced.count(path)) {
            stale.push_back(path);
        }
    }
    ::closedir(dir);
}

// Removes every file under `site_dir` that the new site does not have, then
// every directory left empty. Symbolic links are removed, never followed.
void remove_stale(int site_fd, const std::string& site_dir, const std::unordered_set<std::string>& produced,
                  const std::string& keep, int threads) {
    std::vector<std::string> stale, directories;
    int walk_fd = open_directory_beneath(site_fd, ".");  // its own read position
    if (walk_fd < 0) return;
    collect_stale(walk_fd, "", produced, keep, stale, directories);
    const std::string root = site_dir + "/";
    parallel_for(stale.size(), threads, [&](size_t i, int) { ::unlink((root + stale[i]).c_str()); });
    for (const std::string& dir : directories) ::rmdir((root + dir).c_str());  // deepest first; fails if not empty
}

}  // namespace

bool update_site_in_place(int site_fd, const std::string& site_dir, const std::string& staging_dir,
                          std::vector<std::string> changed, const std::unordered_set<std::string>& produced,
                          const std::string& keep, int threads, std::string& error, bool* partly) {
    if (partly) *partly = false;
    std::sort(changed.begin(), changed.end());
    error = check_moves(site_fd, staging_dir, changed);  // a foreseeable failure changes nothing
    if (!error.empty()) return false;
    // Directories first, on one thread (few, and each made beneath its parent).
    SiteDirectories directories(site_fd);
    std::vector<int> dir_fds(changed.size());
    auto partly_updated = [&](size_t moved) {
        if (partly) *partly = true;
        error += "; the site is partly updated (" + std::to_string(moved) + " of " + std::to_string(changed.size()) +
                 " changed files moved, the others are the previous site's): the next build finishes the update";
    };
    for (size_t i = 0; i < changed.size(); ++i) {
        dir_fds[i] = directories.open(parent_of(changed[i]));
        if (dir_fds[i] < 0) {
            error = "cannot make directory for " + changed[i] + ": " + std::strerror(errno);
            if (directories.changed()) partly_updated(0);
            return false;
        }
    }
    std::mutex mutex;
    std::map<std::string, int> failed;  // path -> errno; the first by path is reported
    std::atomic<bool> removed{false};
    parallel_for(changed.size(), threads, [&](size_t i, int) {
        const std::string staged = staging_dir + "/" + changed[i];
        if (int e = move_into_place(staged, dir_fds[i], name_of(changed[i]), removed)) {
            std::lock_guard<std::mutex> lock(mutex);
            failed[changed[i]] = e;
        }
    });
    if (!failed.empty()) {
        error = "cannot move " + failed.begin()->first + " into place: " + std::strerror(failed.begin()->second);
        size_t moved = changed.size() - failed.size();
        if (moved > 0 || directories.changed() || removed) partly_updated(moved);
        return false;
    }
    remove_stale(site_fd, site_dir, produced, keep, threads);
    return true;
}

}  // namespace sourced
