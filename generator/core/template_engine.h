// Mustache templates over a JSON view model.
//
// Owns loading templates/*.mustache (a template that is a symbolic link to a
// file outside the templates directory is refused, LOAD007: its text would be
// published), checking each template's tags at file:line:col (a syntax error,
// a name its view cannot have, a partial), and rendering a view
// (nlohmann::json) through kainjow Mustache. `{{x}}` escapes with escape_html; `{{{x}}}` is used only for HTML
// the generator made and escaped itself. Templates never see internals, only
// the views built in site_views.h.
//
// Each template is parsed once, on first use, and reused for every page.
// Rendering is not thread-safe: give each thread its own copy (a copy shares
// nothing and parses its templates again on first use).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "file_system.h"

namespace sourced {

namespace detail {
struct ParsedTemplates;
}

class TemplateEngine {
public:
    TemplateEngine();
    ~TemplateEngine();
    TemplateEngine(const TemplateEngine& other);
    TemplateEngine& operator=(const TemplateEngine&) = delete;

    // Loads every template of kTemplateNames (without ".mustache") from `dir`.
    // A template is checked before it is kept: a syntax error (TPL002), a
    // name its view cannot have (TPL003, see template_keys.h) and a partial
    // (TPL004) are errors at the tag's line and column; the text of a
    // template with an error goes to `texts` (by path) for the source line.
    bool load(const FileSystem& files, const std::string& dir, Diagnostics& out,
              std::map<std::string, std::string>* texts = nullptr);

    // Renders template `name` with `view`; an unknown name renders empty.
    std::string render(const std::string& name, const nlohmann::json& view) const;

    // The same, with `view[key]` = `html`, a large piece of HTML for `{{{key}}}`:
    // the template is rendered with a marker there and `html` spliced in, so it
    // is copied once instead of through the view and the Mustache data.
    std::string render_around(const std::string& name, nlohmann::json view, const std::string& key,
                              const std::string& html) const;

    // The output of template `name` before and after `{{{key}}}`, for a
    // caller that puts a page of tens of megabytes together in one buffer
    // (the ledger in its template in the layout) instead of copying it once
    // per template. Without `{{{key}}}`, `before` is the whole output and
    // `found` is false.
    struct Around {
        std::string before, after;
        bool found = false;
    };
    Around render_split(const std::string& name, nlohmann::json view, const std::string& key) const;

    // The names template `name` looks up while rendering `view` that neither
    // the view nor an enclosing section provides. Mustache renders those as
    // empty without a word, so a typo in a template ({{titel}}) or a key a view
    // stopped providing goes unnoticed; tests use this to keep the two in step.
    std::set<std::string> unresolved_names(const std::string& name, const nlohmann::json& view) const;

    static const char* const kTemplateNames[];

private:
    static bool check_template(const std::string& name, const std::string& path, const std::string& text,
                               Diagnostics& out);

    std::map<std::string, std::string> templates_;
    mutable std::unique_ptr<detail::ParsedTemplates> parsed_;
};

}  // namespace sourced
