// Fuzz target: one page body through parse -> resolve -> check -> render
// against the shipped registry, as the build runs it (input guard first).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "input_limits.h"
#include "markdown_document.h"
#include "page_renderer.h"
#include "pandoc_citations.h"
#include "prose_checks.h"
#include "reference_resolver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    const sourced::Registry& registry = sourced::fuzz::shipped_registry();
    sourced::Diagnostics out;
    if (!sourced::check_page_input("page.md", text, out)) return 0;
    sourced::MarkdownDocument document(text, 1);
    sourced::rewrite_pandoc_citations(document, registry);
    sourced::ResolvedPage resolved = sourced::resolve_references("page.md", document, registry, out);
    std::vector<sourced::BareFigure> bare;
    sourced::check_page_prose("page.md", document, resolved, text, bare, out);
    if (!out.has_errors()) {
        std::string html = sourced::render_page_body(document, resolved, registry, "");
        (void)html;
    }
    return 0;
}
