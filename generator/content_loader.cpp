#include "content_loader.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "input_limits.h"
#include "json_document.h"

namespace sourced {

namespace {

std::string default_slug(const std::string& content_dir, const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    name = name.substr(0, name.size() - 3);  // ".md"
    std::string relative = path.substr(content_dir.size());
    if (!relative.empty() && relative[0] == '/') relative.erase(0, 1);
    if (relative == "index.md") return "index";
    std::string slug;
    for (char c : name) {
        char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (ok) slug += lower;
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "page" : slug;
}

}  // namespace

bool is_reserved_slug(const std::string& slug) {
    static const std::set<std::string> reserved = {"legend", "404", "figures", "sources", "cards", "assets", "search"};
    return reserved.count(slug) > 0;
}

LoadedContent load_content(const FileSystem& files, const std::string& content_dir, Diagnostics& out) {
    LoadedContent content;
    if (!files.is_directory(content_dir)) {
        out.error(content_dir, 0, 0, "LOAD001", "content directory not found");
        return content;
    }

    std::string site_path = join_path(content_dir, "site.json");
    if (auto text = files.read(site_path)) {
        content.texts[site_path] = *text;
        content.config = load_site_config(site_path, *text, out);
    }

    content.registry_path = join_path(content_dir, "registry.json");
    if (auto text = files.read(content.registry_path)) {
        content.texts[content.registry_path] = *text;
        std::optional<SourcesFile> sources;
        if (std::string name = registry_sources_file(*text); !name.empty()) {
            std::string sources_path = join_path(content_dir, name);
            if (auto sources_text = files.read(sources_path)) {
                content.texts[sources_path] = *sources_text;
                sources = SourcesFile{sources_path, *sources_text};
            } else {
                TextPosition at = locate_json_pair(*text, "sources", name);
                out.error(content.registry_path, at.line, at.column, "LOAD006",
                          "sources file '" + sources_path + "' not found (\"sources\" names a CSL-JSON file relative to the registry)");
            }
        }
        content.registry = load_registry(content.registry_path, *text, out, sources ? &*sources : nullptr);
    } else {
        out.error(content.registry_path, 0, 0, "LOAD002", "registry not found (every site needs content/registry.json)");
    }

    std::map<std::string, std::string> slug_owner;
    for (const std::string& path : files.list(content_dir, ".md")) {
        auto text = files.read(path);
        if (!text) {
            out.error(path, 0, 0, "LOAD003", "cannot read page");
            continue;
        }
        if (!files.is_inside(path, content_dir)) {
            out.error(path, 0, 0, "LOAD007", "page is a link to a file outside the content directory");
            continue;
        }
        if (!check_page_input(path, *text, out)) continue;
        content.texts[path] = *text;
        SplitPage split = split_front_matter(*text);
        Page page;
        page.path = path;
        page.meta = parse_front_matter(path, split, out);
        if (page.meta.draft) continue;
        page.body = std::move(split.body);
        page.body_line = split.body_line;
        page.slug = page.meta.slug.empty() ? default_slug(content_dir, path) : page.meta.slug;
        if (is_reserved_slug(page.slug))
            out.error(path, 0, 0, "LOAD004", "slug '" + page.slug + "' is used by a page sourced generates; set another 'slug'");
        auto [it, inserted] = slug_owner.emplace(page.slug, path);
        if (!inserted)
            out.error(path, 0, 0, "LOAD005", "slug '" + page.slug + "' is already used by " + it->second);
        content.pages.push_back(std::move(page));
    }
    std::stable_sort(content.pages.begin(), content.pages.end(), [](const Page& a, const Page& b) {
        return std::tie(a.meta.weight, a.meta.title, a.path) < std::tie(b.meta.weight, b.meta.title, b.path);
    });
    return content;
}

}  // namespace sourced
