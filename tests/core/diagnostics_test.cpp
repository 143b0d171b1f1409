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

TEST_CASE("a long source line is cut to about 100 columns around the caret, with ... where it was cut", "[diagnostics]") {
    // A paragraph is one line: 26 words of 10 letters, 286 columns.
    std::string line;
    for (char c = 'a'; c <= 'z'; ++c) line += std::string(10, c) + " ";
    const std::size_t at = line.find("mmmm");  // byte 132
    Diagnostic d{Severity::warning, "p.md", 4, static_cast<int>(at) + 1, "SRC001", "m"};
    std::string shown = format_diagnostic_with_line(d, line);
    const std::string expected_line = "..." + line.substr(at - 40, 100) + "...";
    CHECK(shown == format_diagnostic(d) + "\n  " + expected_line + "\n  " + std::string(3 + 40, ' ') + "^");

    // Near the start: nothing cut before, 100 columns from the start.
    Diagnostic early{Severity::warning, "p.md", 4, 3, "", "m"};
    CHECK(format_diagnostic_with_line(early, line) ==
          format_diagnostic(early) + "\n  " + line.substr(0, 100) + "...\n    ^");
    // Near the end: the last 100 columns, the caret as far right as it falls.
    Diagnostic late{Severity::warning, "p.md", 4, static_cast<int>(line.size()) - 1, "", "m"};
    CHECK(format_diagnostic_with_line(late, line) ==
          format_diagnostic(late) + "\n  ..." + line.substr(line.size() - 100) + "\n  " + std::string(3 + 98, ' ') + "^");
    // No column: the start of the line.
    Diagnostic no_column{Severity::warning, "p.md", 4, 0, "", "m"};
    CHECK(format_diagnostic_with_line(no_column, line) == format_diagnostic(no_column) + "\n  " + line.substr(0, 100) + "...");
    // A line of exactly 100 columns is shown whole.
    Diagnostic whole{Severity::warning, "p.md", 4, 50, "", "m"};
    CHECK(format_diagnostic_with_line(whole, line.substr(0, 100)) ==
          format_diagnostic(whole) + "\n  " + line.substr(0, 100) + "\n  " + std::string(49, ' ') + "^");
}

TEST_CASE("an excerpt is cut between UTF-8 characters and its caret counts wide characters as two columns", "[diagnostics]") {
    // 60 CJK characters (3 bytes, 2 columns each), then the flagged number, then 60 more.
    const std::string wide = "\xe4\xb8\xad";  // 中
    std::string before, after;
    for (int i = 0; i < 60; ++i) before += wide, after += wide;
    const std::string line = before + "42%" + after;
    Diagnostic d{Severity::warning, "p.md", 1, static_cast<int>(before.size()) + 1, "SRC001", "m"};
    std::string shown = format_diagnostic_with_line(d, line);
    // 40 columns before the caret are 20 wide characters; 100 in all leave 57 after "42%", 28 characters.
    std::string kept_before, kept_after;
    for (int i = 0; i < 20; ++i) kept_before += wide;
    for (int i = 0; i < 28; ++i) kept_after += wide;
    CHECK(shown == format_diagnostic(d) + "\n  ..." + kept_before + "42%" + kept_after + "...\n  " + std::string(3 + 40, ' ') + "^");

    // On a short line a wide character before the column moves the caret two columns, a combining mark none.
    Diagnostic short_line{Severity::error, "p.md", 1, 9, "", "m"};
    CHECK(format_diagnostic_with_line(short_line, wide + "e\xcc\x81 [x]") ==
          format_diagnostic(short_line) + "\n  " + wide + "e\xcc\x81 [x]\n       ^");
}
