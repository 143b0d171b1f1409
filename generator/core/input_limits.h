// Input limits: the size and shape an input file may have before a parser sees it.
//
// Owns every limit that keeps hostile input from crashing, stalling or
// exhausting the build: file sizes (checked before a file is read whole, see
// FileSystem::read_bounded), JSON nesting depth (checked before nlohmann
// builds or walks a tree), Markdown container nesting and the size of one
// paragraph (cmark-gfm 0.29's slow cases are quadratic in it), valid UTF-8
// without NUL bytes, the control characters no string may carry into the
// output, and the per-page parse time budget. Each check
// reports `file:line:col: error[LIMnnn|ENCnnn]` and returns false; the caller
// then skips that input. See docs/security.md for why these numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "diagnostics.h"

namespace sourced {

struct InputLimits {
    std::size_t max_page_bytes = 4u << 20;       // LIM001: a Markdown page
    std::size_t max_json_bytes = 64u << 20;      // LIM001: registry, sources, site.json
    int max_json_depth = 64;                     // LIM002: nested arrays and objects
    int max_markdown_nesting = 64;               // LIM003: block quotes and list items on one line
    std::size_t max_block_bytes = 64u << 10;     // LIM004: one run of non-blank lines (a paragraph)
    double parse_budget_seconds = 10.0;          // LIM005: parsing one page (wall time)
    std::size_t inline_parse_bytes = 16u << 10;  // LIM005: larger pages parse on a watchdog thread
    int max_abandoned_parses = 4;                // LIM005: parses over budget still running (serve)
    int max_references_per_page = 2000;          // LIM006: fig:, cite: and [@key] uses on one page
    std::size_t max_json_string_bytes = 16u << 10;  // LIM007: a string in the registry or sources file
    std::size_t max_site_string_bytes = 1u << 10;   // LIM007: a string in site.json (shown on every page)
};

// The limits a build uses.
const InputLimits& default_input_limits();

// Byte offset of the first byte that is not part of valid UTF-8 (overlong
// forms, surrogates and code points past U+10FFFF are invalid), or nothing.
std::optional<std::size_t> first_invalid_utf8(const std::string& text);

// The kinds of file that have a size limit (LIM001).
enum class InputKind { page, json };

// The largest file of `kind` a build reads.
std::size_t size_limit(InputKind kind, const InputLimits& limits = default_input_limits());

// LIM001 for a file of `kind` found to have `size` bytes, over its limit,
// before it was read (FileSystem::read_bounded): a 4 GiB page is never read.
void report_oversized(const std::string& path, InputKind kind, std::uintmax_t size, Diagnostics& out,
                      const InputLimits& limits = default_input_limits());

// The first control character in `text` that no string may carry into a page,
// feed, SVG or BibTeX file: a C0 control other than tab and newline, DEL or a
// C1 control (U+0080-U+009F; XML forbids most of them, and none is text). Its
// code point as "U+001B", or nothing. `text` is UTF-8.
std::optional<std::string> control_character(const std::string& text);

// A Markdown page: size, encoding, container nesting, paragraph size.
bool check_page_input(const std::string& path, const std::string& text, Diagnostics& out,
                      const InputLimits& limits = default_input_limits());

// A JSON file: size, encoding, and nesting depth (a scan that recurses nowhere).
bool check_json_input(const std::string& path, const std::string& text, Diagnostics& out,
                      const InputLimits& limits = default_input_limits());

// A parse stopped at the budget (MarkdownDocument::parse_within gave
// nothing): LIM005. Also when too many earlier parses over budget still run.
void report_parse_stopped(const std::string& path, Diagnostics& out, const InputLimits& limits = default_input_limits());

// After a page was parsed in `seconds`: an error if that broke the budget.
bool check_parse_time(const std::string& path, double seconds, Diagnostics& out,
                      const InputLimits& limits = default_input_limits());

}  // namespace sourced
