// Text from a hostile repository cannot drive the terminal through sourced's
// diagnostics (core/diagnostics.h, visible_text): file names and page text
// with ESC sequences, C1 controls, bytes that are not UTF-8 and bidi
// overrides reach stderr only in a visible form. The binary is run on a
// project on disk, stderr on a file, and every byte of it is checked.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "sourced_run.h"
#include "test_support.h"
#include "utf8.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

using Run = test::SourcedRun;

Run run(const fs::path& dir, const std::string& args) { return test::run_sourced(dir, args); }

// The first character a terminal would act on, described, or "".
std::string first_terminal_control(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = utf8_sequence_length(text, i);
        auto byte = static_cast<unsigned char>(text[i]);
        if (length == 0) return "byte " + std::to_string(byte) + " (not UTF-8) at " + std::to_string(i);
        if (length == 1 && ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F))
            return "control byte " + std::to_string(byte) + " at " + std::to_string(i);
        char32_t code = utf8_code_point(text, i, length);
        if ((code >= 0x80 && code <= 0x9F) || (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069))
            return "code point " + std::to_string(static_cast<unsigned>(code)) + " at " + std::to_string(i);
        i += length;
    }
    return "";
}

// The mini fixture with two hostile pages: one whose file name carries an
// escape sequence, one whose name is not UTF-8; each has a line with raw
// ESC, BEL, a C1 CSI and a bidi override, and an unknown figure id (with a
// bidi override in it) on that line, so that REF001 quotes both.
fs::path hostile_project(const test::TempDir& tmp) {
    fs::copy(fs::path(SOURCED_PROJECT_DIR) / "tests/fixtures/mini", tmp.path(), fs::copy_options::recursive);
    const std::string page =
        "---\ntitle: Hostile\n---\n"
        "Red \x1b[31m\x1b]0;owned\x07 C1 \xc2\x9b" "2J and [75%](fig:nope\xe2\x80\xae" "gnp) here.\n";
    test::write_file(tmp.path() / "content/pages" / "\x1b[2Jclear.md", page);
    test::write_file(tmp.path() / "content/pages" / "odd\x9b" "name.md", page);
    return tmp.path();
}

}  // namespace

TEST_CASE("escape sequences in file names and page text reach stderr only in a visible form", "[terminal]") {
    test::TempDir tmp;
    fs::path dir = hostile_project(tmp);
    for (const std::string& command : {"build --no-card-images --content content --out site", "check --content content"}) {
        INFO(command);
        Run r = run(dir, command);
        CHECK(r.status == 1);
        INFO(r.err);
        CHECK(first_terminal_control(r.err) == "");
        CHECK(first_terminal_control(r.out) == "");
        // The file names, the quoted id and the source line, made visible.
        CHECK(r.err.find("content/pages/\\x1b[2Jclear.md:4:") != std::string::npos);
        CHECK(r.err.find("content/pages/odd\\x9bname.md:4:") != std::string::npos);
        CHECK(r.err.find("unknown figure 'nope\\u202egnp'") != std::string::npos);
        CHECK(r.err.find("  Red \\x1b[31m\\x1b]0;owned\\x07 C1 \\u009b2J and [75%](fig:nope\\u202egnp) here.\n") !=
              std::string::npos);
    }
}

TEST_CASE("the json and sarif formats show the same visible forms, and a file name that is not UTF-8 does not abort them", "[terminal]") {
    test::TempDir tmp;
    fs::path dir = hostile_project(tmp);
    for (const std::string& format : {"json", "sarif"}) {
        INFO(format);
        Run r = run(dir, "check --content content --format " + format);
        CHECK(r.status == 1);  // was 134: nlohmann's dump() threw on the byte 0x9B of a file name
        CHECK(first_terminal_control(r.out) == "");
        nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        std::string text = doc.dump();
        CHECK(text.find(R"(content/pages/\\x1b[2Jclear.md)") != std::string::npos);
        CHECK(text.find(R"(content/pages/odd\\x9bname.md)") != std::string::npos);
        CHECK(text.find(R"(unknown figure 'nope\\u202egnp')") != std::string::npos);
    }
}
