// The pages a site build makes from the whole site rather than from one
// Markdown file: the generated front page (when there is no index.md), the
// sources page and the figure ledger (their layout; their entries are
// rendered by sources_page.h and ledger_page.h), the build report, the
// legend, search and 404 pages.
//
// Owns what each of them is rendered from, so a full build (site_build.cpp)
// and serve's registry-edit fast path (registry_edit.h) make them the same way.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check_stage.h"
#include "content_loader.h"
#include "site_views.h"
#include "template_engine.h"

namespace sourced {

struct SitePage {
    std::string path;
    std::function<std::string(const TemplateEngine&)> render;  // independent of the others: any thread
};

// Every site-wide page but the two lists below. The arguments must outlive
// the result.
std::vector<SitePage> site_pages(const LoadedContent& content, const SiteContext& site, const CheckReport& report,
                                 bool has_home);

constexpr const char* kLedgerPath = "figures/index.html";

constexpr const char* kSourcesPath = "sources/index.html";

// sources/index.html: the layout, before and after the sources page's HTML
// (SourcesRender::page_within puts them together).
TemplateEngine::Around sources_layout(const TemplateEngine& templates, const SiteContext& site);

// figures/index.html: the layout, before and after the ledger's HTML
// (LedgerRender::page_within).
TemplateEngine::Around ledger_layout(const TemplateEngine& templates, const SiteContext& site);

}  // namespace sourced
