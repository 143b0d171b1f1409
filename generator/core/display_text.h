// Text for people: dates and numbers as a reader expects to see them.
#pragma once

#include <string>

namespace sourced {

// "2026-06-26" -> "26 June 2026"; "2026-06" -> "June 2026"; "2026" stays.
// Anything else is returned unchanged.
std::string human_date(const std::string& iso);

// A registry value without float noise: 2664000 -> "2664000", 0.435 -> "0.435".
std::string plain_number(double value);

// Grouped for reading: 2664000 -> "2,664,000", 0.003625 -> "0.003625".
std::string grouped_number(double value);

}  // namespace sourced
