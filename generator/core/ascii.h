// ASCII character classes that do not depend on the C locale (std::isalpha
// does): for scanning URLs, ids and numbers, which are ASCII by definition.
#pragma once

namespace sourced {

inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace sourced
