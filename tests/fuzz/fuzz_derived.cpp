// Fuzz target: the derived-figure expression parser and evaluator.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "derived_expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string expression(reinterpret_cast<const char*>(data), size);
    auto lookup = [](const std::string& id) -> std::optional<double> {
        if (id.empty() || id[0] == 'x') return std::nullopt;  // some ids are unknown
        return static_cast<double>(id.size());
    };
    sourced::DerivedResult result = sourced::evaluate_derived(expression, lookup);
    if (!result.ok && result.error_offset > expression.size()) __builtin_trap();  // offsets stay in the text
    return 0;
}
