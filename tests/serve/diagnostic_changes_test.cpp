// Which diagnostics a rebuild of `sourced serve` brought and which it fixed
// (serve/diagnostic_changes.h): serve prints those, not every diagnostic.
#include <catch2/catch.hpp>

#include "diagnostic_changes.h"

using namespace sourced;

namespace {

Diagnostic warning(const std::string& path, int line, const std::string& message) {
    return {Severity::warning, path, line, 1, "SRC001", message};
}

}  // namespace

TEST_CASE("a rebuild's new and fixed diagnostics are told apart from those it kept, wherever they moved", "[serve]") {
    std::vector<Diagnostic> before = {warning("a.md", 3, "bare 42"), warning("a.md", 9, "bare 7"), warning("b.md", 2, "bare 5")};
    // A line added at the top of a.md moves both of its warnings; 7 was fixed, 8 is new.
    std::vector<Diagnostic> after = {warning("a.md", 4, "bare 42"), warning("a.md", 6, "bare 8"), warning("b.md", 2, "bare 5")};
    DiagnosticChanges changes = diagnostic_changes(before, after);
    CHECK(changes.added == std::vector<bool>{false, true, false});
    CHECK(changes.added_count == 1);
    REQUIRE(changes.fixed.size() == 1);
    CHECK(changes.fixed[0].message == "bare 7");
    CHECK(changes.fixed[0].line == 9);  // where it was

    // Nothing changed: nothing new, nothing fixed.
    DiagnosticChanges same = diagnostic_changes(after, after);
    CHECK(same.added_count == 0);
    CHECK(same.fixed.empty());

    // The first build: every diagnostic is new.
    CHECK(diagnostic_changes({}, after).added_count == 3);
}

TEST_CASE("equal diagnostics are matched one to one, and severity, code and file tell them apart", "[serve]") {
    std::vector<Diagnostic> one = {warning("a.md", 3, "bare 42")};
    std::vector<Diagnostic> two = {warning("a.md", 3, "bare 42"), warning("a.md", 5, "bare 42")};
    DiagnosticChanges more = diagnostic_changes(one, two);
    CHECK(more.added == std::vector<bool>{false, true});
    CHECK(more.fixed.empty());
    DiagnosticChanges fewer = diagnostic_changes(two, one);
    CHECK(fewer.added_count == 0);
    REQUIRE(fewer.fixed.size() == 1);

    Diagnostic as_error = one[0];
    as_error.severity = Severity::error;
    Diagnostic other_code = one[0];
    other_code.code = "SRC002";
    Diagnostic other_file = one[0];
    other_file.path = "b.md";
    for (const Diagnostic& d : {as_error, other_code, other_file}) {
        DiagnosticChanges changes = diagnostic_changes(one, {d});
        CHECK(changes.added_count == 1);
        CHECK(changes.fixed.size() == 1);
    }
}
