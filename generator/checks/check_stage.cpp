#include "check_stage.h"

#include "evidence_checks.h"
#include "figure_rules.h"

namespace sourced {

void check_registry_content(const LoadedContent& content, const std::map<std::string, std::string>& texts,
                            const CheckOptions& options, const FileSystem& files, const std::string& content_dir,
                            Diagnostics& out, CheckReport& report) {
    const Registry& registry = content.registry;
    const std::string& path = content.registry_path;
    auto text = texts.find(path);
    std::vector<std::string> page_dates;
    for (const Page& page : content.pages) page_dates.push_back(page.meta.date);
    report.today = options.today.empty() ? newest_content_date(registry, page_dates) : options.today;
    check_figure_rules(registry, path, text == texts.end() ? "" : text->second, report.today, report.marks, out,
                       number_style_for(content.config.language));
    check_quotes(registry, path, files,
                 options.snapshots_dir.empty() ? join_path(content_dir, "snapshots") : options.snapshots_dir,
                 report.marks, out);
    check_source_hygiene(registry, path, out);
    for (const Figure& f : registry.figures)
        for (size_t i = 0; i < f.evidence.size(); ++i) {
            report.quotes += f.evidence[i].quote.empty() ? 0 : 1;
            report.quotes_checked += report.marks.of(f.id).snapshot(i) == "checked" ? 1 : 0;
        }
}

}  // namespace sourced
