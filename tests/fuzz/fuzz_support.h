// Shared by the fuzz targets: the shipped registry, loaded once.
#pragma once

#include <string>

#include "file_system.h"
#include "registry.h"

namespace sourced::fuzz {

inline const Registry& shipped_registry() {
    static const Registry registry = [] {
        DiskFileSystem disk;
        std::string path = std::string(SOURCED_PROJECT_DIR) + "/content/registry.json";
        Diagnostics ignored;
        return load_registry(path, disk.read(path).value_or("{}"), ignored);
    }();
    return registry;
}

}  // namespace sourced::fuzz
