// Terminal manners: colours only on a terminal without NO_COLOR (or with
// --color always), progress only on an interactive terminal, --quiet prints
// nothing on success, --verbose prints stages and files. The end-to-end cases
// run the binary with stderr on a file, and on a pseudo-terminal (script(1)).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "progress_reporter.h"
#include "terminal.h"
#include "sourced_run.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

TerminalFacts tty(std::string no_color = "", bool ci = false, std::string term = "xterm") {
    return {true, std::move(no_color), ci, std::move(term)};
}

using Run = test::SourcedRun;

// Runs `sourced args` in `dir` with `env` prepended (e.g. "NO_COLOR=1").
Run run(const fs::path& dir, const std::string& env, const std::string& args) { return test::run_sourced(dir, args, env); }

// The same, with stdout and stderr on a pseudo-terminal; returns what it showed.
std::string run_on_terminal(const fs::path& dir, const std::string& env, const std::string& args) {
    fs::path shown = dir / "terminal.log";
    std::string inner = "env -u CI TERM=xterm " + env + " " + std::string(SOURCED_BINARY) + " " + args;
    std::string command = "cd '" + dir.string() + "' && script -qec \"" + inner + "\" /dev/null >'" + shown.string() +
                          "' 2>&1 </dev/null";
    std::system(command.c_str());
    return test::read_file(shown);
}

// A scaffolded project (sourced new) in tmp/p; with `broken`, a page that
// cites an unknown figure, so the build fails with an error.
fs::path project(const test::TempDir& tmp, bool broken) {
    Run made = run(tmp.path(), "", "new p");
    REQUIRE(made.status == 0);
    if (broken) test::write_file(tmp.path() / "p/content/broken.md", "---\ntitle: Broken\n---\nSee [this](fig:no-such-figure).\n");
    return tmp.path() / "p";
}

}  // namespace

TEST_CASE("colour follows --color, the terminal and NO_COLOR", "[terminal]") {
    CHECK(use_color("auto", tty()));
    CHECK_FALSE(use_color("auto", tty("1")));
    CHECK_FALSE(use_color("auto", TerminalFacts{}));  // not a terminal
    CHECK(use_color("auto", tty("")));                 // NO_COLOR set but empty does not count
    CHECK(use_color("always", TerminalFacts{}));
    CHECK(use_color("always", tty("1")));
    CHECK_FALSE(use_color("never", tty()));
}

TEST_CASE("progress is drawn only on an interactive terminal", "[terminal]") {
    CHECK(use_progress(Verbosity::normal, tty()));
    CHECK(use_progress(Verbosity::verbose, tty()));
    CHECK_FALSE(use_progress(Verbosity::quiet, tty()));
    CHECK_FALSE(use_progress(Verbosity::normal, TerminalFacts{}));
    CHECK_FALSE(use_progress(Verbosity::normal, tty("", true)));        // CI
    CHECK_FALSE(use_progress(Verbosity::normal, tty("", false, "dumb")));
}

TEST_CASE("a coloured diagnostic has a bold location and a coloured severity", "[terminal]") {
    std::string line = "content/a.md:3:5: warning[SRC001]: a bare figure";
    CHECK(colorize_diagnostic(line, false) == line);
    CHECK(colorize_diagnostic(line, true) ==
          "\033[1mcontent/a.md:3:5\033[0m: \033[1;33mwarning[SRC001]\033[0m: a bare figure");
    CHECK(colorize_diagnostic("x: error: y", true).find("\033[1;31merror\033[0m") != std::string::npos);
    CHECK(colorize_diagnostic("x: note[N]: y", true).find("\033[1;36mnote[N]\033[0m") != std::string::npos);
}

TEST_CASE("quiet keeps only the diagnostics that fail the command", "[terminal]") {
    Diagnostics d;
    d.error("a.md", 1, 1, "E", "bad");
    d.warning("a.md", 2, 1, "W", "iffy");
    d.note("a.md", 3, 1, "N", "fyi");
    CHECK(failing_diagnostics(d, false).all().size() == 1);
    CHECK(failing_diagnostics(d, true).all().size() == 2);
    CHECK(failing_diagnostics(d, true).note_count() == 0);
}

TEST_CASE("the progress reporter redraws one line and clears it at the end", "[terminal]") {
    std::ostringstream drawn;
    ProgressReporter on(drawn, true, false);
    for (size_t i = 1; i <= 3; ++i) on.page_done(i, 3);
    on.stage_done("load", 1.0);  // not verbose: no stage line
    on.finish();
    std::string text = drawn.str();
    CHECK(text.find("pages 1/3") != std::string::npos);
    CHECK(text.find("pages 3/3") != std::string::npos);
    CHECK(text.find('\n') == std::string::npos);
    CHECK(text.size() >= 4);
    CHECK(text.substr(text.size() - 4) == "\r\033[K");

    std::ostringstream silent;
    ProgressReporter off(silent, false, false);
    off.page_done(1, 1);
    off.stage_done("load", 1.0);
    off.finish();
    CHECK(silent.str().empty());

    std::ostringstream verbose;
    ProgressReporter stages(verbose, false, true);
    stages.stage_done("load", 12.4);
    CHECK(verbose.str() == "stage load done (12 ms)\n");
}

