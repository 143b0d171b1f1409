#include "content_loader.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "input_limits.h"
#include "json_document.h"
#include "parallel.h"

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

// A data file (site.json, registry.json, the sources file) that is a link to a
// file outside the content directory is refused like such a page (LOAD007):
// its contents would be published.
bool inside_content(const FileSystem& files, const std::string& path, const std::string& content_dir, Diagnostics& out) {
    if (files.is_inside(path, content_dir)) return true;
    out.error(path, 0, 0, "LOAD007", "data file is a link to a file outside the content directory");
    return false;
}

// A page or JSON file, read only if it is within its size limit: a larger
// one is LIM001 without being read (a 4 GiB file would exhaust memory
// before the limit was checked). Nothing if it is missing (`too_large` false)
// or too large (`too_large` true, reported).
std::optional<std::string> read_input(const FileSystem& files, const std::string& path, InputKind kind, Diagnostics& out,
                                      bool& too_large) {
    std::uintmax_t size = 0;
    auto text = files.read_bounded(path, size_limit(kind), size);
    too_large = size > 0;
    if (too_large) report_oversized(path, kind, size, out);
    return text;
}

}  // namespace

Registry load_registry_files(const FileSystem& files, const std::string& content_dir, const std::string& registry_path,
                             std::map<std::string, std::string>& texts, Diagnostics& out) {
    bool too_large = false;
    auto text = read_input(files, registry_path, InputKind::json, out, too_large);
    if (!text) {
        if (!too_large)
            out.error(registry_path, 0, 0, "LOAD002", "registry not found (every site needs a registry.json in its content directory)");
        return {};
    }
    if (!inside_content(files, registry_path, content_dir, out)) return {};
    std::optional<SourcesFile> sources;
    if (std::string name = registry_sources_file(*text); !name.empty()) {
        std::string sources_path = join_path(content_dir, name);
        if (auto sources_text = read_input(files, sources_path, InputKind::json, out, too_large)) {
            if (!inside_content(files, sources_path, content_dir, out)) return {};
            texts[sources_path] = *sources_text;
            sources = SourcesFile{sources_path, *sources_text};
        } else if (too_large) {
            return {};
        } else {
            TextPosition at = locate_json_pair(*text, "sources", name);
            out.error(registry_path, at.line, at.column, "LOAD006",
                      "sources file '" + sources_path + "' not found (\"sources\" names a CSL-JSON file relative to the registry)");
        }
    }
    Registry registry = load_registry(registry_path, *text, out, sources ? &*sources : nullptr);
    texts[registry_path] = std::move(*text);
    return registry;
}

bool is_reserved_slug(const std::string& slug) {
    static const std::set<std::string> reserved = {"legend", "404", "figures", "sources", "cards", "assets", "search"};
    return reserved.count(slug) > 0;
}

LoadedPage load_page(const FileSystem& files, const std::string& content_dir, const std::string& path) {
    LoadedPage slot;
    bool too_large = false;
    auto text = read_input(files, path, InputKind::page, slot.diagnostics, too_large);
    if (too_large) return slot;  // LIM001, reported
    if (!text) {
        slot.diagnostics.error(path, 0, 0, "LOAD003", "cannot read page");
        return slot;
    }
    if (!files.is_inside(path, content_dir)) {
        slot.diagnostics.error(path, 0, 0, "LOAD007", "page is a link to a file outside the content directory");
        return slot;
    }
    if (!check_page_input(path, *text, slot.diagnostics)) return slot;
    SplitPage split = split_front_matter(*text);
    Page page;
    page.path = path;
    page.meta = parse_front_matter(path, split, slot.diagnostics);
    slot.text = std::move(*text);
    if (page.meta.draft) return slot;
    page.body = std::move(split.body);
    page.body_line = split.body_line;
    page.slug = page.meta.slug.empty() ? default_slug(content_dir, path) : page.meta.slug;
    if (page.slug.size() > kMaxSlugBytes) {  // made from a long file name: said at the title, where 'slug:' would go
        slot.diagnostics.error(path, page.meta.title_line, page.meta.title_column, "LOAD009",
                               "the slug made from the file name is " + std::to_string(page.slug.size()) +
                                   " bytes, over the " + std::to_string(kMaxSlugBytes) +
                                   " a slug may have (it names files in the site); set a shorter 'slug:'");
        return slot;
    }
    slot.page = std::move(page);
    return slot;
}

LoadedContent load_content(const FileSystem& files, const std::string& content_dir, Diagnostics& out, int jobs) {
    LoadedContent content;
    if (!files.is_directory(content_dir)) {
        out.error(content_dir, 0, 0, "LOAD001", "content directory not found");
        return content;
    }

    std::string site_path = join_path(content_dir, "site.json");
    bool too_large = false;
    if (auto text = read_input(files, site_path, InputKind::json, out, too_large);
        text && inside_content(files, site_path, content_dir, out)) {
        content.texts[site_path] = *text;
        content.config = load_site_config(site_path, *text, out);
    }

    content.registry_path = join_path(content_dir, "registry.json");

    // Pages are read, checked and their front matter parsed on `jobs` threads,
    // each into its own slot; slots are merged in path order, so diagnostics
    // and slugs come out the same for any thread count.
    // The registry is one more task, the first handed out, so it loads beside the pages.
    std::vector<BrokenLink> broken;
    std::vector<std::string> paths = files.list(content_dir, ".md", broken);
    for (const BrokenLink& link : broken)  // not a page, but most likely meant to be one
        out.warning(link.path, 0, 0, "LOAD008",
                    "page is a symbolic link to '" + link.target + "', " +
                        (link.loops ? "which links back to itself" : "which does not exist") + "; it is skipped");
    std::vector<LoadedPage> loaded(paths.size());
    std::map<std::string, std::string> registry_texts;
    Diagnostics registry_diagnostics;
    parallel_for(paths.size() + 1, jobs, [&](size_t task, int) {
        if (task == 0) {
            content.registry = load_registry_files(files, content_dir, content.registry_path, registry_texts,
                                                   registry_diagnostics);
            return;
        }
        loaded[task - 1] = load_page(files, content_dir, paths[task - 1]);
    });
    out.append(registry_diagnostics);
    for (auto& [path, text] : registry_texts) content.texts[path] = std::move(text);
    std::map<std::string, std::string> slug_owner;
    for (size_t i = 0; i < paths.size(); ++i) {
        LoadedPage& slot = loaded[i];
        out.append(slot.diagnostics);
        if (slot.text) content.texts[paths[i]] = std::move(*slot.text);
        if (!slot.page) continue;
        Page& page = *slot.page;
        if (is_reserved_slug(page.slug))
            out.error(page.path, 0, 0, "LOAD004", "slug '" + page.slug + "' is used by a page sourced generates; set another 'slug'");
        auto [it, inserted] = slug_owner.emplace(page.slug, page.path);
        if (!inserted)
            out.error(page.path, 0, 0, "LOAD005", "slug '" + page.slug + "' is already used by " + it->second);
        content.pages.push_back(std::move(page));
    }
    std::stable_sort(content.pages.begin(), content.pages.end(), [](const Page& a, const Page& b) {
        return std::tie(a.meta.weight, a.meta.title, a.path) < std::tie(b.meta.weight, b.meta.title, b.path);
    });
    return content;
}

}  // namespace sourced
