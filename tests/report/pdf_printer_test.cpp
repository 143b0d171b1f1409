// Printing the report to PDF with Chromium (report/pdf_printer.h), with a
// stand-in browser named by SOURCED_CHROMIUM: a shell script.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>

#include "pdf_printer.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// Sets SOURCED_CHROMIUM for one test and puts back what was there.
class ChromiumVariable {
public:
    explicit ChromiumVariable(const std::string& value) {
        if (const char* old = std::getenv("SOURCED_CHROMIUM")) previous_ = old;
        ::setenv("SOURCED_CHROMIUM", value.c_str(), 1);
    }
    ~ChromiumVariable() {
        if (previous_) ::setenv("SOURCED_CHROMIUM", previous_->c_str(), 1);
        else ::unsetenv("SOURCED_CHROMIUM");
    }

private:
    std::optional<std::string> previous_;
};

fs::path script(const fs::path& path, const std::string& body, bool executable = true) {
    test::write_file(path, "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), executable ? 0755 : 0644);
    return path;
}

}  // namespace

TEST_CASE("the browser is SOURCED_CHROMIUM when it names an executable, else none", "[pdf]") {
    test::TempDir tmp;
    fs::path browser = script(tmp.path() / "chromium", "exit 0\n");
    {
        ChromiumVariable set(browser.string());
        CHECK(find_chromium() == browser.string());
    }
    fs::path not_executable = script(tmp.path() / "not-executable", "exit 0\n", false);
    {
        ChromiumVariable set(not_executable.string());
        CHECK(find_chromium().empty());
    }
    {
        ChromiumVariable set((tmp.path() / "missing").string());
        CHECK(find_chromium().empty());
    }
}

TEST_CASE("without a browser, printing is an error saying how to install one", "[pdf]") {
    test::TempDir tmp;
    ChromiumVariable set((tmp.path() / "missing").string());
    Diagnostics out;
    CHECK_FALSE(print_to_pdf((tmp.path() / "report.html").string(), "report.pdf", out));
    REQUIRE(out.all().size() == 1);
    CHECK(format_diagnostic(out.all()[0]) ==
          "report.pdf: error[PDF001]: cannot print to PDF: Chromium is not installed; install it with `apt-get install "
          "chromium` (or set SOURCED_CHROMIUM to a Chromium binary); the HTML report was written");
}

TEST_CASE("the browser prints the report's file URL headless to the PDF path", "[pdf]") {
    test::TempDir tmp;
    fs::path args = tmp.path() / "args.txt";
    fs::path browser = script(tmp.path() / "chromium",
                              "for a in \"$@\"; do echo \"$a\" >> '" + args.string() +
                                  "'; case \"$a\" in --print-to-pdf=*) echo PDF > \"${a#--print-to-pdf=}\";; esac; done\n");
    ChromiumVariable set(browser.string());
    test::write_file(tmp.path() / "report.html", "<p>report</p>");
    Diagnostics out;
    const fs::path pdf = tmp.path() / "out" / ".." / "report.pdf";
    REQUIRE(print_to_pdf((tmp.path() / "report.html").string(), pdf.string(), out));
    CHECK(out.all().empty());
    CHECK(test::read_file(tmp.path() / "report.pdf") == "PDF\n");
    std::string given = test::read_file(args);
    CHECK(given.rfind("--headless\n", 0) == 0);
    CHECK(given.find("\n--no-pdf-header-footer\n") != std::string::npos);
    CHECK(given.find("\n--print-to-pdf=" + (tmp.path() / "report.pdf").string() + "\n") != std::string::npos);  // normalised
    CHECK(given.substr(given.rfind("\n", given.size() - 2) + 1) == "file://" + (tmp.path() / "report.html").string() + "\n");
}

TEST_CASE("a browser that fails or writes no PDF is an error", "[pdf]") {
    test::TempDir tmp;
    for (const std::string& body : {std::string("exit 1\n"), std::string("exit 0\n")}) {
        INFO(body);
        ChromiumVariable set(script(tmp.path() / "chromium", body).string());
        Diagnostics out;
        CHECK_FALSE(print_to_pdf((tmp.path() / "report.html").string(), (tmp.path() / "report.pdf").string(), out));
        REQUIRE(out.all().size() == 1);
        CHECK(out.all()[0].code == "PDF002");
        CHECK(out.all()[0].message == "Chromium failed to print the report to PDF");
    }
}
