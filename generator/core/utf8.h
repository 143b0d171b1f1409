// UTF-8 sequences: where a valid one starts and ends, and its code point.
//
// Owns the one definition of valid UTF-8 in sourced (no overlong forms, no
// surrogates, nothing past U+10FFFF): input_limits.h rejects input that breaks
// it (ENC001), and diagnostics.h shows any byte that breaks it as `\xHH`. Also
// how many terminal columns a code point takes, for the caret under a line.
#pragma once

#include <cstddef>
#include <string>

namespace sourced {

// The length (1 to 4) of the valid UTF-8 sequence that starts at byte `i` of
// `text`, or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(const std::string& text, std::size_t i);

// The code point of the valid sequence of `length` bytes at byte `i`.
char32_t utf8_code_point(const std::string& text, std::size_t i, std::size_t length);

// The columns a terminal gives `code` (as wcwidth() does, without a locale):
// 0 for combining marks, zero-width characters and variation selectors, 2 for
// East Asian wide and fullwidth characters and emoji, 1 for the rest.
int display_width(char32_t code);

}  // namespace sourced
