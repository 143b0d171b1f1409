// The lock that keeps two builds from writing one output directory at once.
//
// Owns `<out>.lock`, a file in the output directory's parent held with
// flock(2) while a build replaces the site. A second build into the same
// directory waits for the first to finish (saying so on stderr); the kernel
// drops the lock when its holder exits, even when killed, so a crash leaves
// no stale lock. The file is opened beneath its parent with O_NOFOLLOW: a
// symbolic link (or anything but an empty regular file) planted at its name
// is refused, never followed, created through or truncated. The holder
// removes the file as it lets go, so nothing is left beside the site; a
// taker that finds, once it holds the flock, that the name no longer names
// the file it locked (the holder it waited for removed it) opens it again.
// Only a build killed with SIGKILL leaves the file; the next build takes it
// and removes it.
#pragma once

#include <string>

namespace sourced {

class StopRequest;

class BuildLock {
public:
    // Takes the lock for `out_dir`, waiting if another process holds it; a
    // wait ends early if `stop` (may be null) is requested (interrupted()).
    explicit BuildLock(const std::string& out_dir, const StopRequest* stop = nullptr);
    // Removes the lock file, then lets go of the flock.
    ~BuildLock();
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

    bool locked() const { return fd_ >= 0; }
    bool interrupted() const { return interrupted_; }  // the wait ended because a stop was requested
    const std::string& path() const { return path_; }
    const std::string& error() const { return error_; }  // why it is not locked

private:
    std::string path_;   // "<out>.lock", for messages
    std::string name_;   // its name in the parent directory
    std::string error_;
    int parent_fd_ = -1;
    int fd_ = -1;
    bool interrupted_ = false;
};

}  // namespace sourced
