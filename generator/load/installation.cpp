#include "installation.h"

#include <cmark-gfm.h>

#include <filesystem>
#include <system_error>

namespace sourced {

std::string data_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / "share" / "sourced";
        if (fs::is_directory(installed / "templates", ec)) return installed.string();
    }
    return SOURCED_DATA_DIR;
}

std::string version_text() {
    return std::string("sourced ") + SOURCED_VERSION + " (cmark-gfm " + cmark_version_string() + ")";
}

}  // namespace sourced
