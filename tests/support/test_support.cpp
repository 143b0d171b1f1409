#include "test_support.h"

#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace sourced::test {

namespace fs = std::filesystem;

MemoryFileSystem project_files() {
    MemoryFileSystem files;
    DiskFileSystem disk;
    for (const char* dir : {"templates", "assets"}) {
        std::string root = std::string(SOURCED_PROJECT_DIR) + "/" + dir;
        for (const auto& path : disk.list(root, ""))
            files.add(std::string(dir) + path.substr(root.size()), *disk.read(path));
    }
    return files;
}

MemoryFileSystem shipped_site() {
    MemoryFileSystem files = project_files();
    DiskFileSystem disk;
    std::string root = std::string(SOURCED_PROJECT_DIR) + "/content";
    for (const auto& path : disk.list(root, "")) files.add("content" + path.substr(root.size()), *disk.read(path));
    return files;
}

BuildOptions memory_options() {
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.write = false;
    options.jobs = 2;
    options.card_images = false;
    return options;
}

std::set<std::string> differing_files(const OutputTree& a, const OutputTree& b) {
    std::set<std::string> differing;
    for (const auto& [path, bytes] : a)
        if (!b.count(path) || b.at(path) != bytes) differing.insert(path);
    for (const auto& [path, bytes] : b)
        if (!a.count(path)) differing.insert(path);
    return differing;
}

std::string sample_registry(const std::string& extra_figures) {
    return R"({
  "sources": [
    {"id": "v3-report", "type": "report", "title": "DeepSeek-V3 Technical Report",
     "author": [{"literal": "DeepSeek-AI"}], "issued": {"date-parts": [[2024, 12]]},
     "URL": "https://arxiv.org/abs/2412.19437", "custom": {"kind": "primary"}},
    {"id": "csis", "type": "report", "title": "CSIS analysis",
     "author": [{"family": "Allen", "given": "Gregory C."}], "custom": {"kind": "secondary"}}
  ],
  "figures": [
    {"id": "v3-pretrain-gpu-hours", "value": 2664000, "unit": "GPU-hours", "display": "2.66M GPU-hours",
     "claim": "Pre-training compute of DeepSeek V3.", "status": "verified",
     "sources": [{"id": "v3-report", "quote": "costs 2664K GPU hours"}], "as_of": "2024-12",
     "verified": {"on": "2026-11-22", "method": "Read against section 1."}},
    {"id": "packaging-yield", "value": 75, "unit": "%", "display": "75%",
     "claim": "Share of 910C chips surviving packaging.", "status": "reported",
     "sources": [{"id": "csis"}], "as_of": "2025", "note": "Cited by CSIS."})" +
           extra_figures + R"(
  ]
})";
}

BuildResult build_in_memory(const MemoryFileSystem& files, bool strict) {
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.strict = strict;
    options.write = false;
    return build_site(options, files);
}

std::string diagnostics_text(const BuildResult& result) {
    std::string text;
    for (const auto& d : sorted_diagnostics(result.diagnostics)) text += format_diagnostic(d) + "\n";
    return text;
}

size_t count_occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++count;
    return count;
}

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("sourced-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

ReadOnlyDirectory::ReadOnlyDirectory(const fs::path& dir) : dir_(dir) {
    if (::geteuid() == 0) {
        if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) return;
        mounted_ = ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
        if (!mounted_) ::umount2(dir.c_str(), MNT_DETACH);
        return;
    }
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec, ec);
    chmodded_ = !ec;
}

void ReadOnlyDirectory::release() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ec;
    if (chmodded_) fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    mounted_ = chmodded_ = false;
}

ReadOnlyDirectory::~ReadOnlyDirectory() { release(); }

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace sourced::test

namespace sourced::test {

bool skipped(const std::string& reason) {
    const char* require_all = std::getenv("SOURCED_REQUIRE_ALL");
    if (require_all && std::string(require_all) == "1") return false;
    std::string line = "SKIPPED: " + Catch::getResultCapture().getCurrentTestName() + ": " + reason + "\n";
    std::fputs(line.c_str(), stderr);
    if (const char* log = std::getenv("SOURCED_SKIP_LOG"); log && *log) std::ofstream(log, std::ios::app) << line;
    return true;
}

}  // namespace sourced::test
