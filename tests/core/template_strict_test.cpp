// Templates are checked when they are loaded (core/template_engine.h,
// core/template_keys.h): a name no view can provide (TPL003), a partial
// (TPL004) and a syntax error (TPL002) are errors at the template's
// file:line:col, not text that silently renders as nothing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "template_engine.h"
#include "template_keys.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// The diagnostics of loading the shipped templates with `name` replaced by `text`.
std::string load_errors(const std::string& name, const std::string& text) {
    MemoryFileSystem files = test::project_files();
    files.add("templates/" + name + ".mustache", text);
    Diagnostics out;
    TemplateEngine templates;
    bool ok = templates.load(files, "templates", out);
    std::string printed;
    for (const Diagnostic& d : out.all()) printed += format_diagnostic(d) + "\n";
    CHECK(ok == printed.empty());
    return printed;
}

}  // namespace

TEST_CASE("the shipped templates use only names their views can have", "[templates]") {
    DiskFileSystem disk;
    Diagnostics out;
    TemplateEngine templates;
    CHECK(templates.load(disk, std::string(SOURCED_PROJECT_DIR) + "/templates", out));
    CHECK(out.all().empty());
}

TEST_CASE("a template name no view provides is an error at the tag's line and column", "[templates]") {
    CHECK(load_errors("article", "<h1>{{title}}</h1>\n<p>  {{titel}}</p>\n") ==
          "templates/article.mustache:2:6: error[TPL003]: unknown name 'titel': the article view has no such key here "
          "(did you mean 'title'?)\n");
    // Unescaped, in a section, dotted, a section's own name: each is checked.
    CHECK(load_errors("article", "{{{boddy}}}") ==
          "templates/article.mustache:1:1: error[TPL003]: unknown name 'boddy': the article view has no such key here "
          "(did you mean 'body'?)\n");
    CHECK(load_errors("article", "x\n{{#has_figuers}}y{{/has_figuers}}") ==
          "templates/article.mustache:2:1: error[TPL003]: unknown name 'has_figuers': the article view has no such "
          "key here (did you mean 'has_figures'?)\n");
    CHECK(load_errors("layout", "{{site.titel}}{{{content}}}") ==
          "templates/layout.mustache:1:1: error[TPL003]: unknown name 'site.titel': the layout view has no such key here "
          "(did you mean 'site.title'?)\n");
    // A list's element keys are names only inside a section on the list.
    CHECK(load_errors("layout", "{{#nav}}{{href}}{{/nav}}{{href}}{{nav.title}}") ==
          "templates/layout.mustache:1:25: error[TPL003]: unknown name 'href': the layout view has no such key here\n"
          "templates/layout.mustache:1:33: error[TPL003]: unknown name 'nav.title': the layout view has no such key here\n");
    // Every error of every template is reported, not just the first.
    CHECK(test::count_occurrences(load_errors("home", "{{a}}\n{{b}}\n{{#c}}{{d}}{{/c}}"), "error[TPL003]") == 4);
}

TEST_CASE("sections may name keys a view has only sometimes, and names resolve along the section stack", "[templates]") {
    // Absent or false keys in sections and inverted sections, names of the
    // view inside a list's section, the current item, a list of strings, a
    // scalar section that pushes no names: all valid, nothing reported.
    CHECK(load_errors("article",
                      "{{#summary}}{{summary}}{{/summary}}{{^summary}}none{{/summary}}"
                      "{{#has_toc}}{{#toc}}{{text}}{{#sub}}{{id}}{{title}}{{/sub}}{{/toc}}{{/has_toc}}"
                      "{{#sources}}{{#backlinks}}{{label}} {{page}} {{ref_id}} {{title}}{{/backlinks}}{{/sources}}"
                      "{{! a comment {{titel}} }}{{{body}}}{{&date}}") == "");
    CHECK(load_errors("layout", "{{#site}}{{title}}{{#authors}}{{.}}{{/authors}}{{/site}}{{#site.authors}}{{.}}{{/site.authors}}"
                                "{{=<% %>=}}<%title%><%={{ }}=%>{{{content}}}") == "");
    CHECK(load_errors("chart-card", "{{#rows}}{{label}}{{#cells}}{{display}}{{label}}{{title}}{{/cells}}{{/rows}}") == "");
    // An inverted section provides no names: its body renders when the key is false or missing.
    CHECK(load_errors("article", "{{^toc}}{{text}}{{/toc}}") ==
          "templates/article.mustache:1:9: error[TPL003]: unknown name 'text': the article view has no such key here\n");
    // The template of a view with no keys at all.
    CHECK(load_errors("search", "{{query}}") ==
          "templates/search.mustache:1:1: error[TPL003]: unknown name 'query': the search view has no such key here\n");
}

