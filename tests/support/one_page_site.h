// A one-page site in memory for the hostile-input and hardening tests: the
// project's templates and assets, a registry, and content/index.md; and the
// errors a build of it gives.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "test_support.h"

namespace sourced::test {

inline const std::string kPage = "---\ntitle: Page\n---\nBody with [a figure](fig:packaging-yield).\n";

inline MemoryFileSystem site_with(const std::string& page, const std::string& registry = sample_registry()) {
    MemoryFileSystem files = project_files();
    files.add("content/registry.json", registry);
    files.add("content/index.md", page);
    return files;
}

// The diagnostics of a build that must fail.
inline std::string build_errors(const MemoryFileSystem& files) {
    BuildResult result = build_in_memory(files);
    CHECK_FALSE(result.ok);
    return diagnostics_text(result);
}

inline bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace sourced::test
