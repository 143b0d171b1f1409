#include "file_system.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <cstdio>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sourced {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string join_path(const std::string& dir, const std::string& name) {
    if (dir.empty()) return name;
    if (dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

std::optional<std::string> DiskFileSystem::read(const std::string& path) const {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!in) return std::nullopt;
    std::string text;
    char buffer[65536];
    size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, in.get())) > 0) text.append(buffer, got);
    if (std::ferror(in.get())) return std::nullopt;
    return text;
}

std::optional<std::string> FileSystem::read_bounded(const std::string& path, std::size_t max_bytes,
                                                    std::uintmax_t& too_large) const {
    too_large = 0;
    auto text = read(path);
    if (text && text->size() > max_bytes) {
        too_large = text->size();
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> DiskFileSystem::read_bounded(const std::string& path, std::size_t max_bytes,
                                                        std::uintmax_t& too_large) const {
    too_large = 0;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // NONBLOCK: a FIFO is refused, not waited on
    if (fd < 0) return std::nullopt;
    struct stat info;
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {  // known before a byte is read
        ::close(fd);
        too_large = static_cast<std::uintmax_t>(info.st_size);
        return std::nullopt;
    }
    // Read to the end, but never past one byte over the bound: a file may be
    // larger than fstat said (a /proc file says 0, a file may grow).
    std::string text;
    text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[65536];
    bool failed = false;
    while (text.size() <= max_bytes) {
        ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, max_bytes + 1 - text.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failed = n < 0;
            break;
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (failed) return std::nullopt;
    if (text.size() > max_bytes) {
        too_large = text.size();
        return std::nullopt;
    }
    return text;
}

std::vector<std::string> DiskFileSystem::list(const std::string& dir, const std::string& suffix) const {
    std::vector<BrokenLink> broken;
    return list(dir, suffix, broken);
}

std::vector<std::string> DiskFileSystem::list(const std::string& dir, const std::string& suffix,
                                              std::vector<BrokenLink>& broken) const {
    std::vector<std::string> result;
    broken.clear();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return result;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string relative = it->path().lexically_relative(dir).generic_string();  // the link, not its target
        if (!ends_with(relative, suffix)) continue;
        std::error_code entry_ec;
        if (it->is_regular_file(entry_ec)) {  // follows a link
            result.push_back(join_path(dir, relative));
            continue;
        }
        if (!it->is_symlink(entry_ec)) continue;
        std::error_code status_ec;
        fs::file_type type = fs::status(it->path(), status_ec).type();  // ELOOP for a loop
        if (type == fs::file_type::not_found || status_ec)
            broken.push_back({join_path(dir, relative), fs::read_symlink(it->path(), entry_ec).string(),
                              status_ec.value() == ELOOP});
    }
    std::sort(result.begin(), result.end());
    std::sort(broken.begin(), broken.end(), [](const BrokenLink& a, const BrokenLink& b) { return a.path < b.path; });
    return result;
}

bool DiskFileSystem::is_directory(const std::string& path) const {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

namespace {

// The common case, without resolving either path: `path` is `root` + "/" +
// parts that are neither "." nor ".." nor symbolic links, so it resolves to
// what `root` resolves to, and below it. Two lstat calls for a page under
// content/pages/, where canonical() of both took about a dozen.
bool plainly_inside(const std::string& path, const std::string& root) {
    std::string base = root;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    if (base.empty() || path.size() <= base.size() + 1 || path.compare(0, base.size(), base) != 0 ||
        path[base.size()] != '/')
        return false;
    for (size_t start = base.size() + 1; start <= path.size();) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        struct stat info;
        if (::lstat(path.substr(0, end).c_str(), &info) != 0 || S_ISLNK(info.st_mode)) return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

bool DiskFileSystem::is_inside(const std::string& path, const std::string& root) const {
    if (plainly_inside(path, root)) return true;  // else resolve both
    std::error_code ec;
    fs::path real = fs::canonical(path, ec);
    if (ec) return false;
    fs::path real_root = fs::canonical(root, ec);
    if (ec) return false;
    auto [root_end, unused] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
    (void)unused;
    return root_end == real_root.end();
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path) const {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> MemoryFileSystem::list(const std::string& dir, const std::string& suffix) const {
    std::vector<std::string> result;
    std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    for (const auto& [path, contents] : files_)
        if (path.compare(0, prefix.size(), prefix) == 0 && ends_with(path, suffix)) result.push_back(path);
    return result;  // std::map keeps them sorted
}

bool MemoryFileSystem::is_directory(const std::string& path) const {
    std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
    return std::any_of(files_.begin(), files_.end(),
                       [&](const auto& entry) { return entry.first.compare(0, prefix.size(), prefix) == 0; });
}

}  // namespace sourced
