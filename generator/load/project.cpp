#include "project.h"

#include "installation.h"
#include "site_config.h"

namespace sourced {

namespace {

std::string parent_of(const std::string& dir) {
    std::string trimmed = dir;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    auto slash = trimmed.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : trimmed.substr(0, slash);
}

}  // namespace

std::string project_dir_for(const FileSystem& files, const std::string& content_dir, const std::string& name) {
    std::string beside = join_path(parent_of(content_dir), name);
    if (files.is_directory(beside)) return beside;
    return join_path(data_dir(), name);
}

namespace {

bool asset_is_inside(const FileSystem& files, const std::string& path, const std::string& assets_dir, Diagnostics& out) {
    if (files.is_inside(path, assets_dir)) return true;
    out.error(path, 0, 0, "LOAD007", "asset is a link to a file outside the assets directory");
    return false;
}

}  // namespace

std::map<std::string, std::string> load_assets(const FileSystem& files, const std::string& assets_dir, Diagnostics& out) {
    std::map<std::string, std::string> assets;
    const std::size_t prefix = assets_dir.size() + (!assets_dir.empty() && assets_dir.back() == '/' ? 0 : 1);
    for (const std::string& path : files.list(assets_dir, "")) {  // lists no file under a directory link
        if (!asset_is_inside(files, path, assets_dir, out)) continue;
        if (auto bytes = files.read(path)) assets[path.substr(prefix)] = std::move(*bytes);
    }
    return assets;
}

std::optional<std::string> read_asset(const FileSystem& files, const std::string& assets_dir, const std::string& name,
                                      Diagnostics& out) {
    std::string path = join_path(assets_dir, name);
    auto bytes = files.read(path);
    if (bytes && !asset_is_inside(files, path, assets_dir, out)) return std::nullopt;
    return bytes;
}

Project load_project(const ProjectOptions& options, const FileSystem& files, Diagnostics& out, int jobs) {
    Project project;
    project.content_dir = options.content_dir;
    project.content = load_content(files, options.content_dir, out, jobs);
    if (!options.base_url.empty())
        project.content.config.base_url = normalise_base_url(options.base_url, "--base-url", out);
    project.templates_dir =
        options.templates_dir.empty() ? project_dir_for(files, options.content_dir, "templates") : options.templates_dir;
    project.assets_dir = options.assets_dir.empty() ? project_dir_for(files, options.content_dir, "assets") : options.assets_dir;
    project.templates.load(files, project.templates_dir, out, &project.content.texts);
    return project;
}

}  // namespace sourced
