// A page that is a long list of entries (render/entry_list.h): entries
// rendered in chunks of 64, on any threads, put together in order inside the
// list's template and the layout.
#include <catch2/catch.hpp>

#include "entry_list.h"
#include "file_system.h"

using namespace sourced;

namespace {

// The `figures` template (any name the engine loads would do, with names of
// its view: template_keys.h) as given.
TemplateEngine engine_with(const std::string& figures_template) {
    MemoryFileSystem files;
    files.add("t/figures.mustache", figures_template);
    Diagnostics ignored;  // the other templates are missing
    TemplateEngine engine;
    engine.load(files, "t", ignored);
    return engine;
}

class NumberList : public EntryList {
public:
    explicit NumberList(size_t count) : EntryList(count) {}
    std::string entry(size_t index, const TemplateEngine&) const override { return "<" + std::to_string(index) + ">"; }

protected:
    std::string list_template() const override { return "figures"; }
    nlohmann::json list_view() const override { return {{"total", "A & B"}}; }
};

std::string numbers(size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to; ++i) text += "<" + std::to_string(i) + ">";
    return text;
}

}  // namespace

TEST_CASE("an entry list has one chunk per 64 entries, rounded up", "[entry_list]") {
    CHECK(NumberList(0).chunks() == 0);
    CHECK(NumberList(1).chunks() == 1);
    CHECK(NumberList(64).chunks() == 1);
    CHECK(NumberList(65).chunks() == 2);
    CHECK(NumberList(128).chunks() == 2);
    CHECK(NumberList(129).chunks() == 3);
}

TEST_CASE("a chunk renders its own 64 entries and no others", "[entry_list]") {
    TemplateEngine engine = engine_with("{{{entries}}}");
    NumberList list(130);
    list.render_chunk(1, engine);
    for (size_t i = 0; i < 130; ++i) {
        INFO(i);
        CHECK(list.entries()[i] == (i >= 64 && i < 128 ? "<" + std::to_string(i) + ">" : ""));
    }
    list.render_chunk(2, engine);  // the last, short chunk
    CHECK(list.entries()[128] == "<128>");
    CHECK(list.entries()[129] == "<129>");
    CHECK(list.entries()[0].empty());
}

TEST_CASE("the page puts every entry in order inside the list's template and the layout", "[entry_list]") {
    TemplateEngine engine = engine_with("<h1>{{total}}</h1>{{{entries}}}<footer>");
    std::vector<TemplateEngine> threads(3, engine);
    NumberList list(150);
    list.render_all(threads);
    CHECK(list.page(engine, true) == "<h1>A &amp; B</h1>" + numbers(0, 150) + "<footer>");
    CHECK(list.entries()[149] == "<149>");  // kept
    TemplateEngine::Around layout{"<html>", "</html>", true};
    CHECK(list.page_within(engine, layout) == "<html><h1>A &amp; B</h1>" + numbers(0, 150) + "<footer></html>");
    for (const std::string& entry : list.entries()) CHECK(entry.empty());  // freed: not kept
}

TEST_CASE("a list template without the entries gives the template alone in the layout", "[entry_list]") {
    TemplateEngine engine = engine_with("no list: {{total}}");
    NumberList list(3);
    list.render_all({engine});
    TemplateEngine::Around layout{"<html>", "</html>", true};
    CHECK(list.page_within(engine, layout) == "<html>no list: A &amp; B</html>");
    CHECK(NumberList(0).page(engine_with("[{{{entries}}}]")) == "[]");
}
