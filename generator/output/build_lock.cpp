#include "build_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>

#include "diagnostics.h"
#include "stop_request.h"

namespace sourced {

namespace {

constexpr int kMaxTurns = 10000;

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// Whether `name` in `parent_fd` is still the file open as `fd` (not removed
// or replaced by the build that held it before).
bool names_file(int parent_fd, const std::string& name, int fd) {
    struct stat at_name {}, opened {};
    return ::fstatat(parent_fd, name.c_str(), &at_name, AT_SYMLINK_NOFOLLOW) == 0 && ::fstat(fd, &opened) == 0 &&
           same_file(at_name, opened);
}

}  // namespace

BuildLock::BuildLock(const std::string& out_dir, const StopRequest* stop) {
    std::string dir = out_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    path_ = dir + ".lock";
    const auto slash = dir.rfind('/');
    const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : dir.substr(0, slash);
    name_ = (slash == std::string::npos ? dir : dir.substr(slash + 1)) + ".lock";
    parent_fd_ = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent_fd_ < 0) {
        error_ = std::strerror(errno);
        return;
    }
    bool said_waiting = false;
    // Each turn after the first follows a holder that let go; a name that
    // never stays put (replaced over and over) ends it with an error.
    for (int turn = 0;; ++turn) {
        if (turn == kMaxTurns) {
            error_ = "the lock file keeps being replaced";
            return;
        }
        // O_NOFOLLOW: a link planted at the name is refused (ELOOP), its target never created.
        int fd = ::openat(parent_fd_, name_.c_str(), O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        if (fd < 0) {
            error_ = errno == ELOOP ? "it is a symbolic link (not followed; remove it)" : std::strerror(errno);
            return;
        }
        struct stat opened {};
        if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_size != 0) {
            error_ = "it is not a lock file sourced made (not an empty file; remove it)";
            ::close(fd);
            return;
        }
        bool held = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        if (!held && errno != EWOULDBLOCK) {
            error_ = std::strerror(errno);
            ::close(fd);
            return;
        }
        if (!held && !said_waiting) {
            std::cerr << "sourced: another build is writing " << visible_text(out_dir) << "; waiting for it to finish\n";
            said_waiting = true;
        }
        // Polled, so that a Ctrl-C while waiting stops the wait.
        while (!held) {
            if (stop && stop->requested()) {
                interrupted_ = true;
                error_ = "interrupted while waiting for another build";
                ::close(fd);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            held = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        }
        if (names_file(parent_fd_, name_, fd)) {
            fd_ = fd;
            return;
        }
        ::close(fd);  // the build before removed (or replaced) it as it let go: lock the file now at the name
    }
}

BuildLock::~BuildLock() {
    // Removed while the flock is held, so a build waiting on this file sees
    // it gone (names_file) and opens the name again.
    if (fd_ >= 0) {
        if (names_file(parent_fd_, name_, fd_)) ::unlinkat(parent_fd_, name_.c_str(), 0);
        ::close(fd_);  // closing releases the flock
    }
    if (parent_fd_ >= 0) ::close(parent_fd_);
}

}  // namespace sourced
