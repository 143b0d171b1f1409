// Large registries: 100,000 figures through load_registry and every registry
// check, and the error paths that used to cost a pass over the whole file per
// error (duplicate keys, derived figures, suggestions). These assert results,
// not speed: bench/registry_scale.sh measures time and memory.
#include <catch2/catch.hpp>

#include <algorithm>

#include "content_checks.h"
#include "figure_rules.h"
#include "json_document.h"
#include "reference_resolver.h"
#include "registry.h"
#include "suggestion.h"
#include "text_position.h"

using namespace sourced;

namespace {

int count_code(const Diagnostics& out, const std::string& code) {
    int n = 0;
    for (const Diagnostic& d : out.all()) n += d.code == code ? 1 : 0;
    return n;
}

// One figure a line; figure i is on line i + 5.
std::string large_registry(int figures) {
    std::string text = "{\"sources\": [\n{\"id\": \"s\", \"type\": \"report\", \"title\": \"S\", \"URL\": \"https://example.org/\"}\n"
                       "],\n\"figures\": [\n";
    for (int i = 0; i < figures; ++i) {
        std::string id = "f" + std::to_string(i), value = std::to_string(i);
        // Every 1000th figure (from 1000) is derived from the one before it,
        // half of them with arithmetic that does not give their value.
        std::string derived;
        if (i > 0 && i % 1000 == 0) derived = ", \"derived\": \"f" + std::to_string(i - 1) + (i % 2000 == 0 ? " + 1" : " * 2") + "\"";
        text += (i ? ",\n" : "") + std::string("{\"id\": \"") + id + "\", \"value\": " + value +
                ", \"unit\": \"%\", \"display\": \"" + value + "%\", \"claim\": \"Claim " + value +
                ".\", \"status\": \"reported\", \"sources\": [{\"id\": \"s\", \"quote\": \"" + value + "%\"}], \"as_of\": \"2025\"" +
                derived + "}";
    }
    return text + "\n]}\n";
}

// Under AddressSanitizer (.ci/sanitize) every allocation costs many times
// more, and the 100,000-figure case alone took 275 s of the sanitized suite:
// there it runs the same code paths on 20,000 figures. The Release suite runs
// 100,000.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kLargeRegistry = 20000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kLargeRegistry = 20000;
#else
constexpr int kLargeRegistry = 100000;
#endif
#else
constexpr int kLargeRegistry = 100000;
#endif

std::string id(int i) { return "f" + std::to_string(i); }

}  // namespace

TEST_CASE("a registry with 100,000 figures (20,000 under ASan) loads and checks correctly", "[registry][scale]") {
    const int n = kLargeRegistry;
    const std::string text = large_registry(n);
    LoadedContent content;
    content.registry_path = "registry.json";
    Diagnostics out;
    content.registry = load_registry("registry.json", text, out);
    REQUIRE(out.all().empty());
    REQUIRE(content.registry.figures.size() == static_cast<size_t>(n));
    CHECK(content.registry.figure(id(n - 1))->value == n - 1);
    CHECK(content.registry.figure(id(n - 1))->where.line == n - 1 + 5);
    CHECK(content.registry.figure("f0")->where.line == 5);

    RegistryMarks marks;
    check_figure_rules(content.registry, "registry.json", text, "2026-01-01", marks, out);
    // f1000 * 2 ... : the odd thousands are wrong (50 of 100,000); f2000 = f1999 + 1 and the like are right.
    CHECK(count_code(out, "SRC008") == n / 2000);
    CHECK(out.error_count() == n / 2000);
    const int last_derived = n - 1000;  // an odd thousand: wrong
    const FigureMarks& last = marks.of(id(last_derived));
    REQUIRE_FALSE(last.arithmetic.empty());  // resolved against its input, far into the file
    CHECK(last.arithmetic.front() == std::make_pair(id(last_derived - 1), true));
    bool found_last = false;
    for (const Diagnostic& d : out.all())
        if (d.message.find("'" + id(last_derived) + "'") != std::string::npos) {
            found_last = true;
            CHECK(d.line == last_derived + 5);
            // The column of the derived expression on that line.
            std::string line = line_text(text, d.line);
            CHECK(static_cast<size_t>(d.column) == line.find("\"" + id(last_derived - 1) + " * 2\"") + 2);
        }
    CHECK(found_last);

    UsageIndex usage;
    usage.figures["f0"].push_back({"index", "Scale", "figref-f0-1"});
    Diagnostics site;
    check_site(content, usage, site);
    CHECK(count_code(site, "CHK001") == n - 1);
    CHECK(site.all().size() == static_cast<size_t>(n - 1));  // the one source is used by every figure
    CHECK(site.all().front().message == "figure 'f1' is not used on any page");
    CHECK(site.all().back().line == n - 1 + 5);
}

TEST_CASE("each of 10,000 duplicate keys is an error at its own duplicate", "[registry][scale]") {
    std::string text = "[";
    for (int i = 0; i < 10000; ++i) text += std::string(i ? "," : "") + "\n {\"a\": 1, \"b\\\"q\": 2, \"b\\\"q\": 3}";
    text += "\n]";
    Diagnostics out;
    CHECK_FALSE(parse_json_document("r.json", text, out));
    REQUIRE(out.all().size() == 10000);
    CHECK(format_diagnostic(out.all().front()) == "r.json:2:22: error[JSON002]: duplicate key 'b\"q' in one object");
    CHECK(format_diagnostic(out.all().back()) == "r.json:10001:22: error[JSON002]: duplicate key 'b\"q' in one object");
}

TEST_CASE("a page of many unknown ids gets suggestions for the first distinct ones only", "[resolve]") {
    Diagnostics d;
    Registry registry = load_registry("registry.json", large_registry(2000), d);
    REQUIRE(d.all().empty());
    std::string page;
    for (size_t i = 0; i < Suggester::kMaxSearches + 50; ++i) page += "[x](fig:g" + std::to_string(i) + ") ";
    page += "[x](fig:g0)\n";
    MarkdownDocument doc(page, 1);
    ResolvedPage resolved = resolve_references("p.md", doc, registry, d);
    REQUIRE(count_code(d, "REF001") == static_cast<int>(Suggester::kMaxSearches) + 51);
    const auto& all = d.all();
    CHECK(all[0].message == "unknown figure 'g0' (did you mean 'f0'?)");
    CHECK(all[Suggester::kMaxSearches - 1].message == "unknown figure 'g99' (did you mean 'f99'?)");
    CHECK(all[Suggester::kMaxSearches].message == "unknown figure 'g100'");  // past the limit: no search
    CHECK(all.back().message == "unknown figure 'g0' (did you mean 'f0'?)");  // searched before: remembered
}

TEST_CASE("the registry's sources file name is found without building the document", "[registry]") {
    CHECK(registry_sources_file(R"({"figures": [{"id": "x", "sources": "no"}], "sources": "refs.json"})") == "refs.json");
    CHECK(registry_sources_file(R"({"sources": "a.json", "sources": []})").empty());  // the last one counts, as parsed
    CHECK(registry_sources_file(R"({"sources": [{"id": "s"}]})").empty());
    CHECK(registry_sources_file(R"({"sources": "a.json", "figures": [)").empty());  // malformed: the registry reports it
    CHECK(registry_sources_file(R"(["sources", "a.json"])").empty());
}
