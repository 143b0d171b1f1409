// File access for the load stage, behind an interface.
//
// The loader reads content through FileSystem so tests can build sites from
// an in-memory map of files. Only reading lives here; writing the site is the
// job of site_writer.h, which works on the real disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sourced {

// A symbolic link that list() leaves out because it leads to no file: its
// target does not exist (dangling), or links lead back to it (a loop).
struct BrokenLink {
    std::string path;    // as list() would give it
    std::string target;  // the link's own text ("nowhere.md")
    bool loops = false;
};

class FileSystem {
public:
    virtual ~FileSystem() = default;
    // The file's bytes, or nothing if it does not exist or cannot be read.
    virtual std::optional<std::string> read(const std::string& path) const = 0;
    // The file's bytes if it holds at most `max_bytes`. A larger file is not
    // read (its size is known first, and no more than `max_bytes` + 1 bytes of
    // a file that grows are read): nothing, with `too_large` set to its size.
    // Nothing, with `too_large` 0, if it does not exist or cannot be read.
    virtual std::optional<std::string> read_bounded(const std::string& path, std::size_t max_bytes,
                                                    std::uintmax_t& too_large) const;
    // Regular files under `dir` (recursively) whose name ends with `suffix`,
    // as paths that start with `dir`, sorted.
    virtual std::vector<std::string> list(const std::string& dir, const std::string& suffix) const = 0;
    // list(), and in `broken` the links it left out whose name ends with
    // `suffix` (sorted), so that the caller can say so.
    virtual std::vector<std::string> list(const std::string& dir, const std::string& suffix,
                                          std::vector<BrokenLink>& broken) const {
        broken.clear();
        return list(dir, suffix);
    }
    virtual bool is_directory(const std::string& path) const = 0;
    // False if `path`, with every symbolic link followed, lies outside `root`.
    virtual bool is_inside(const std::string& path, const std::string& root) const {
        (void)path, (void)root;
        return true;
    }
};

class DiskFileSystem : public FileSystem {
public:
    std::optional<std::string> read(const std::string& path) const override;
    std::optional<std::string> read_bounded(const std::string& path, std::size_t max_bytes,
                                            std::uintmax_t& too_large) const override;
    std::vector<std::string> list(const std::string& dir, const std::string& suffix) const override;
    std::vector<std::string> list(const std::string& dir, const std::string& suffix,
                                  std::vector<BrokenLink>& broken) const override;
    bool is_directory(const std::string& path) const override;
    bool is_inside(const std::string& path, const std::string& root) const override;
};

// Files held in memory, keyed by path with '/' separators ("content/a.md").
class MemoryFileSystem : public FileSystem {
public:
    using FileSystem::list;
    void add(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
    void remove(const std::string& path) { files_.erase(path); }
    std::optional<std::string> read(const std::string& path) const override;
    std::vector<std::string> list(const std::string& dir, const std::string& suffix) const override;
    bool is_directory(const std::string& path) const override;

private:
    std::map<std::string, std::string> files_;
};

// "pages/a.md" ends with ".md".
bool ends_with(const std::string& s, const std::string& suffix);

// "a/b" + "c.md" -> "a/b/c.md" (no doubled separators).
std::string join_path(const std::string& dir, const std::string& name);

}  // namespace sourced
