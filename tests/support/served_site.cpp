#include "served_site.h"

#include <catch2/catch.hpp>

#include "test_support.h"

namespace sourced::test {

ServedSite::ServedSite(const MemoryFileSystem& files) {
    BuildResult result = build_site(options(), files);
    INFO(diagnostics_text(result));
    REQUIRE(result.ok);
    REQUIRE(state.valid);
    site = std::move(result.output);
    diagnostics = diagnostics_text(result);
}

BuildOptions ServedSite::options() {
    BuildOptions options = memory_options();
    options.keep_state = &state;
    return options;
}

void ServedSite::apply(PageEdit& edit) {
    for (auto& [path, bytes] : edit.changed) site[path] = std::move(bytes);
    diagnostics = diagnostics_text(edit.result);
}

void require_same_as_full_build(const ServedSite& served, const MemoryFileSystem& files) {
    BuildResult clean = build_site(memory_options(), files);
    INFO(diagnostics_text(clean));
    REQUIRE(clean.ok);
    std::set<std::string> differing = differing_files(clean.output, served.site);
    CAPTURE(differing);
    CHECK(differing.empty());
    CHECK(served.diagnostics == diagnostics_text(clean));
}

}  // namespace sourced::test
