// One page through parse, resolve, prose checks and render (build/page_build.h),
// as a site build's thread and serve's page-edit fast path both run it.
#include <catch2/catch.hpp>

#include "page_build.h"
#include "test_support.h"

using namespace sourced;

namespace {

struct Fixture {
    Registry registry;
    RegistryMarks marks;  // no registry checks ran
    SiteConfig config;
    std::vector<Page> pages;
    SiteContext site{&config, &pages, "0.1.0"};
    TemplateEngine templates;
    Fixture() {
        Diagnostics d;
        registry = load_registry("content/registry.json", test::sample_registry(), d);
        REQUIRE_FALSE(d.has_errors());
        MemoryFileSystem files;
        files.add("t/layout.mustache", "<html><head><title>{{title}}</title></head><body>{{{content}}}</body></html>");
        files.add("t/article.mustache", "<article>{{{body}}}</article>");
        Diagnostics ignored;  // the other templates are missing
        templates.load(files, "t", ignored);
    }
};

Page page_of(const std::string& file_text, int body_line) {
    Page page;
    page.path = "content/p.md";
    page.slug = "p";
    page.meta.title = "P";
    page.body = file_text.substr(file_text.find("---\n", 4) + 4);
    page.body_line = body_line;
    return page;
}

}  // namespace

TEST_CASE("a page's figure links are resolved and it is rendered inside the layout", "[page_build]") {
    Fixture f;
    const std::string text = "---\ntitle: P\n---\nSee [](fig:packaging-yield).\n";
    Page page = page_of(text, 4);
    PageWork work;
    build_page(page, {&f.registry, &f.marks, &f.site, &text}, f.templates, work);
    CHECK(work.diagnostics.all().empty());
    REQUIRE(work.resolved.figures.size() == 1);
    CHECK(work.resolved.figures[0].figure == f.registry.figure("packaging-yield"));
    CHECK(work.resolved.figures[0].anchor == "figref-packaging-yield-1");  // "figref-<id>-<n>"
    CHECK(work.resolved.figures[0].line == 4);
    CHECK(work.resolved.figures[0].link == nullptr);  // the tree is gone
    CHECK(page.body.empty());                          // freed once parsed
    CHECK(work.html.rfind("<html><head><title>P</title><script type=\"application/ld+json\">", 0) == 0);
    CHECK(work.html.find("</script>\n</head><body><article><p>See ") != std::string::npos);
    CHECK(work.html.find("href=\"figures/index.html#fig-packaging-yield\"") != std::string::npos);
    CHECK(work.html.substr(work.html.size() - 29) == "</p>\n</article></body></html>");
}

TEST_CASE("a bare number is a warning at its place in the file and the page is still rendered", "[page_build]") {
    Fixture f;
    const std::string text = "---\ntitle: P\n---\nIntro.\n\nIt costs $5.\n";
    Page page = page_of(text, 4);
    PageWork work;
    build_page(page, {&f.registry, &f.marks, &f.site, &text}, f.templates, work);
    REQUIRE(work.diagnostics.all().size() == 1);
    const Diagnostic& d = work.diagnostics.all()[0];
    CHECK(d.severity == Severity::warning);
    CHECK(d.code == "SRC001");
    CHECK(d.path == "content/p.md");
    CHECK(d.line == 6);
    CHECK(d.column == 10);
    REQUIRE(work.bare.size() == 1);
    CHECK(work.bare[0].path == "content/p.md");
    CHECK(work.bare[0].line == 6);
    CHECK(work.bare[0].column == 10);
    CHECK(work.html.find("<p>It costs $5.</p>") != std::string::npos);
}

TEST_CASE("a page with an error is not rendered, and the renderer a build passes wraps the rendering", "[page_build]") {
    Fixture f;
    const std::string broken = "---\ntitle: P\n---\nSee [](fig:packaging-yeild).\n";
    Page page = page_of(broken, 4);
    PageWork work;
    int wrapped = 0;
    auto cached = [&](const std::function<std::string()>&) {
        ++wrapped;
        return std::string("CACHED");
    };
    build_page(page, {&f.registry, &f.marks, &f.site, &broken}, f.templates, work, cached);
    CHECK(work.diagnostics.has_errors());
    REQUIRE_FALSE(work.diagnostics.all().empty());
    CHECK(format_diagnostic(work.diagnostics.all()[0]) ==
          "content/p.md:4:5: error[REF001]: unknown figure 'packaging-yeild' (did you mean 'packaging-yield'?)");
    CHECK(work.html.empty());
    CHECK(wrapped == 0);

    const std::string good = "---\ntitle: P\n---\nSee [](fig:packaging-yield).\n";
    Page ok = page_of(good, 4);
    PageWork reused;
    build_page(ok, {&f.registry, &f.marks, &f.site, &good}, f.templates, reused, cached);
    CHECK(wrapped == 1);
    CHECK(reused.html == "CACHED");  // what the wrapper returned, the page not rendered
    PageWork passed_through;
    Page again = page_of(good, 4);
    build_page(again, {&f.registry, &f.marks, &f.site, &good}, f.templates, passed_through,
               [](const std::function<std::string()>& render) { return render(); });
    PageWork plain;
    Page third = page_of(good, 4);
    build_page(third, {&f.registry, &f.marks, &f.site, &good}, f.templates, plain);
    CHECK(passed_through.html == plain.html);
    CHECK_FALSE(plain.html.empty());
}
