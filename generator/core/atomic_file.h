// Writing one file atomically: readers see the old bytes or the new ones,
// whole, never a mix or a half-written file.
//
// Owns the one way sourced replaces a single file in place (the report, the
// incremental cache's manifest, an image cache entry): the bytes go to a
// temporary file of a name no other writer uses, beside the target
// ("<target>.tmp-<pid>-<counter>-<random>", created exclusively), which is
// renamed over the target on commit(). Like ccache's AtomicFile, nothing is
// ever committed by the destructor: an AtomicFile dropped, or one whose write
// failed, removes its temporary file and leaves the target as it was. New
// files get the mode an std::ofstream would give them (0666 less the umask).
// Like the writes it replaced, it does not fsync. Writing a whole site is
// site_writer.h's job, not this.
#pragma once

#include <string>
#include <string_view>

namespace sourced {

class AtomicFile {
public:
    // Which step failed: writing the temporary file (creating, writing or
    // closing it), or renaming it over the target.
    enum class Failure { none, write, rename };

    // Creates the temporary file beside `path` (a failure is kept for commit()).
    explicit AtomicFile(std::string path);
    // Removes the temporary file unless commit() moved it into place.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Appends `bytes` to the temporary file; after a failure, does nothing.
    void write(std::string_view bytes);
    // Closes the temporary file and renames it over the target. False if any
    // step failed: failure(), error() and reason() say which and why, the
    // temporary file is gone and the target is as it was.
    bool commit();

    Failure failure() const { return failure_; }
    // "cannot write <temporary>: <reason>" or "cannot rename <temporary> to
    // <target>: <reason>"; empty while nothing failed.
    const std::string& error() const { return error_; }
    // The system's words alone: "No space left on device".
    const std::string& reason() const { return reason_; }
    const std::string& path() const { return path_; }
    const std::string& temporary_path() const { return temporary_; }

private:
    void fail(Failure failure, int error_number);
    void discard();

    std::string path_;
    std::string temporary_;
    int fd_ = -1;
    bool owns_temporary_ = false;  // made by this, not yet renamed or removed
    Failure failure_ = Failure::none;
    std::string error_;
    std::string reason_;
};

// Writes `bytes` to `path` with an AtomicFile. False, with `error` set (see
// AtomicFile::error), if it failed; the target is then as it was.
bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace sourced
