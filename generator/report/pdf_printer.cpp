#include "pdf_printer.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

extern char** environ;

namespace sourced {

std::string find_chromium() {
    const char* configured = std::getenv("SOURCED_CHROMIUM");
    std::string candidate = configured && *configured ? configured : "/usr/bin/chromium";
    return ::access(candidate.c_str(), X_OK) == 0 ? candidate : std::string();
}

bool print_to_pdf(const std::string& html_path, const std::string& pdf_path, Diagnostics& out) {
    std::string chromium = find_chromium();
    if (chromium.empty()) {
        out.error(pdf_path, 0, 0, "PDF001",
                  "cannot print to PDF: Chromium is not installed; install it with `apt-get install chromium` "
                  "(or set SOURCED_CHROMIUM to a Chromium binary); the HTML report was written");
        return false;
    }
    std::error_code ec;
    std::string url = "file://" + std::filesystem::absolute(html_path, ec).lexically_normal().string();
    std::string pdf = std::filesystem::absolute(pdf_path, ec).lexically_normal().string();
    std::string profile = (std::filesystem::temp_directory_path() / ("sourced-chromium-" + std::to_string(::getpid()))).string();
    std::vector<std::string> args = {chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                                     "--no-pdf-header-footer", "--user-data-dir=" + profile,
                                     "--print-to-pdf=" + pdf, url};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    int spawned = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    bool ok = spawned == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
              std::filesystem::exists(pdf, ec);
    std::filesystem::remove_all(profile, ec);
    if (!ok) out.error(pdf_path, 0, 0, "PDF002", "Chromium failed to print the report to PDF");
    return ok;
}

}  // namespace sourced
