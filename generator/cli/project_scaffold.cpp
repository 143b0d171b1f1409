#include "project_scaffold.h"

#include <filesystem>
#include <ostream>
#include <system_error>

#include "diagnostics.h"

namespace sourced {

int run_new_command(const std::string& dir, const std::string& data_directory, std::ostream& stdout_stream,
                    std::ostream& stderr_stream) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target(dir);
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target, ec)) {
            stderr_stream << visible_text(dir) << ": error: exists and is not a directory\n";
            return 1;
        }
        if (!fs::is_empty(target, ec)) {
            stderr_stream << visible_text(dir) << ": error: directory is not empty; sourced new only fills a new or empty directory\n";
            return 1;
        }
    }
    const fs::path data(data_directory);
    const std::pair<fs::path, fs::path> copies[] = {
        {data / "scaffold" / "content", target / "content"},
        {data / "templates", target / "templates"},
        {data / "assets", target / "assets"},
    };
    for (const auto& [from, to] : copies) {
        if (!fs::is_directory(from, ec)) {
            stderr_stream << visible_text(from.string()) << ": error: sourced's data directory is incomplete (reinstall sourced)\n";
            return 1;
        }
        fs::create_directories(to, ec);
        if (!ec) fs::copy(from, to, fs::copy_options::recursive, ec);
        if (ec) {
            stderr_stream << visible_text(to.string()) << ": error: cannot write: " << ec.message() << "\n";
            return 1;
        }
    }
    stdout_stream << "created " << dir << ": content/ (site.json, registry.json, index.md), templates/, assets/\n"
                  << "next: cd " << dir << " && sourced build, then open site/index.html\n";
    return 0;
}

}  // namespace sourced
