#include "page_edit.h"

#include <chrono>
#include <tuple>

#include "chart_card.h"
#include "content_loader.h"
#include "page_build.h"
#include "report_page.h"
#include "site_output.h"

namespace sourced {

namespace {

// Files editors write beside the one being saved: vim's swap files and its
// "4913" probe, backups ending in "~", hidden files. In the content directory
// the build reads only pages (*.md), the files it names (site.json, the
// registry, its sources file) and snapshots, so such a file there changes
// nothing. (Elsewhere it might: every file in assets/ is published.)
bool is_editor_temporary(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.empty()) return false;
    return name[0] == '.' || name.back() == '~' || ends_with(name, ".swp") || ends_with(name, ".swx") ||
           ends_with(name, ".tmp") || name.find_first_not_of("0123456789") == std::string::npos;
}

bool same_front_matter(const FrontMatter& a, const FrontMatter& b) {
    return std::tie(a.title, a.summary, a.date, a.weight, a.slug, a.draft) ==
           std::tie(b.title, b.summary, b.date, b.weight, b.slug, b.draft);
}

bool same_bare(const std::vector<BareFigure>& a, const std::vector<BareFigure>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tie(a[i].path, a[i].line, a[i].column, a[i].text) != std::tie(b[i].path, b[i].line, b[i].column, b[i].text))
            return false;
    return true;
}

// One page built again, not yet part of the state.
struct Rebuilt {
    size_t index = 0;
    Page page;
    std::string text;
    PageWork work;
    PageContribution contribution;
};

}  // namespace

std::optional<TouchedFiles> touched_files(const SiteState& state, const std::set<std::string>& touched, bool structural,
                                          const BuildOptions& options) {
    if (!state.valid || structural) return std::nullopt;
    const std::string content = normal_path(options.content_dir) + "/";
    const std::string snapshots = normal_path(options.snapshots_dir.empty() ? content + "snapshots" : options.snapshots_dir) + "/";
    std::set<size_t> pages;
    TouchedFiles result;
    for (const std::string& raw : touched) {
        std::string path = normal_path(raw);
        bool in_content = path.compare(0, content.size(), content) == 0;
        if (in_content && ends_with(path, ".md")) {
            auto known = state.page_index.find(path);
            if (known == state.page_index.end()) return std::nullopt;  // a new page, or a draft
            pages.insert(known->second);
            continue;
        }
        if (state.registry_files.count(path)) {
            result.registry = true;
            continue;
        }
        bool read_by_build = !in_content || state.data_files.count(path) || path.compare(0, snapshots.size(), snapshots) == 0;
        if (read_by_build || !is_editor_temporary(path)) return std::nullopt;  // site.json, a template, an asset...
    }
    result.pages.assign(pages.begin(), pages.end());
    return result;
}

void finish_edit(const SiteState& state, PageEdit& edit, const std::string& stage,
                 std::chrono::steady_clock::time_point started) {
    BuildResult& result = edit.result;
    const LoadedContent& content = state.content;
    result.pages = static_cast<int>(content.pages.size());
    result.figures = static_cast<int>(content.registry.figures.size());
    result.sources = static_cast<int>(content.registry.sources.size());
    result.flagged_figures = state.flagged_figures;
    result.report = state.report;
    result.jobs = state.jobs;
    for (const auto& [path, bytes] : edit.changed) result.written[path] = bytes.size();
    result.times.push_back({stage, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()});
    result.ok = !result.diagnostics.has_errors();
}

std::optional<PageEdit> rebuild_edited_pages(SiteState& state, const std::vector<size_t>& indexes,
                                             const FileSystem& files, const BuildOptions& options) {
    if (!state.valid) return std::nullopt;
    auto started = std::chrono::steady_clock::now();
    LoadedContent& content = state.content;
    SiteContext site{&content.config, &content.pages, SOURCED_VERSION};
    std::vector<Rebuilt> rebuilt(indexes.size());
    bool bare_changed = false;
    for (size_t k = 0; k < indexes.size(); ++k) {
        Rebuilt& r = rebuilt[k];
        r.index = indexes[k];
        const Page& old = content.pages[r.index];
        if (state.load_noted.count(normal_path(old.path))) return std::nullopt;
        LoadedPage loaded = load_page(files, options.content_dir, old.path);
        if (!loaded.diagnostics.all().empty() || !loaded.page || !loaded.text) return std::nullopt;
        if (!same_front_matter(loaded.page->meta, old.meta) || loaded.page->slug != old.slug) return std::nullopt;
        r.page = std::move(*loaded.page);
        r.text = std::move(*loaded.text);
        build_page(r.page, {&content.registry, &state.report.marks, &site, &r.text, nullptr, options.content_dir},
                   *state.templates, r.work);
        if (r.work.diagnostics.has_errors()) return std::nullopt;  // a full build reports it
        r.contribution = page_contribution(r.page.slug, r.page.meta.title, r.work.resolved, r.work.bare);
        const PageState& before = state.pages[r.index];
        if (!r.contribution.same_as(before.contribution)) return std::nullopt;
        keep_link_diagnostics(before.diagnostics, r.work.diagnostics);
        bare_changed = bare_changed || !same_bare(r.contribution.bare, before.contribution.bare);
    }
    PageEdit edit;
    std::map<size_t, const Diagnostics*> replaced;
    for (const Rebuilt& r : rebuilt) replaced[r.index] = &r.work.diagnostics;
    edit.result.diagnostics = state.diagnostics(replaced);
    if (options.strict && edit.result.diagnostics.warning_count() > 0) return std::nullopt;

    // From here on the edit is taken: the state becomes the new site's.
    OutputTree charts;
    SiteOutput chart_output(charts, nullptr);
    for (Rebuilt& r : rebuilt) {
        Page& page = content.pages[r.index];
        page.body_line = r.page.body_line;
        content.texts[page.path] = std::move(r.text);
        add_chart_card_pages(chart_output, *state.templates,
                             chart_cards_on(page.slug, page.meta.title, page.path, r.work.resolved.charts), content.config);
        edit.changed[page_href(page.slug)] = std::move(r.work.html);
        state.pages[r.index] = {std::move(r.work.diagnostics), std::move(r.contribution)};
    }
    for (auto& [path, bytes] : charts) edit.changed[path] = std::move(bytes);
    if (bare_changed) {
        state.gather_bare();
        edit.changed["figures/report.html"] = report_page(*state.templates, site, content.registry, state.report);
    }
    edit.pages = rebuilt.size();
    finish_edit(state, edit, "page edit", started);
    return edit;
}

}  // namespace sourced
