#include "site_update.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "parallel.h"

namespace fs = std::filesystem;

namespace sourced {

namespace {

// A directory named `name` in `parent`, never through a symbolic link.
int open_directory_beneath(int parent, const std::string& name) {
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(::syscall(SYS_openat2, parent, name.c_str(), &how, sizeof how));
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

// Removes every file under `site_dir` that the new site does not have, then
// every directory left empty. Symbolic links are removed, never followed.
void remove_stale(const std::string& site_dir, const std::unordered_set<std::string>& produced, const std::string& keep,
                  int threads) {
    std::vector<std::string> stale, directories;
    std::error_code ec;
    const std::string root = fs::path(site_dir).string();
    const size_t skip = root.size() + (root.empty() || root.back() == '/' ? 0 : 1);
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::string path = it->path().string();
        if (it->symlink_status(ec).type() == fs::file_type::directory) {
            directories.push_back(std::move(path));
            continue;
        }
        std::string relative = path.substr(skip);
        if (relative != keep && !produced.count(relative)) stale.push_back(std::move(path));
    }
    parallel_for(stale.size(), threads, [&](size_t i, int) { ::unlink(stale[i].c_str()); });
    for (auto dir = directories.rbegin(); dir != directories.rend(); ++dir) ::rmdir(dir->c_str());  // fails if not empty
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
    remove_stale(site_dir, produced, keep, threads);
    return true;
}

}  // namespace sourced
