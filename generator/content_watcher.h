// Watching the project's directories for changes (Linux inotify).
//
// Owns the inotify descriptor and one watch per directory under each root,
// including directories created later. wait_for_change() blocks until
// something changed and then stays quiet for a debounce interval, so a burst
// of saves (an editor writing a temp file and renaming it) is one change.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sourced {

class ContentWatcher {
public:
    explicit ContentWatcher(const std::vector<std::string>& roots);
    ~ContentWatcher();
    ContentWatcher(const ContentWatcher&) = delete;
    ContentWatcher& operator=(const ContentWatcher&) = delete;

    bool ok() const { return fd_ >= 0; }

    // True when a change was seen within `timeout` (after `debounce` of quiet).
    bool wait_for_change(std::chrono::milliseconds timeout,
                         std::chrono::milliseconds debounce = std::chrono::milliseconds(120));

private:
    void watch_tree(const std::string& dir);
    bool drain(int timeout_ms);  // reads pending events; true if any

    int fd_ = -1;
    std::map<int, std::string> watches_;  // watch descriptor -> directory
};

}  // namespace sourced
