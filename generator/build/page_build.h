// One page through the per-page stages: parse, resolve, check its prose,
// render.
//
// Owns what a page's thread does in a site build (site_build.cpp), and what
// `sourced serve` does again for a page whose body alone was edited
// (page_edit.h): both call build_page, so the two cannot render a page
// differently. A page needs nothing from the other pages but the navigation
// in its SiteContext; its cmark tree is freed before build_page returns.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "content_loader.h"
#include "diagnostics.h"
#include "input_limits.h"
#include "markdown_document.h"
#include "prose_checks.h"
#include "reference_resolver.h"
#include "registry_marks.h"
#include "site_views.h"
#include "template_engine.h"

namespace sourced {

// One page's results, filled by whichever thread takes the page.
struct PageWork {
    ResolvedPage resolved;          // no cmark pointers left: the tree is gone
    Diagnostics diagnostics;
    std::vector<BareFigure> bare;   // SRC001 findings, for the report page
    std::string html;               // empty if the page has errors
    double ms[3] = {0, 0, 0};       // parse, resolve (and check prose), render
};

// Renders the page's HTML from its parsed tree (layout included). A site
// build with --incremental passes one that may reuse the previous bytes.
using PageRenderer = std::function<std::string(const std::function<std::string()>& render)>;

struct PageInputs {
    const Registry* registry = nullptr;   // as loaded
    const RegistryMarks* marks = nullptr; // what the registry checks found (CheckReport::marks)
    const SiteContext* site = nullptr;    // config and navigation
    const std::string* file_text = nullptr;  // the whole file, for the prose checks (may be null)
    const InputLimits* limits = nullptr;     // the parse budget and uses per page; null: the defaults
    std::string content_dir;                 // where images are read from (local_links.h); "" : none
};

// The inputs of `page`: the registry and what its checks found, the site,
// and the page's file text from `texts` (null if absent).
PageInputs page_inputs(const Page& page, const Registry& registry, const RegistryMarks& marks, const SiteContext& site,
                       const std::map<std::string, std::string>& texts);

// The part of a page every command shares: parses `page.body` (and frees
// it), resolves its references (ids prefixed with `id_prefix`, as the
// single-file report needs) into `work.resolved`, and checks its prose.
// Returns the tree, which `work.resolved` points into.
std::unique_ptr<MarkdownDocument> parse_page(Page& page, const PageInputs& inputs, PageWork& work,
                                              const std::string& id_prefix = "");

// Parses `page.body` (and frees it), resolves, checks and, if the page has no
// errors, renders it into `work.html` through `templates`. `render_with`
// (may be empty) wraps the rendering: RenderPlan::file for --incremental.
void build_page(Page& page, const PageInputs& inputs, const TemplateEngine& templates, PageWork& work,
                const PageRenderer& render_with = {});

}  // namespace sourced
