#include "unchanged_file.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace sourced {

namespace {

int open_beneath(int root_fd, const std::string& relative) {
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how));
}

bool same_bytes(int fd, const std::string& bytes) {
    struct stat info;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || static_cast<size_t>(info.st_size) != bytes.size())
        return false;
    thread_local std::vector<char> buffer(1 << 16);
    size_t offset = 0;
    while (offset < bytes.size()) {
        ssize_t got = ::read(fd, buffer.data(), std::min(buffer.size(), bytes.size() - offset));
        if (got <= 0 || std::memcmp(buffer.data(), bytes.data() + offset, static_cast<size_t>(got)) != 0) return false;
        offset += static_cast<size_t>(got);
    }
    char extra;
    return ::read(fd, &extra, 1) == 0;  // it did not grow meanwhile
}

}  // namespace

bool link_if_unchanged(int previous_root_fd, const std::string& relative, const std::string& bytes,
                       const std::string& new_path) {
    if (previous_root_fd < 0) return false;
    int fd = open_beneath(previous_root_fd, relative);
    if (fd < 0) return false;
    bool linked = false;
    if (same_bytes(fd, bytes)) {
        std::string self = "/proc/self/fd/" + std::to_string(fd);  // the inode just compared, not the path again
        linked = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, new_path.c_str(), AT_SYMLINK_FOLLOW) == 0;
    }
    ::close(fd);
    return linked;
}

}  // namespace sourced
