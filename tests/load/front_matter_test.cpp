#include <catch2/catch.hpp>

#include "front_matter.h"

using namespace sourced;

namespace {
std::string errors_of(const std::string& page_text, FrontMatter* fm_out = nullptr) {
    Diagnostics d;
    FrontMatter fm = parse_front_matter("page.md", split_front_matter(page_text), d);
    if (fm_out) *fm_out = fm;
    std::string text;
    for (const auto& item : sorted_diagnostics(d)) text += format_diagnostic(item) + "\n";
    return text;
}
}  // namespace

TEST_CASE("front matter is split from the body with the body's first line", "[front-matter]") {
    SplitPage page = split_front_matter("---\ntitle: A\n---\nBody\n");
    CHECK(page.has_front_matter);
    CHECK(page.yaml == "title: A\n");
    CHECK(page.body == "Body\n");
    CHECK(page.body_line == 4);
    SplitPage crlf = split_front_matter("\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nBody\r\n");
    CHECK(crlf.has_front_matter);
    CHECK(crlf.body == "Body\r\n");
}

TEST_CASE("every front matter key is read", "[front-matter]") {
    FrontMatter fm;
    CHECK(errors_of("---\ntitle: Ascend\nsummary: S\ndate: 2026-06-05\nweight: 20\nslug: ascend-910c\ndraft: true\n---\n", &fm)
              .empty());
    CHECK(fm.title == "Ascend");
    CHECK(fm.summary == "S");
    CHECK(fm.date == "2026-06-05");
    CHECK(fm.weight == 20);
    CHECK(fm.slug == "ascend-910c");
    CHECK(fm.draft);
}

TEST_CASE("an unknown front matter key is an error at its line and column", "[front-matter]") {
    CHECK(errors_of("---\ntitle: A\n  \nsumary: typo\n---\n") ==
          "page.md:4:1: error[FM002]: unknown front matter key 'sumary' (did you mean 'summary'?)\n");
    CHECK(errors_of("---\ntitel: A\n---\n") ==
          "page.md:1:1: error[FM003]: front matter is missing required key 'title'\n"
          "page.md:2:1: error[FM002]: unknown front matter key 'titel' (did you mean 'title'?)\n");
    CHECK(errors_of("---\ntitle: A\ncolour: red\n---\n") ==
          "page.md:3:1: error[FM002]: unknown front matter key 'colour' (known: title, summary, date, weight, slug, draft)\n");
}

TEST_CASE("a missing title, bad YAML and bad values are errors", "[front-matter]") {
    CHECK(errors_of("---\nsummary: S\n---\n") == "page.md:1:1: error[FM003]: front matter is missing required key 'title'\n");
    CHECK(errors_of("no front matter\n") ==
          "page.md:1:1: error[FM001]: page has no front matter: start it with a '---' line, 'title: ...', and '---'\n");
    CHECK(errors_of("---\ntitle: [unclosed\n---\n").rfind("page.md:3:1: error[FM002]: malformed YAML front matter", 0) == 0);
    CHECK(errors_of("---\ntitle: A\nweight: heavy\n---\n") ==
          "page.md:3:9: error[FM002]: front matter key 'weight' has value 'heavy' of the wrong type\n");
    CHECK(errors_of("---\ntitle: A\nslug: ../../etc\n---\n") ==
          "page.md:3:7: error[FM002]: slug '../../etc' must match [a-z0-9][a-z0-9-]* (it names a file in the site)\n");
    CHECK(errors_of("---\ntitle: A\ndate: June 5\n---\n") == "page.md:3:7: error[FM002]: date 'June 5' must be YYYY-MM-DD\n");
}

TEST_CASE("an unquoted colon in a value says to quote the value", "[front-matter]") {
    CHECK(errors_of("---\ntitle: Ascend 910C: the yield\n---\n") ==
          "page.md:2:19: error[FM002]: malformed YAML front matter: illegal map value (a value with ': ' in it must be "
          "quoted: title: \"Ascend 910C: the yield\")\n");
    CHECK(errors_of("---\ntitle: \"Ascend 910C: the yield\"\n---\n").empty());
}

TEST_CASE("a page date must exist on the calendar", "[front-matter]") {
    CHECK(errors_of("---\ntitle: A\ndate: 2024-02-31\n---\n") ==
          "page.md:3:7: error[FM002]: date '2024-02-31' is not a date on the calendar\n");
    CHECK(errors_of("---\ntitle: A\ndate: 2023-02-29\n---\n") ==
          "page.md:3:7: error[FM002]: date '2023-02-29' is not a date on the calendar\n");
    CHECK(errors_of("---\ntitle: A\ndate: 2024-02-29\n---\n").empty());
    CHECK(errors_of("---\ntitle: A\ndate: 2024-2-9\n---\n") == "page.md:3:7: error[FM002]: date '2024-2-9' must be YYYY-MM-DD\n");
}
