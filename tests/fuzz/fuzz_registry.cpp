// libFuzzer entry point for the registry target: see registry_input in fuzz_inputs.h.
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    sourced::fuzz::registry_input(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
