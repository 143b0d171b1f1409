#include "content_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace sourced {

namespace {
constexpr uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE |
                             IN_DELETE_SELF | IN_ATTRIB;
}

ContentWatcher::ContentWatcher(const std::vector<std::string>& roots) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) return;
    for (const auto& root : roots) watch_tree(root);
}

ContentWatcher::~ContentWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void ContentWatcher::watch_tree(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    int wd = inotify_add_watch(fd_, dir.c_str(), kEvents);
    if (wd >= 0) watches_[wd] = dir;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec)) {
            int sub = inotify_add_watch(fd_, it->path().c_str(), kEvents);
            if (sub >= 0) watches_[sub] = it->path().string();
        }
    }
}

bool ContentWatcher::drain(int timeout_ms, Change* change) {
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, timeout_ms) <= 0) return false;
    alignas(inotify_event) char buffer[16384];
    bool any = false;
    ssize_t n;
    while ((n = ::read(fd_, buffer, sizeof buffer)) > 0) {
        for (char* p = buffer; p < buffer + n;) {
            auto* event = reinterpret_cast<inotify_event*>(p);
            any = true;
            if (change) {
                auto dir = watches_.find(event->wd);
                bool names_a_file = event->len > 0 && !(event->mask & IN_ISDIR) && dir != watches_.end();
                if (names_a_file) {
                    std::string path = dir->second + "/" + event->name;
                    auto [file, first_event] = burst_.try_emplace(path);
                    if (first_event) file->second.created_first = (event->mask & IN_CREATE) != 0;
                    file->second.gone_last = (event->mask & (IN_DELETE | IN_MOVED_FROM)) != 0;
                    change->paths.insert(path);
                }
                else if (!(event->mask & IN_IGNORED) || dir == watches_.end()) change->structural = true;
            }
            if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO)) && event->len > 0) {
                auto dir = watches_.find(event->wd);
                if (dir != watches_.end()) watch_tree(dir->second + "/" + event->name);
            }
            p += sizeof(inotify_event) + event->len;
        }
    }
    return any;
}

bool ContentWatcher::wait_for_change(std::chrono::milliseconds timeout, std::chrono::milliseconds debounce, Change* change) {
    if (fd_ < 0) return false;
    burst_.clear();
    if (!drain(static_cast<int>(timeout.count()), change)) return false;
    while (drain(static_cast<int>(debounce.count()), change)) {
    }
    if (change)
        for (const auto& [path, events] : burst_)
            if (events.created_first && events.gone_last) change->paths.erase(path);  // a temporary file
    return true;
}

}  // namespace sourced
