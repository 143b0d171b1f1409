#include "site_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <set>
#include <vector>

#include "build_lock.h"
#include "parallel.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sourced {

const char* const kSiteMarker = ".sourced-site";

bool is_confined_path(const std::string& relative) {
    if (relative.empty() || relative[0] == '/' || relative.find('\\') != std::string::npos) return false;
    std::stringstream parts(relative);
    std::string part;
    while (std::getline(parts, part, '/'))
        if (part.empty() || part == "." || part == "..") return false;
    return true;
}

namespace {

// The file's directory must exist. 0 on success, else the errno.
int write_file(const fs::path& path, const std::string& bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    const char* data = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t written = ::write(fd, data, left);
        if (written <= 0) {
            int error = written < 0 ? errno : EIO;
            ::close(fd);
            return error;
        }
        data += written;
        left -= static_cast<size_t>(written);
    }
    return ::close(fd) == 0 ? 0 : errno;
}

bool is_sourced_site_or_empty(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return true;
    if (!fs::is_directory(dir, ec)) return false;
    return fs::exists(dir / kSiteMarker, ec) || fs::is_empty(dir, ec);
}

// Leftovers of builds that were killed before cleaning up: `<out>.tmp-PID`
// and `<out>.old-PID`. Only called with the lock held, so no live build owns them.
void remove_stale_siblings(const fs::path& target) {
    std::error_code ec;
    fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string name = target.filename().string();
    for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string sibling = it->path().filename().string();
        bool ours = sibling.size() > name.size() + 5 &&
                    (sibling.rfind(name + ".tmp-", 0) == 0 || sibling.rfind(name + ".old-", 0) == 0) &&
                    sibling.find_first_not_of("0123456789", name.size() + 5) == std::string::npos;  // a pid
        if (ours) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

// Swaps two directories in one step (renameat2 RENAME_EXCHANGE), so `target`
// is at every moment either the whole old site or the whole new one.
bool exchange(const fs::path& a, const fs::path& b) {
    return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

}  // namespace

bool write_site(const std::string& out_dir, const OutputTree& tree, Diagnostics& out, int jobs) {
    fs::path target = fs::path(out_dir).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    std::error_code ec;
    BuildLock lock(target.string());
    if (!lock.locked()) {
        out.error(lock.path(), 0, 0, "OUT006", "cannot lock the output directory: " + lock.error() + "; the previous site is unchanged");
        return false;
    }
    remove_stale_siblings(target);
    if (!is_sourced_site_or_empty(target)) {
        out.error(out_dir, 0, 0, "OUT001",
                  "refusing to replace a directory that sourced did not create (no " + std::string(kSiteMarker) +
                      " marker); remove it or choose another --out");
        return false;
    }
    for (const auto& [relative, bytes] : tree)
        if (!is_confined_path(relative)) {
            out.error(relative, 0, 0, "OUT002", "output path leaves the site directory");
            return false;
        }

    const std::string suffix = std::to_string(::getpid());
    fs::path staging = target.string() + ".tmp-" + suffix;
    fs::path previous = target.string() + ".old-" + suffix;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) {
        out.error(staging.string(), 0, 0, "OUT003", "cannot create directory: " + ec.message() + "; the previous site is unchanged");
        return false;
    }
    std::set<fs::path> dirs;
    std::vector<const std::pair<const std::string, std::string>*> entries;
    for (const auto& entry : tree) {
        entries.push_back(&entry);
        dirs.insert((staging / entry.first).parent_path());
    }
    for (const fs::path& dir : dirs) fs::create_directories(dir, ec);
    std::vector<int> failed(entries.size(), 0);
    parallel_for(entries.size(), jobs, [&](size_t i, int) {
        failed[i] = write_file(staging / entries[i]->first, entries[i]->second);
    });
    // The marker goes last: a staging directory without it was never finished.
    failed.push_back(write_file(staging / kSiteMarker, "This directory was generated by sourced; it is replaced on every build.\n"));
    for (size_t i = 0; i < failed.size(); ++i) {
        if (failed[i]) {
            fs::path file = staging / (i < entries.size() ? entries[i]->first : std::string(kSiteMarker));
            out.error(file.string(), 0, 0, "OUT004",
                      "cannot write file: " + std::string(std::strerror(failed[i])) + "; the previous site is unchanged");
            fs::remove_all(staging, ec);
            return false;
        }
    }

    bool had_previous = fs::exists(target, ec);
    if (had_previous && exchange(staging, target)) {
        fs::remove_all(staging, ec);  // now the previous site
        return true;
    }
    // No previous site, or a file system without RENAME_EXCHANGE: two renames.
    if (had_previous) fs::rename(target, previous, ec);
    if (!ec) fs::rename(staging, target, ec);
    if (ec) {
        out.error(out_dir, 0, 0, "OUT005", "cannot move the new site into place: " + ec.message());
        if (had_previous && !fs::exists(target)) fs::rename(previous, target, ec);
        fs::remove_all(staging, ec);
        return false;
    }
    if (had_previous) fs::remove_all(previous, ec);
    return true;
}

}  // namespace sourced