TEST_CASE("no escape codes when stderr is not a terminal or NO_COLOR is set, unless --color always", "[terminal][e2e]") {
    test::TempDir tmp;
    fs::path p = project(tmp, true);
    Run plain = run(p, "", "build");
    CHECK(plain.status == 1);
    CHECK(plain.err.find("error[REF001]") != std::string::npos);
    CHECK(plain.err.find('\033') == std::string::npos);
    CHECK(plain.err.find('\r') == std::string::npos);  // no progress line either

    Run forced = run(p, "NO_COLOR=1", "build --color always");
    CHECK(forced.status == 1);
    CHECK(forced.err.find("\033[1;31merror[REF001]\033[0m") != std::string::npos);

    Run never = run(p, "", "check --color never");
    CHECK(never.err.find('\033') == std::string::npos);

    // On a terminal: colours, unless NO_COLOR is set.
    std::string coloured = run_on_terminal(p, "", "check");
    CHECK(coloured.find("\033[1;31merror[REF001]") != std::string::npos);
    std::string no_color = run_on_terminal(p, "NO_COLOR=1", "check");
    INFO(no_color);
    CHECK(no_color.find("error[REF001]") != std::string::npos);
    CHECK(no_color.find("\033[1;31m") == std::string::npos);
    CHECK(no_color.find("\033[1m") == std::string::npos);
}

TEST_CASE("progress appears on a terminal, is cleared, and never appears off one", "[terminal][e2e]") {
    test::TempDir tmp;
    fs::path p = project(tmp, false);
    Run off = run(p, "", "build");
    REQUIRE(off.status == 0);
    CHECK(off.err.find("pages ") == std::string::npos);
    CHECK(off.err.find('\r') == std::string::npos);
    CHECK(off.out.find('\r') == std::string::npos);

    std::string shown = run_on_terminal(p, "", "build");
    INFO(shown);
    auto drawn = shown.find("pages 1/1");
    REQUIRE(drawn != std::string::npos);
    auto cleared = shown.find("\r\033[K", drawn);
    CHECK(cleared != std::string::npos);
    CHECK(shown.find("built 1 page") > cleared);  // the summary comes after the line is gone

    std::string in_ci = run_on_terminal(p, "CI=true", "build");
    CHECK(in_ci.find("built 1 page") != std::string::npos);
    CHECK(in_ci.find("pages 1/1") == std::string::npos);
    CHECK(run_on_terminal(p, "", "build --quiet").find("pages 1/1") == std::string::npos);
}

TEST_CASE("with --quiet nothing is printed on success and only errors on failure", "[terminal][e2e]") {
    test::TempDir tmp;
    fs::path p = project(tmp, false);
    Run normal = run(p, "", "build");
    REQUIRE(normal.status == 0);
    CHECK(normal.out.find("built 1 page") != std::string::npos);
    for (const char* command : {"build --quiet", "check -q", "report --quiet -o r.html"}) {
        Run quiet = run(p, "", command);
        INFO(command << "\n" << quiet.out << quiet.err);
        CHECK(quiet.status == 0);
        CHECK(quiet.out.empty());
        CHECK(quiet.err.empty());
    }
    CHECK(fs::exists(p / "r.html"));
    Run made = run(tmp.path(), "", "new q --quiet");
    CHECK(made.status == 0);
    CHECK(made.out.empty());

    test::write_file(p / "content/broken.md", "---\ntitle: Broken\n---\nSee [this](fig:no-such-figure).\n");
    Run failed = run(p, "", "build --quiet");
    CHECK(failed.status == 1);
    CHECK(failed.out.empty());
    CHECK(failed.err.find("error[REF001]") != std::string::npos);
    CHECK(failed.err.find("note") == std::string::npos);
}

TEST_CASE("with --verbose each stage and every file written are printed", "[terminal][e2e]") {
    test::TempDir tmp;
    fs::path p = project(tmp, false);
    Run verbose = run(p, "", "build --verbose");
    REQUIRE(verbose.status == 0);
    for (const char* stage : {"stage load done", "stage pages done", "stage render done", "stage write done"})
        CHECK(verbose.err.find(stage) != std::string::npos);
    CHECK(verbose.err.find("wrote site/index.html (") != std::string::npos);
    CHECK(verbose.err.find("wrote site/robots.txt (") != std::string::npos);
    CHECK(verbose.out.find("built 1 page") != std::string::npos);
    CHECK(run(p, "", "build --quiet --verbose").status == 2);  // they exclude each other
}
