// Watching the project's directories for changes (Linux inotify).
//
// Owns the inotify descriptor and one watch per directory under each root,
// including directories created later. wait_for_change() blocks until
// something changed and then waits until it has been quiet for a debounce
// interval, so a burst of saves (an editor writing a temp file and renaming
// it) is one change; it says which files the burst touched. A file the burst
// both created and removed or renamed away (`sed -i`'s `sedXXXXXX`, an
// editor's temporary file) is left out: it was not there before and is not
// now, so nothing could have read it.
#pragma once

#include <chrono>
#include <map>
#include <set>
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

    // What changed in one burst: the paths of the files created, written,
    // moved or removed ("<watched dir>/<name>"), but not those it created and
    // then removed or moved away, and whether anything else
    // happened that names no single file (a directory created, moved or
    // removed, a watched root gone, events lost to a full queue).
    struct Change {
        std::set<std::string> paths;
        bool structural = false;
    };

    // True when a change was seen within `timeout` (after `debounce` of
    // quiet); `change`, if given, is filled with what changed.
    bool wait_for_change(std::chrono::milliseconds timeout,
                         std::chrono::milliseconds debounce = std::chrono::milliseconds(30), Change* change = nullptr);

private:
    void watch_tree(const std::string& dir);
    bool drain(int timeout_ms, Change* change);  // reads pending events; true if any

    // A file's events in the current burst: whether the first created it, and
    // whether the last removed it or moved it away.
    struct FileEvents {
        bool created_first = false;
        bool gone_last = false;
    };

    int fd_ = -1;
    std::map<int, std::string> watches_;  // watch descriptor -> directory
    std::map<std::string, FileEvents> burst_;  // per file touched in the burst being read
};

}  // namespace sourced
