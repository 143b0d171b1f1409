// Template keys: the names each template's view can have.
//
// Owns the contract between templates/*.mustache and the code that builds
// their views (views/site_views.cpp, cards/, charts/chart_card.cpp,
// report/report_build.cpp): for each template, every key path its view may
// carry. TemplateEngine::load checks every tag of a template against it
// (TPL003), so a typo such as {{titel}} fails the build instead of rendering
// as nothing; tests/views/template_views_test.cpp checks every view the build
// makes against it, so a view cannot gain a key the contract leaves out. The
// same keys are listed for people in docs/templates.md.
//
// A path names a key of the view ("title"), a key of an object ("site.title"),
// a key of each element of a list ("nav[].href"), or the elements of a list
// of strings ("site.authors[]").
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sourced {

// The key paths of template `name`'s view (without ".mustache"); empty for
// a name that is not a template.
const std::set<std::string>& template_keys(const std::string& name);

// Whether `path` is a key of `keys`: declared, or the object or list above
// a declared path ("site" for "site.title", "nav" for "nav[].href").
bool has_key(const std::set<std::string>& keys, const std::string& path);

// The path of key `name` (one segment) inside `scope` ("" is the view).
std::string key_path(const std::string& scope, const std::string& name);

// The names of the keys directly inside `scope` ("" is the view): the
// candidates for "did you mean".
std::vector<std::string> names_in_scope(const std::set<std::string>& keys, const std::string& scope);

// What a section on the key at `path` pushes onto the Mustache context: the
// scope of its elements ("nav[]") for a list, itself for an object, and
// nothing for a scalar, which provides no names of its own.
std::optional<std::string> section_scope(const std::set<std::string>& keys, const std::string& path);

}  // namespace sourced
