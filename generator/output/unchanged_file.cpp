#include "unchanged_file.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace sourced {

int open_beneath(int root_fd, const std::string& relative, int flags) {
    struct open_how how;
    std::memset(&how, 0, sizeof how);
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC | O_NOFOLLOW);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return static_cast<int>(::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how));
}

namespace {

bool same_bytes(int fd, const std::string& bytes) {
    struct stat info;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || static_cast<size_t>(info.st_size) != bytes.size())
        return false;
    // One read of the whole file and one byte more: a short read at the
    // expected size is the end of the file (it did not grow meanwhile).
    constexpr size_t kChunk = 1 << 20;
    thread_local std::vector<char> buffer;
    size_t offset = 0;
    for (;;) {
        size_t want = std::min(kChunk, bytes.size() - offset + 1);
        if (buffer.size() < want) buffer.resize(want);
        ssize_t got = ::read(fd, buffer.data(), want);
        if (got < 0) return false;
        if (got == 0) return offset == bytes.size();
        size_t n = static_cast<size_t>(got);
        if (offset + n > bytes.size() || std::memcmp(buffer.data(), bytes.data() + offset, n) != 0) return false;
        offset += n;
        if (offset == bytes.size() && n < want) return true;
    }
}

}  // namespace

bool is_unchanged(int previous_root_fd, const std::string& relative, const std::string& bytes) {
    if (previous_root_fd < 0) return false;
    int fd = open_beneath(previous_root_fd, relative, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return false;
    bool same = same_bytes(fd, bytes);
    ::close(fd);
    return same;
}

bool is_same_file(int previous_root_fd, const std::string& relative, const std::string& path) {
    if (previous_root_fd < 0) return false;
    int fd = open_beneath(previous_root_fd, relative, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat previous, other;
    bool same = ::fstat(fd, &previous) == 0 && S_ISREG(previous.st_mode) && ::stat(path.c_str(), &other) == 0 &&
                previous.st_dev == other.st_dev && previous.st_ino == other.st_ino;
    ::close(fd);
    return same;
}

}  // namespace sourced
