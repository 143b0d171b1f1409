#include "registry_entry.h"

namespace sourced {

using nlohmann::json;

std::string json_path_member(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string json_path_element(const std::string& parent, size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

EntryNode EntryNode::member(const std::string& key) const {
    std::string path = json_path_member(json_path, key);
    if (!positions) return {nullptr, JsonPositions::none, path};
    return {positions, positions->member(node, key), path};
}

std::vector<EntryNode> EntryNode::elements() const {
    std::vector<EntryNode> result;
    if (positions) {
        std::vector<JsonPositions::Node> children = positions->children(node);
        result.reserve(children.size());
        for (size_t i = 0; i < children.size(); ++i) result.push_back({positions, children[i], json_path_element(json_path, i)});
    }
    return result;
}

TextPosition EntryNode::value() const { return positions ? positions->value(node) : TextPosition{}; }

TextPosition EntryNode::key() const { return positions ? positions->key(node) : TextPosition{}; }

EntryLocation locate_entry(const std::string& path, const EntryNode& at, const json& entry) {
    EntryLocation where{path, 1, 1, at.json_path};
    if (!at.positions || at.node == JsonPositions::none) return where;
    TextPosition pos = at.positions->value(at.node);
    if (entry.is_object()) {
        const char* chosen = nullptr;
        for (const char* key : {"id", "citation-key"})
            if (auto it = entry.find(key); !chosen && it != entry.end() && it->is_string()) chosen = key;
        if (!chosen && entry.contains("id")) chosen = "id";
        if (chosen) pos = at.positions->key(at.positions->member(at.node, chosen));
    }
    where.line = pos.line;
    where.column = pos.column;
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
        error_at(key, "REG003", what_ + ": field '" + key + "' must be a string");
        return {};
    }
    std::string value = it->get<std::string>();
    if (required && value.empty()) error_at(key, "REG002", what_ + ": field '" + key + "' must not be empty");
    return value;
}

void EntryReader::error(const std::string& code, const std::string& message) {
    out_.error(path_, where_.line, where_.column, code, at_.json_path.empty() ? message : at_.json_path + ": " + message);
}

void EntryReader::error_at(const std::string& key, const std::string& code, const std::string& message) {
    EntryNode value = at_.member(key);
    if (!value.found()) return error(code, message);
    TextPosition pos = value.value();
    out_.error(path_, pos.line, pos.column, code, value.json_path + ": " + message);
}

void EntryReader::error_at_key(const std::string& key, const std::string& code, const std::string& message) {
    EntryNode value = at_.member(key);
    if (!value.found()) return error(code, message);
    TextPosition pos = value.key();
    out_.error(path_, pos.line, pos.column, code, value.json_path + ": " + message);
}

}  // namespace sourced
