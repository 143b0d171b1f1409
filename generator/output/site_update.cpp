#include "site_update.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

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
int ensure_child_directory(int parent, const std::string& name) {
    int fd = open_directory_beneath(parent, name);
    if (fd >= 0) return fd;
    if (errno == ELOOP || errno == ENOTDIR) {
        if (::unlinkat(parent, name.c_str(), 0) != 0) return -1;
    } else if (errno != ENOENT) {
        return -1;
    }
    if (::mkdirat(parent, name.c_str(), 0755) != 0 && errno != EEXIST) return -1;
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
        int fd = parent < 0 ? -1 : ensure_child_directory(parent, name_of(relative));
        int saved = errno;
        fds_[relative] = fd;
        errno = saved;
        return fd;
    }

private:
    std::map<std::string, int> fds_;
};

// Renames the staged file over the site's copy; a directory in its way (not
// something a sourced site has at a file's path) is removed first.
int move_into_place(const std::string& from, int dir_fd, const std::string& name) {
    if (::renameat(AT_FDCWD, from.c_str(), dir_fd, name.c_str()) == 0) return 0;
    int error = errno;
    if (error != EISDIR && error != ENOTEMPTY && error != EEXIST) return error;
    std::error_code ec;
    fs::remove_all(fs::path("/proc/self/fd/" + std::to_string(dir_fd)) / name, ec);  // links inside are not followed
    return ::renameat(AT_FDCWD, from.c_str(), dir_fd, name.c_str()) == 0 ? 0 : errno;
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
                          const std::string& keep, int threads, std::string& error) {
    std::sort(changed.begin(), changed.end());
    // Directories first, on one thread (few, and each made beneath its parent).
    SiteDirectories directories(site_fd);
    std::vector<int> dir_fds(changed.size());
    for (size_t i = 0; i < changed.size(); ++i) {
        dir_fds[i] = directories.open(parent_of(changed[i]));
        if (dir_fds[i] < 0) {
            error = "cannot make directory for " + changed[i] + ": " + std::strerror(errno);
            return false;
        }
    }
    std::mutex mutex;
    std::map<std::string, int> failed;  // path -> errno; the first by path is reported
    parallel_for(changed.size(), threads, [&](size_t i, int) {
        const std::string staged = staging_dir + "/" + changed[i];
        if (int e = move_into_place(staged, dir_fds[i], name_of(changed[i]))) {
            std::lock_guard<std::mutex> lock(mutex);
            failed[changed[i]] = e;
        }
    });
    if (!failed.empty()) {
        error = "cannot move " + failed.begin()->first + " into place: " + std::strerror(failed.begin()->second);
        return false;
    }
    remove_stale(site_fd, site_dir, produced, keep, threads);
    return true;
}

}  // namespace sourced
