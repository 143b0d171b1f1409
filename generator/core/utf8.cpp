#include "utf8.h"

namespace sourced {

std::size_t utf8_sequence_length(const std::string& text, std::size_t i) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    if (i >= n) return 0;
    unsigned char c = s[i];
    if (c < 0x80) return 1;
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) length = 3, low = 0xA0;
    else if (c == 0xED) length = 3, high = 0x9F;  // no surrogates
    else if (c >= 0xE1 && c <= 0xEF) length = 3;
    else if (c == 0xF0) length = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) length = 4, high = 0x8F;  // up to U+10FFFF
    else return 0;
    if (i + length > n) return 0;
    if (s[i + 1] < low || s[i + 1] > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
    return length;
}

char32_t utf8_code_point(const std::string& text, std::size_t i, std::size_t length) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + i;
    if (length == 1) return s[0];
    char32_t code = s[0] & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (s[k] & 0x3F);
    return code;
}

int display_width(char32_t c) {
    // Zero width: combining marks (the blocks Unicode reserves for them), the
    // zero-width space, joiners and marks, variation selectors.
    static constexpr char32_t zero[][2] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
                                          {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
                                          {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}};
    // Two columns: East Asian Wide (W) and Fullwidth (F) ranges, emoji.
    static constexpr char32_t wide[][2] = {{0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
                                          {0x23E9, 0x23EC},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
                                          {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
                                          {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
                                          {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
                                          {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
                                          {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
                                          {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF},
                                          {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};
    if (c < 0x0300) return 1;
    for (const auto& range : zero)
        if (c >= range[0] && c <= range[1]) return 0;
    for (const auto& range : wide)
        if (c >= range[0] && c <= range[1]) return 2;
    return 1;
}

}  // namespace sourced
