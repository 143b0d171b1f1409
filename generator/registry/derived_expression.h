// The `derived` expression of a figure: a small arithmetic grammar, parsed
// by hand (it is sourced's own grammar, not a general-purpose language).
//
//   expr   := term (("+" | "-") term)*
//   term   := factor (("*" | "/") factor)*
//   factor := "-" factor | "(" expr ")" | NUMBER | FIGURE-ID
//
// NUMBER is digits with an optional fraction (12, 0.5). FIGURE-ID is a
// registry id ([a-z0-9][a-z0-9._-]*); because ids may contain '-', put
// spaces around a minus sign: `1 - a / b`. Nothing is ever eval'd.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sourced {

struct DerivedResult {
    bool ok = false;
    double value = 0;
    std::string error;                                 // when !ok
    std::size_t error_offset = 0;                      // byte offset in the expression
    std::vector<std::string> ids;                      // figure ids, in order of use
    std::vector<std::pair<std::string, bool>> tokens;  // the expression as tokens; true: a figure id
};

// Parses and computes `expression`; `lookup` gives a figure's value, or
// nothing for an unknown id (an error).
DerivedResult evaluate_derived(const std::string& expression,
                               const std::function<std::optional<double>(const std::string&)>& lookup);

}  // namespace sourced
