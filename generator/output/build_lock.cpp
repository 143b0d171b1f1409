#include "build_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace sourced {

BuildLock::BuildLock(const std::string& out_dir) {
    std::string dir = out_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    path_ = dir + ".lock";
    int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        error_ = std::strerror(errno);
        return;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int rc = -1;
        if (errno == EWOULDBLOCK) {
            std::cerr << "sourced: another build is writing " << out_dir << "; waiting for it to finish\n";
            while ((rc = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
            }
        }
        if (rc != 0) {
            error_ = std::strerror(errno);
            ::close(fd);
            return;
        }
    }
    fd_ = fd;
}

BuildLock::~BuildLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace sourced
