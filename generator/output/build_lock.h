// The lock that keeps two builds from writing one output directory at once.
//
// Owns `<out>.lock`, a file beside the output directory held with flock(2)
// while a build replaces the site. A second build into the same directory
// waits for the first to finish (saying so on stderr); the kernel drops the
// lock when its holder exits, even when killed, so a crash leaves no stale lock.
#pragma once

#include <string>

namespace sourced {

class BuildLock {
public:
    // Takes the lock for `out_dir`, waiting if another process holds it.
    explicit BuildLock(const std::string& out_dir);
    ~BuildLock();
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

    bool locked() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }
    const std::string& error() const { return error_; }  // why it is not locked

private:
    std::string path_;
    std::string error_;
    int fd_ = -1;
};

}  // namespace sourced
