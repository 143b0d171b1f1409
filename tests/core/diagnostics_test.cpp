// Diagnostics as values and their compiler-style text (core/diagnostics.h).
#include <catch2/catch.hpp>

#include "diagnostics.h"

using namespace sourced;

TEST_CASE("a diagnostic prints as path:line:col: severity[CODE]: message", "[diagnostics]") {
    CHECK(format_diagnostic({Severity::error, "content/a.md", 3, 7, "SRC001", "bare figure"}) ==
          "content/a.md:3:7: error[SRC001]: bare figure");
    CHECK(format_diagnostic({Severity::warning, "content/a.md", 3, 0, "SRC002", "m"}) ==
          "content/a.md:3: warning[SRC002]: m");  // no column
    CHECK(format_diagnostic({Severity::note, "registry.json", 0, 5, "SRC010", "m"}) ==
          "registry.json: note[SRC010]: m");  // no line: the column is left out too
    CHECK(format_diagnostic({Severity::error, "site.json", 1, 2, "", "no code"}) == "site.json:1:2: error: no code");
}

TEST_CASE("the source line is printed under a diagnostic with a caret at its column", "[diagnostics]") {
    Diagnostic d{Severity::error, "p.md", 2, 8, "X1", "m"};
    CHECK(format_diagnostic_with_line(d, "second line") == "p.md:2:8: error[X1]: m\n  second line\n         ^");
    // Tabs before the column are kept so the caret lines up.
    Diagnostic tabbed{Severity::warning, "p.md", 1, 4, "", "m"};
    CHECK(format_diagnostic_with_line(tabbed, "\tab cd") == "p.md:1:4: warning: m\n  \tab cd\n  \t  ^");
    // A column past the end of the line: the caret goes just after it.
    Diagnostic past{Severity::error, "p.md", 1, 20, "", "m"};
    CHECK(format_diagnostic_with_line(past, "abc") == "p.md:1:20: error: m\n  abc\n     ^");
    // No column: the line without a caret.
    Diagnostic no_column{Severity::error, "p.md", 3, 0, "", "m"};
    CHECK(format_diagnostic_with_line(no_column, "third") == "p.md:3: error: m\n  third");
    // No source line: the diagnostic alone.
    CHECK(format_diagnostic_with_line(d, "") == "p.md:2:8: error[X1]: m");
}

TEST_CASE("Diagnostics counts each severity and appends another collector in order", "[diagnostics]") {
    Diagnostics out;
    CHECK_FALSE(out.has_errors());
    out.warning("a", 1, 1, "W", "w1");
    out.note("a", 2, 1, "N", "n1");
    out.note("a", 3, 1, "N", "n2");
    CHECK_FALSE(out.has_errors());
    CHECK(out.warning_count() == 1);
    CHECK(out.note_count() == 2);
    Diagnostics more;
    more.error("b", 1, 1, "E", "e1");
    more.add({Severity::warning, "b", 2, 2, "W", "w2"});
    out.append(more);
    CHECK(out.has_errors());
    CHECK(out.error_count() == 1);
    CHECK(out.warning_count() == 2);
    CHECK(out.note_count() == 2);
    REQUIRE(out.all().size() == 5);
    CHECK(out.all()[0].message == "w1");
    CHECK(out.all()[3].message == "e1");
    CHECK(out.all()[3].severity == Severity::error);
    CHECK(out.all()[4].message == "w2");
}

TEST_CASE("sorted diagnostics go by path, line and column, keeping the order of equal positions", "[diagnostics]") {
    Diagnostics out;
    out.error("b.md", 1, 1, "", "b1");
    out.error("a.md", 10, 1, "", "a10");
    out.warning("a.md", 2, 5, "", "a2:5 first");
    out.error("a.md", 2, 3, "", "a2:3");
    out.note("a.md", 2, 5, "", "a2:5 second");
    out.error("a.md", 0, 0, "", "a0");
    std::vector<std::string> order;
    for (const Diagnostic& d : sorted_diagnostics(out)) order.push_back(d.message);
    CHECK(order == std::vector<std::string>{"a0", "a2:3", "a2:5 first", "a2:5 second", "a10", "b1"});
    CHECK(out.all()[0].message == "b1");  // the collector itself is not reordered
}

TEST_CASE("control characters in a diagnostic's path, message and source line are printed visibly", "[diagnostics]") {
    // ESC and the other C0 controls (newline too: it could fake a line), DEL,
    // bytes that are not UTF-8 (a lone 0x9B is CSI to some terminals), the
    // C1 controls and the bidi overrides; tabs and other UTF-8 stay.
    CHECK(visible_text("a\x1b[31mred\x1b[0m\x07\r\nb\x7f") == "a\\x1b[31mred\\x1b[0m\\x07\\x0d\\x0ab\\x7f");
    CHECK(visible_text("x\x9b" "2J\xff") == "x\\x9b2J\\xff");
    CHECK(visible_text("c1 \xc2\x9b" "2J, \xc2\x85") == "c1 \\u009b2J, \\u0085");
    CHECK(visible_text("abc\xe2\x80\xae" "def\xe2\x81\xa6") == "abc\\u202edef\\u2066");
    CHECK(visible_text("tab\tcaf\xc3\xa9 \xe2\x80\x94 \xe4\xb8\xad \xf0\x9f\x93\x88 \\x1b") ==
          "tab\tcaf\xc3\xa9 \xe2\x80\x94 \xe4\xb8\xad \xf0\x9f\x93\x88 \\x1b");
    CHECK(visible_text("\xe2\x80") == "\\xe2\\x80");  // a sequence cut short

    Diagnostic d{Severity::error, "content/\x1b]0;owned\x07.md", 1, 9, "REF001", "unknown figure 'a\xe2\x80\xae" "b\x1b[2J'"};
    CHECK(format_diagnostic(d) == "content/\\x1b]0;owned\\x07.md:1:9: error[REF001]: unknown figure 'a\\u202eb\\x1b[2J'");
    // The caret stays under the column: each escaped character takes its
    // visible width, any other character one column.
    CHECK(format_diagnostic_with_line(d, "\x1b[1mx\xc3\xa9 [a](fig:a)") ==
          format_diagnostic(d) + "\n  \\x1b[1mx\xc3\xa9 [a](fig:a)\n            ^");
}
