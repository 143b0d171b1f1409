// Fuzz target: a page's text split into front matter and body, the YAML read.
#include <cstddef>
#include <cstdint>
#include <string>

#include "front_matter.h"
#include "input_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    sourced::Diagnostics out;
    if (!sourced::check_page_input("page.md", text, out)) return 0;
    sourced::SplitPage split = sourced::split_front_matter(text);
    sourced::FrontMatter meta = sourced::parse_front_matter("page.md", split, out);
    (void)meta;
    return 0;
}
