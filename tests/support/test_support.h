// Helpers shared by the tests: inline mini-sites in memory, temporary
// directories on disk, and small string queries over generated HTML.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "file_system.h"
#include "site_build.h"

namespace sourced::test {

// A MemoryFileSystem holding the project's templates/ and assets/ under
// "templates/" and "assets/", ready for content files under "content/".
MemoryFileSystem project_files();

// A registry with two sources and two figures (one verified, one reported)
// used by several tests; `extra_figures` is spliced into the figures list.
std::string sample_registry(const std::string& extra_figures = "");

// project_files() with the shipped content/ under "content/".
MemoryFileSystem shipped_site();

// Options for building content/ of a MemoryFileSystem without writing: its
// templates and assets, 2 threads, no card images (slow, and tested apart).
BuildOptions memory_options();

// The paths whose bytes differ between two sites, or that only one has.
std::set<std::string> differing_files(const OutputTree& a, const OutputTree& b);

// Builds content/ of `files` without writing; templates and assets from files.
BuildResult build_in_memory(const MemoryFileSystem& files, bool strict = false);

// All diagnostics of a result, one formatted line each.
std::string diagnostics_text(const BuildResult& result);

size_t count_occurrences(const std::string& text, const std::string& needle);

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// `dir` made unwritable for as long as this lives, even for root: bound onto
// itself and remounted read-only (needs root and mount(2)); without root,
// its mode is 0555. `active()` is false if neither worked.
class ReadOnlyDirectory {
public:
    explicit ReadOnlyDirectory(const std::filesystem::path& dir);
    ~ReadOnlyDirectory();
    ReadOnlyDirectory(const ReadOnlyDirectory&) = delete;
    ReadOnlyDirectory& operator=(const ReadOnlyDirectory&) = delete;
    bool active() const { return mounted_ || chmodded_; }
    void release();  // writable again

private:
    std::filesystem::path dir_;
    bool mounted_ = false, chmodded_ = false;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// A test this machine cannot run (`reason` says why): true when the caller
// should return. It prints "SKIPPED: <test>: <reason>" and appends that line
// to the file $SOURCED_SKIP_LOG names (so a run can count its skips); with
// SOURCED_REQUIRE_ALL=1 (.ci/test sets it where the machine is equipped for
// every test, as CI is) it records a failure instead.
bool skipped(const std::string& reason);

}  // namespace sourced::test

// Skips the running test with a reason (see test::skipped): use as the test's last word.
#define SOURCED_SKIP(reason)                                                                                          \
    do {                                                                                                              \
        if (::sourced::test::skipped(reason)) return;                                                                 \
        FAIL("SKIPPED, but SOURCED_REQUIRE_ALL=1 says this machine can run it: " << (reason));                        \
    } while (false)
