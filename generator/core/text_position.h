// Text positions: byte offsets to 1-based line:column, and lines of a text.
//
// JSON and YAML libraries report positions in different ways (a byte offset,
// a 0-based mark); everything in sourced speaks 1-based line and column,
// counted in bytes, as compilers do. This header owns that conversion.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sourced {

struct TextPosition {
    int line = 1;
    int column = 1;
};

// Position of the byte at `offset` (clamped to the text's end).
TextPosition position_of_offset(const std::string& text, std::size_t offset);

// The text of 1-based `line`, without its line ending; empty if out of range.
std::string line_text(const std::string& text, int line);

// Where each line of a text starts, found once: for many line lookups in one
// text (printing thousands of diagnostics of one registry), where line_text
// would scan from the start each time. The text must outlive the index.
class LineIndex {
public:
    explicit LineIndex(const std::string& text);
    // The same as line_text(text, line).
    std::string line(int line) const;
    // The same as position_of_offset(text, offset), by binary search.
    TextPosition position(std::size_t offset) const;
    // Byte offset where 1-based `line` starts; npos if out of range.
    std::size_t line_start(int line) const;

private:
    const std::string& text_;
    std::vector<std::size_t> starts_;  // offset of each line's first byte
};

}  // namespace sourced