TEST_CASE("a partial is an error at its line and column: no template can include one", "[templates]") {
    CHECK(load_errors("article", "<main>\n  {{> nope}}\n</main>\n") ==
          "templates/article.mustache:2:3: error[TPL004]: partial 'nope' not found: sourced templates cannot include "
          "partials\n");
    // Even one named after a key of the view, which kainjow would otherwise
    // render as a template made of that key's text.
    CHECK(load_errors("article", "{{>title}}") ==
          "templates/article.mustache:1:1: error[TPL004]: partial 'title' not found: sourced templates cannot include "
          "partials\n");
}

TEST_CASE("a template syntax error is reported at its line and column, not at a byte offset", "[templates]") {
    CHECK(load_errors("article", "<h1>{{title}}</h1>\n\n  {{#has_toc}}<nav>\n") ==
          "templates/article.mustache:3:3: error[TPL002]: template syntax error: unclosed section \"has_toc\"\n");
    CHECK(load_errors("article", "a\nb {{title\n") ==
          "templates/article.mustache:2:3: error[TPL002]: template syntax error: unclosed tag\n");
    CHECK(load_errors("article", "{{title}}\n{{/toc}}") ==
          "templates/article.mustache:2:1: error[TPL002]: template syntax error: unopened section \"toc\"\n");
}

TEST_CASE("key paths: declared keys, the objects and lists above them, and the scope a section pushes", "[templates]") {
    const std::set<std::string>& layout = template_keys("layout");
    CHECK(has_key(layout, "site"));
    CHECK(has_key(layout, "site.title"));
    CHECK(has_key(layout, "nav"));
    CHECK(has_key(layout, "nav[].href"));
    CHECK_FALSE(has_key(layout, "nav.href"));
    CHECK_FALSE(has_key(layout, "sit"));
    CHECK_FALSE(has_key(layout, "site.titles"));
    CHECK(section_scope(layout, "nav") == std::optional<std::string>("nav[]"));
    CHECK(section_scope(layout, "site") == std::optional<std::string>("site"));
    CHECK(section_scope(layout, "site.authors") == std::optional<std::string>("site.authors[]"));
    CHECK(section_scope(layout, "is_home") == std::nullopt);
    CHECK(names_in_scope(layout, "nav[]") == std::vector<std::string>{"current", "href", "title"});
    CHECK(template_keys("no-such-template").empty());
    for (const char* const* name = TemplateEngine::kTemplateNames; *name; ++name)
        if (std::string(*name) != "search") CHECK_FALSE(template_keys(*name).empty());
}

TEST_CASE("a build with a misspelt name in a project's template fails at the template's file:line:col", "[templates]") {
    test::TempDir tmp;
    fs::copy(fs::path(SOURCED_PROJECT_DIR) / "templates", tmp.path() / "templates");
    fs::copy(fs::path(SOURCED_PROJECT_DIR) / "tests/fixtures/mini", tmp.path() / "content", fs::copy_options::recursive);
    fs::path article = tmp.path() / "templates" / "article.mustache";
    test::write_file(article, test::read_file(article) + "<footer>{{titel}}</footer>\n");
    fs::path log = tmp.path() / "log.txt";
    std::string command = "cd '" + tmp.path().string() + "' && " + SOURCED_BINARY +
                          " build --no-card-images --content content --out site >'" + log.string() + "' 2>&1";
    int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 1);
    std::string printed = test::read_file(log);
    INFO(printed);
    int line = static_cast<int>(test::count_occurrences(test::read_file(article), "\n"));
    CHECK(printed.find("templates/article.mustache:" + std::to_string(line) + ":9: error[TPL003]: unknown name 'titel'") !=
          std::string::npos);
    CHECK(printed.find("  <footer>{{titel}}</footer>\n          ^\n") != std::string::npos);  // the line and a caret
    CHECK_FALSE(fs::exists(tmp.path() / "site"));
}
