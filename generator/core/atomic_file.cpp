#include "atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>
#include <system_error>

namespace sourced {

namespace {

// A suffix no other writer uses: the process, a counter of this process's
// temporary files, and a random number for processes that share a pid (in
// other PID namespaces, writing into one directory).
std::string unique_suffix() {
    static std::atomic<unsigned long> counter{0};
    thread_local std::mt19937_64 random = [] {
        std::seed_seq seed{static_cast<unsigned long long>(std::random_device{}()),
                           static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count()),
                           static_cast<unsigned long long>(::getpid())};
        return std::mt19937_64(seed);
    }();
    char suffix[80];
    std::snprintf(suffix, sizeof suffix, ".tmp-%ld-%lu-%08llx", static_cast<long>(::getpid()), counter.fetch_add(1),
                  static_cast<unsigned long long>(random() & 0xffffffffu));
    return suffix;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        temporary_ = path_ + unique_suffix();
        // O_EXCL: never a file someone else made; 0666 less the umask, as std::ofstream creates.
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ >= 0) {
        owns_temporary_ = true;
    } else {
        fail(Failure::write, errno);
    }
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::write(std::string_view bytes) {
    while (failure_ == Failure::none && !bytes.empty()) {
        ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            fail(Failure::write, written < 0 ? errno : ENOSPC);
            return;
        }
        bytes.remove_prefix(static_cast<size_t>(written));
    }
}

bool AtomicFile::commit() {
    if (failure_ != Failure::none) return false;
    int closed = ::close(fd_);  // a delayed write error (NFS, quota) shows here
    fd_ = -1;
    if (closed != 0) {
        fail(Failure::write, errno);
        return false;
    }
    if (::rename(temporary_.c_str(), path_.c_str()) != 0) {
        fail(Failure::rename, errno);
        return false;
    }
    owns_temporary_ = false;  // it is the target now
    return true;
}

// Keeps the first failure; the temporary file goes at once.
void AtomicFile::fail(Failure failure, int error_number) {
    failure_ = failure;
    reason_ = std::system_category().message(error_number);
    error_ = failure == Failure::write ? "cannot write " + temporary_ + ": " + reason_
                                       : "cannot rename " + temporary_ + " to " + path_ + ": " + reason_;
    discard();
}

// Closes the temporary file and removes it, if this AtomicFile made it and
// has not renamed it.
void AtomicFile::discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (owns_temporary_) ::unlink(temporary_.c_str());
    owns_temporary_ = false;
}

bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error) {
    AtomicFile file(path);
    file.write(bytes);
    if (file.commit()) return true;
    error = file.error();
    return false;
}

}  // namespace sourced
