#include "registry_entry.h"

namespace sourced {

using nlohmann::json;

EntryLocation locate_entry(const std::string& path, const EntryLocator& text, const json& entry) {
    EntryLocation where{path, 1, 1};
    if (!entry.is_object()) return where;
    for (const char* key : {"id", "citation-key"}) {
        auto id = entry.find(key);
        if (id == entry.end() || !id->is_string()) continue;
        TextPosition pos = text.find(key, id->get<std::string>());
        where.line = pos.line;
        where.column = pos.column;
        break;
    }
    return where;
}

std::string entry_name(const char* kind, const json& entry, size_t index) {
    auto id = entry.find("id");
    if (id != entry.end() && id->is_string()) return std::string(kind) + " '" + id->get<std::string>() + "'";
    return std::string(kind) + " #" + std::to_string(index + 1);
}

std::string EntryReader::text(const std::string& key, bool required) {
    auto it = entry_.find(key);
    if (it == entry_.end() || it->is_null()) {
        if (required) error("REG002", what_ + " is missing required field '" + key + "'");
        return {};
    }
    if (!it->is_string()) {
        error("REG003", what_ + ": field '" + key + "' must be a string");
        return {};
    }
    std::string value = it->get<std::string>();
    if (required && value.empty()) error("REG002", what_ + ": field '" + key + "' must not be empty");
    return value;
}

void EntryReader::error(const std::string& code, const std::string& message) {
    out_.error(path_, where_.line, where_.column, code, message);
}

}  // namespace sourced
