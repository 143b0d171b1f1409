// libFuzzer entry point for the cards target: see cards_input in fuzz_inputs.h.
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sourced::fuzz::cards_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
