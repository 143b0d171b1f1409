// The commands behind the argument parser (cli/commands.h), in-process:
// diagnostics printed like a compiler's, the --stats lines, and `build`'s
// summary and exit status.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "commands.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

TEST_CASE("diagnostics print sorted, with their source line and a caret, notes only when listed", "[commands]") {
    Diagnostics d;
    d.error("b.md", 2, 3, "E1", "e");
    d.note("a.md", 1, 1, "N1", "n");
    d.error("c.json", 0, 0, "E2", "whole file");
    d.warning("a.md", 3, 0, "W1", "w");
    const std::map<std::string, std::string> texts = {{"a.md", "l1\nl2\nl3\n"}, {"b.md", "x\n\tyz\n"}};
    std::ostringstream all, failing;
    print_diagnostics(d, texts, all, false, true);
    CHECK(all.str() ==
          "a.md:1:1: note[N1]: n\n  l1\n  ^\n"
          "a.md:3: warning[W1]: w\n  l3\n"
          "b.md:2:3: error[E1]: e\n  \tyz\n  \t ^\n"
          "c.json: error[E2]: whole file\n");
    print_diagnostics(d, texts, failing, false, false);
    CHECK(failing.str() ==
          "a.md:3: warning[W1]: w\n  l3\n"
          "b.md:2:3: error[E1]: e\n  \tyz\n  \t ^\n"
          "c.json: error[E2]: whole file\n");
    std::ostringstream colored;  // colour on the first line of each, never on the source line
    print_diagnostics(d, texts, colored, true, false);
    CHECK(colored.str() ==
          "\033[1ma.md:3\033[0m: \033[1;33mwarning[W1]\033[0m: w\n  l3\n"
          "\033[1mb.md:2:3\033[0m: \033[1;31merror[E1]\033[0m: e\n  \tyz\n  \t ^\n"
          "\033[1mc.json\033[0m: \033[1;31merror[E2]\033[0m: whole file\n");
}

TEST_CASE("the --stats lines give each stage's wall time, the per-page sums and the total of the wall times", "[commands]") {
    BuildResult result;
    result.jobs = 4;
    result.times = {{"load", 1.5, false}, {"parse", 10.25, true}, {"images", 30, true}, {"render", 2.75, false}};
    result.images.rendered = 3;
    result.images.reused = 5;
    result.images.discarded = 1;
    std::ostringstream out;
    print_stage_times(result, out);
    CHECK(out.str() ==
          "stage load             1.5 ms\n"
          "stage   parse         10.2 ms  (summed over 4 threads)\n"
          "stage   images        30.0 ms  (summed over 4 threads)\n"
          "stage   images   3 rendered, 5 from the image cache, 1 corrupt entries replaced\n"
          "stage render           2.8 ms\n"
          "stage total            4.2 ms  (4 threads)\n");
}

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

Run build(const fs::path& project, const std::string& page, BuildOptions options, const PrintOptions& print = {}) {
    test::write_file(project / "content/registry.json", test::sample_registry());
    test::write_file(project / "content/index.md", "---\ntitle: Home\n---\n" + page);
    options.content_dir = (project / "content").string();
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.card_images = false;
    options.jobs = 2;
    std::ostringstream out, err;
    Run run;
    run.status = run_build_command(options, print, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

const std::string kUses = "[](fig:v3-pretrain-gpu-hours) [](fig:packaging-yield)\n";

}  // namespace

TEST_CASE("build prints a summary of what it checked or built, and where to open it", "[commands]") {
    test::TempDir tmp;
    BuildOptions check;
    check.write = false;
    Run checked = build(tmp.path(), kUses, check);
    CHECK(checked.status == 0);
    CHECK(checked.err.empty());
    CHECK(std::regex_match(checked.out, std::regex(R"(checked 1 page, 2 figures \(1 flagged\), 2 sources, 2 notes )"
                                                   R"(\(gaps such as a source without a URL; --notes lists them\) in \d+ ms\n)")));
    PrintOptions notes;
    notes.list_notes = true;
    Run listed = build(tmp.path(), kUses, check, notes);
    CHECK(std::regex_match(listed.out, std::regex(R"(checked 1 page, 2 figures \(1 flagged\), 2 sources in \d+ ms\n)")));
    CHECK(test::count_occurrences(listed.err, "note[SRC010]") == 2);

    BuildOptions write;
    write.out_dir = (tmp.path() / "site").string();
    Run built = build(tmp.path(), kUses + "\nIt costs $5.\n", write);
    CHECK(built.status == 0);
    CHECK(built.err.find("warning[SRC001]") != std::string::npos);
    CHECK(std::regex_match(built.out, std::regex(R"(built 1 page, 2 figures \(1 flagged\), 2 sources, 1 warning, 2 notes )"
                                                 R"(\(gaps such as a source without a URL; --notes lists them\) in \d+ ms\n)"
                                                 "open file://" + (tmp.path() / "site" / "index.html").string() + "\n")));
    CHECK(fs::exists(tmp.path() / "site" / "index.html"));
}

TEST_CASE("a failed build says how many errors and warnings and what was left as it was", "[commands]") {
    test::TempDir tmp;
    BuildOptions check;
    check.write = false;
    Run unknown = build(tmp.path(), kUses + "[](fig:nope)\n", check);
    CHECK(unknown.status == 1);
    CHECK(unknown.out.empty());
    CHECK(unknown.err.find("index.md:5:1: error[REF001]: unknown figure 'nope'") != std::string::npos);
    CHECK(unknown.err.substr(unknown.err.rfind("build failed")) == "build failed: 1 error, 0 warnings; nothing written\n");

    BuildOptions strict;
    strict.strict = true;
    strict.out_dir = (tmp.path() / "site").string();
    Run warned = build(tmp.path(), kUses + "\nIt costs $5.\n", strict);
    CHECK(warned.status == 1);
    CHECK(warned.err.substr(warned.err.rfind("build failed")) ==
          "build failed: 0 errors, 1 warning (--strict: warnings fail the build); " + strict.out_dir + " was left as it was\n");
    CHECK_FALSE(fs::exists(tmp.path() / "site"));

    PrintOptions quiet;  // only what fails the build: the warning, not the notes
    quiet.verbosity = Verbosity::quiet;
    Run quiet_run = build(tmp.path(), kUses + "\nIt costs $5.\n", strict, quiet);
    CHECK(quiet_run.status == 1);
    CHECK(quiet_run.err.find("note[") == std::string::npos);
    CHECK(quiet_run.err.find("warning[SRC001]") != std::string::npos);
    PrintOptions quiet_ok = quiet;
    Run silent = build(tmp.path(), kUses, check, quiet_ok);
    CHECK(silent.status == 0);
    CHECK(silent.out.empty());
    CHECK(silent.err.empty());
}
