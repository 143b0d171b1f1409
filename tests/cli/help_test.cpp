// `sourced --help` and each command's --help, from the real binary: what a
// user reads first.
#include <catch2/catch.hpp>

#include "sourced_run.h"
#include "test_support.h"

using namespace sourced;

TEST_CASE("no --help output shows a flag's default as {false} or {true}", "[cli]") {
    test::TempDir tmp;
    for (const char* command : {"", "build", "check", "report", "serve", "new", "card"}) {
        INFO("sourced " << command << " --help");
        auto help = test::run_sourced(tmp.path(), std::string(command) + " --help");
        CHECK(help.status == 0);
        CHECK(help.out.find("--") != std::string::npos);
        CHECK(help.out.find("{false}") == std::string::npos);
        CHECK(help.out.find("{true}") == std::string::npos);
    }
    // The negated flag is listed under its own name.
    auto build = test::run_sourced(tmp.path(), "build --help");
    CHECK(build.out.find("  --no-card-images ") != std::string::npos);
}
