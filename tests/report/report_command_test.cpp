// `sourced report`'s -o and --pdf (cli/commands.h): -o naming a PDF means a
// PDF alone, and the two naming one file is a usage error, not a blank PDF.
// The browser is a stand-in named by SOURCED_CHROMIUM (a shell script).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <sstream>

#include "commands.h"
#include "sourced_run.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// SOURCED_CHROMIUM set to a script for one test, put back afterwards.
class StandInChromium {
public:
    explicit StandInChromium(const fs::path& dir) : script_(dir / "chromium"), log_(dir / "chromium.log") {
        if (const char* old = std::getenv("SOURCED_CHROMIUM")) previous_ = old;
        // Records each argument; writes a "PDF" whose first line is what it printed (the HTML's first bytes).
        test::write_file(script_, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '" + log_.string() +
                                      "'; case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; file://*) in=\"${a#file://}\";; esac; done\n"
                                      "{ echo '%PDF-stand-in'; head -c 15 \"$in\"; } > \"$out\"\n");
        ::chmod(script_.c_str(), 0755);
        ::setenv("SOURCED_CHROMIUM", script_.c_str(), 1);
    }
    ~StandInChromium() {
        if (previous_) ::setenv("SOURCED_CHROMIUM", previous_->c_str(), 1);
        else ::unsetenv("SOURCED_CHROMIUM");
    }
    std::string log() const { return test::read_file(log_); }

private:
    fs::path script_, log_;
    std::optional<std::string> previous_;
};

ReportOptions shipped_report(const fs::path& output) {
    ReportOptions options;
    options.content_dir = std::string(SOURCED_PROJECT_DIR) + "/content";
    options.templates_dir = std::string(SOURCED_PROJECT_DIR) + "/templates";
    options.assets_dir = std::string(SOURCED_PROJECT_DIR) + "/assets";
    options.output = output.string();
    return options;
}

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
    return names;
}

}  // namespace

TEST_CASE("report -o naming a .pdf file prints the report to it, and no HTML is left there or anywhere", "[report]") {
    test::TempDir tmp;
    StandInChromium chromium(tmp.path());
    const fs::path pdf = tmp.path() / "r.PDF";
    std::ostringstream out, err;
    REQUIRE(run_report_command(shipped_report(pdf), PrintOptions{}, "", out, err) == 0);
    INFO(err.str());
    CHECK(test::read_file(pdf) == "%PDF-stand-in\n<!DOCTYPE html>");  // printed from the HTML, not the HTML itself
    CHECK(names_in(tmp.path()) == std::set<std::string>{"chromium", "chromium.log", "r.PDF"});
    // The HTML it printed was a temporary file, removed since.
    std::string log = chromium.log();
    auto url = log.find("file://");
    REQUIRE(url != std::string::npos);
    fs::path html = log.substr(url + 7, log.find('\n', url) - url - 7);
    CHECK(html.filename() == "report.html");
    CHECK_FALSE(fs::exists(html));
    CHECK_FALSE(fs::exists(html.parent_path()));
    CHECK(out.str().rfind("wrote " + pdf.string() + ": 8 pages, ", 0) == 0);
}

TEST_CASE("report -o and --pdf naming one file, or --pdf beside an -o PDF, is a usage error and writes nothing", "[report]") {
    test::TempDir tmp;
    StandInChromium chromium(tmp.path());
    const std::string r_pdf = (tmp.path() / "r.pdf").string(), r_html = (tmp.path() / "r.html").string();
    CHECK(report_usage_error(r_pdf, r_pdf) ==
          "-o " + r_pdf + " already asks for a PDF; --pdf " + r_pdf +
              " is for a PDF beside an HTML report: give one of them, or an -o ending in .html");
    CHECK(!report_usage_error(r_pdf, (tmp.path() / "other.pdf").string()).empty());
    CHECK(report_usage_error(r_html, (tmp.path() / "." / "r.html").string()) ==
          "-o and --pdf name the same file (" + r_html + "): the report would be printed over itself");
    CHECK(report_usage_error(r_html, r_pdf).empty());
    CHECK(report_usage_error(r_pdf, "").empty());

    for (const auto& [output, pdf] : {std::pair{r_pdf, r_pdf}, std::pair{r_html, r_html}}) {
        INFO(output << " --pdf " << pdf);
        std::ostringstream out, err;
        CHECK(run_report_command(shipped_report(output), PrintOptions{}, pdf, out, err) == 2);
        CHECK(err.str() == "sourced report: error: " + report_usage_error(output, pdf) + "\n");
        CHECK(names_in(tmp.path()) == std::set<std::string>{"chromium"});
    }

    // From the command line: exit status 2 before anything is read (there is no content here).
    auto run = test::run_sourced(tmp.path(), "report -o r.pdf --pdf r.pdf");
    CHECK(run.status == 2);
    CHECK(run.err.find("-o r.pdf already asks for a PDF") != std::string::npos);
    CHECK(names_in(tmp.path()) == std::set<std::string>{"chromium", "stdout.log", "stderr.log"});
}
