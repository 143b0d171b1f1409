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

}  // namespace sourced
