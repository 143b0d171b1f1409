// The load stage's result for every command: a Project.
//
// Owns what build, check, serve, report and card all start from: the content
// directory loaded (site.json with --base-url applied, the registry, the
// pages and their texts), the templates read, and where the templates and
// assets are; the assets, read under the rule that keeps links from
// publishing files from outside the assets directory. Reads through FileSystem; writes nothing; parses no Markdown.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "content_loader.h"
#include "diagnostics.h"
#include "file_system.h"
#include "template_engine.h"

namespace sourced {

// Where a project is: the only inputs of the load stage.
struct ProjectOptions {
    std::string content_dir = "content";
    std::string templates_dir;  // empty: <content>/../templates, else the installed defaults
    std::string assets_dir;     // empty: <content>/../assets, else the installed defaults
    std::string base_url;       // overrides site.json's base_url when set
};

struct Project {
    std::string content_dir;
    std::string templates_dir;  // as resolved from ProjectOptions
    std::string assets_dir;
    LoadedContent content;
    TemplateEngine templates;
};

// Loads the content (pages on `jobs` threads; the result does not depend on
// it), applies --base-url, reads the templates. Problems go to `out`; the
// Project is usable for reporting even when `out` has errors.
Project load_project(const ProjectOptions& options, const FileSystem& files, Diagnostics& out, int jobs = 1);

// Every file under the assets directory (its path there, as "css/x.css", ->
// its bytes), which the site publishes as they are. A file that is a
// symbolic link to a file outside the directory is refused (LOAD007): its
// contents would be published (`ln -s /etc/passwd assets/p.txt`). Directory
// links are never followed.
std::map<std::string, std::string> load_assets(const FileSystem& files, const std::string& assets_dir, Diagnostics& out);

// One file of the assets directory (e.g. "report.css"), by the same rule:
// nothing if it is missing or refused (LOAD007, reported).
std::optional<std::string> read_asset(const FileSystem& files, const std::string& assets_dir, const std::string& name,
                                      Diagnostics& out);

// The default location of a project directory (templates, assets): next to
// the content directory if it has one, else the installed defaults.
std::string project_dir_for(const FileSystem& files, const std::string& content_dir, const std::string& name);

}  // namespace sourced
