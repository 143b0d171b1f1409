#include "output_dir.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace sourced {

namespace {

// The real path: links and `..` resolved through the part that exists, the
// rest appended (fs::weakly_canonical). Empty if the path cannot be resolved.
fs::path real_path(const std::string& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) return {};
    fs::path real = fs::weakly_canonical(absolute, ec);
    if (ec) return {};
    std::string text = real.string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    return text;
}

// `inner` is `outer` or lies beneath it (whole components only: site2 is not inside site).
bool within(const fs::path& inner, const fs::path& outer) {
    const std::string a = inner.string(), b = outer.string();
    if (a == b) return true;
    if (b == "/") return true;
    return a.size() > b.size() && a.compare(0, b.size(), b) == 0 && a[b.size()] == '/';
}

}  // namespace

bool check_output_dir(const std::string& out_dir, const std::vector<InputDirectory>& inputs, Diagnostics& out) {
    const fs::path target = real_path(out_dir);
    if (target.empty()) return true;  // staging reports why it cannot be written (OUT003)
    bool ok = true;
    for (const InputDirectory& input : inputs) {
        if (input.path.empty()) continue;
        const fs::path source = real_path(input.path);
        if (source.empty()) continue;
        std::string where;
        if (target == source) where = "is the " + input.role + " directory";
        else if (within(target, source)) where = "is inside the " + input.role + " directory";
        else if (within(source, target)) where = "holds the " + input.role + " directory";
        else continue;
        out.error(out_dir, 0, 0, "OUT007",
                  "the output directory " + where + " (" + source.string() +
                      "): a build would write the site into its own inputs; choose --out outside the content, "
                      "templates and assets directories");
        ok = false;
    }
    return ok;
}

}  // namespace sourced
