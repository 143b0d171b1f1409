// Fuzz target: a registry.json through loading and the registry checks
// (figure rules, derived expressions, quotes, source hygiene), as a build
// runs them: never a crash, a sanitizer finding or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check_stage.h"
#include "content_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    sourced::Diagnostics out;
    sourced::LoadedContent content;
    content.registry_path = "content/registry.json";
    content.registry = sourced::load_registry(content.registry_path, text, out);
    std::map<std::string, std::string> texts = {{content.registry_path, text}};
    sourced::MemoryFileSystem files;
    sourced::CheckReport report;
    sourced::check_registry_content(content, texts, {"content/snapshots", "2026-12-01"}, files, "content", out, report);
    return 0;
}
