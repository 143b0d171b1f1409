#include "link_checks.h"

#include "status.h"
#include "suggestion.h"

namespace sourced {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// cmark-gfm's footnote ids (fn-LABEL, fnref-LABEL, fnref-LABEL-2): not known here, so not checked.
bool footnote_id(const std::string& id) { return starts_with(id, "fn-") || starts_with(id, "fnref-"); }

}  // namespace

bool SiteTargets::has_file(const std::string& path) const {
    if (files.count(path)) return true;
    if (!starts_with(path, "cards/")) return false;
    // cards/<id>.html, .embed.html, .oembed.json, .svg, .cite.txt, .bib,
    // .csl.json, .png (embed_snippets.h); cards/chart-<id>.html, .embed.html,
    // .svg (chart_card.h). Ids may hold dots: try each suffix.
    static const char* const figure_suffixes[] = {".html", ".embed.html", ".oembed.json", ".svg",
                                                  ".cite.txt", ".bib", ".csl.json", ".png"};
    static const char* const chart_suffixes[] = {".html", ".embed.html", ".svg"};
    std::string name = path.substr(6);
    auto id_before = [&](const char* suffix) {
        std::string s = suffix;
        return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0
                   ? name.substr(0, name.size() - s.size())
                   : std::string();
    };
    for (const char* suffix : figure_suffixes)
        if (std::string id = id_before(suffix); !id.empty() && registry && registry->figure(id)) return true;
    for (const char* suffix : chart_suffixes)
        if (std::string id = id_before(suffix); starts_with(id, "chart-") && chart_cards.count(id.substr(6))) return true;
    return false;
}

bool SiteTargets::has_id(const std::string& path, const std::string& id) const {
    auto strip_title = [](std::string s) {
        if (s.size() > 6 && s.compare(s.size() - 6, 6, "-title") == 0) s.resize(s.size() - 6);
        return s;
    };
    if (id == "main" && (path == "figures/index.html" || path == "sources/index.html" || path == "legend.html"))
        return true;
    if (path == "figures/index.html")
        return registry && starts_with(id, "fig-") &&
               (registry->figure(id.substr(4)) || registry->figure(strip_title(id).substr(4)));
    if (path == "sources/index.html")
        return registry && starts_with(id, "source-") &&
               (registry->source(id.substr(7)) || registry->source(strip_title(id).substr(7)));
    if (path == "legend.html") {
        for (Status s : all_statuses())
            if (id == "status-" + status_name(s)) return true;
        return false;
    }
    auto known = ids.find(path);
    return known == ids.end() || known->second.count(id) > 0;
}

std::vector<std::string> SiteTargets::listed_ids(const std::string& path) const {
    auto known = ids.find(path);
    return known == ids.end() ? std::vector<std::string>() : std::vector<std::string>(known->second.begin(), known->second.end());
}

std::set<std::string> article_ids(const ResolvedPage& page) {
    std::set<std::string> ids = {"main"};
    bool toc = false;
    for (const Heading& h : page.headings) {
        ids.insert(h.id);
        toc = toc || h.level == 2 || h.level == 3;
    }
    if (toc) ids.insert(page.id_prefix + "toc-title");
    if (!page.sources.empty()) ids.insert(page.id_prefix + "sources");
    for (const PageSource& s : page.sources) ids.insert(reference_id(page, s.source->id));
    for (const FigureUse& use : page.figures) {
        ids.insert(use.anchor);
        ids.insert("card-" + use.anchor);
    }
    for (const CiteUse& use : page.citations) ids.insert(use.anchor);
    for (const ChartUse& chart : page.charts) {
        for (const char* part : {"", "-title", "-desc"}) ids.insert(chart.anchor + part);
        for (const FigureUse& use : chart.uses) {  // the data table's figures and their cards
            ids.insert(use.anchor);
            ids.insert("card-" + use.anchor);
        }
        for (const ChartMark& mark : chart.chart.marks)  // the hatch patterns of flagged marks (chart_svg.cpp)
            for (const Figure* f : {mark.from, mark.figure})
                if (f && is_flagged(f->status)) ids.insert(chart.anchor + "-hatch-" + status_name(f->status));
    }
    return ids;
}

void check_local_links(const std::string& path, const std::string& href, const std::vector<LocalLink>& links,
                       const SiteTargets& site, Diagnostics& out) {
    Suggester files([&] { return std::vector<std::string>(site.files.begin(), site.files.end()); });
    Suggester here([&] { return site.listed_ids(href); });
    for (const LocalLink& link : links) {
        if (link.image) continue;  // the build reads and copies it (IMG001, IMG002)
        const std::string quoted = "'" + link.written + "'";
        if (link.root_relative) {
            out.warning(path, link.line, link.column, "LINK004",
                        "link " + quoted + " starts at the host's root: it breaks when the site is opened from disk "
                        "or published under a sub-path; write it relative to the page");
            continue;
        }
        if (link.outside) {
            out.error(path, link.line, link.column, "LINK005", "link " + quoted + " leads outside the site");
            continue;
        }
        if (link.markdown && link.target.empty()) {
            out.error(path, link.line, link.column, "LINK003",
                      "link " + quoted + " names '" + link.source + "', which is no page of the site (a draft, "
                      "or no such file)");
            continue;
        }
        std::string target = link.target.empty() ? href : link.target;
        if (!site.has_file(target)) {
            out.error(path, link.line, link.column, "LINK001",
                      "link " + quoted + ": the site has no file '" + target + "'" + files.did_you_mean(target));
            continue;
        }
        if (link.fragment.empty() || footnote_id(link.fragment)) continue;
        if (site.has_id(target, link.fragment)) continue;
        std::string hint = target == href ? here.did_you_mean(link.fragment)
                                          : did_you_mean(link.fragment, site.listed_ids(target));
        out.error(path, link.line, link.column, "LINK002",
                  "link " + quoted + ": " + (target == href ? "this page" : "'" + target + "'") +
                      " has no element with id '" + link.fragment + "'" + hint);
    }
}

}  // namespace sourced
