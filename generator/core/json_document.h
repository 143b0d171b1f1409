// Parsing JSON input files with positions a person can use.
//
// nlohmann/json reports syntax errors by byte offset and silently keeps the
// last of duplicate keys. This header wraps it so that a malformed file gives
// `file:line:col`, a duplicate key is an error at the duplicate, a string with
// an escaped control character (`\u001b`) is an error at the string, a string
// may not be longer than a limit, and later
// stages can find where an entry ("id": "x") or any value of it sits in the
// file (JsonPositions).
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "diagnostics.h"
#include "input_limits.h"
#include "text_position.h"

namespace sourced {

// Where each value of a parsed document starts in its text, and, for a
// member of an object, where its key starts: what lets an error point at the
// entry it is about ("id": "x" of the second entry, not the first with that
// id) and at the value that is wrong ("id": 123). nlohmann/json keeps no
// positions; parse_json_document records them as it parses. A node is a
// value; nodes are numbered in the order their values start (the root is 0).
// Holds a reference to the text, which must outlive it. About 12 bytes a value.
class JsonPositions {
public:
    using Node = std::uint32_t;
    static constexpr Node none = UINT32_MAX;

    Node root() const { return nodes_.empty() ? none : 0; }
    // The member `key` of the object `node`; none if there is none.
    Node member(Node node, const std::string& key) const;
    // The elements of the array (or members of the object) `node`, in text order.
    std::vector<Node> children(Node node) const;
    // Where the value starts: its first character ('"', '{', '[', a digit, ...).
    TextPosition value(Node node) const;
    // Where its key starts (the opening quote); the value's position for an
    // array element or the root.
    TextPosition key(Node node) const;

private:
    friend std::optional<nlohmann::json> parse_json_document(const std::string&, const std::string&, Diagnostics&,
                                                             JsonPositions*, std::size_t);
    void clear();
    struct Entry {
        std::uint32_t key_offset;    // UINT32_MAX: no key
        std::uint32_t value_offset;
        std::uint32_t end;           // the node after its last descendant
    };
    const std::string* text_ = nullptr;
    std::vector<Entry> nodes_;
    std::optional<LineIndex> lines_;
};

// The parsed document, or nothing after reporting every problem into `out`.
// With `positions`, also where each of its values is (`text` must outlive it).
// A string or key longer than `max_string_bytes` is LIM007 at the string:
// strings are repeated on pages, so a long one would multiply the site.
std::optional<nlohmann::json> parse_json_document(const std::string& path, const std::string& text,
                                                  Diagnostics& out, JsonPositions* positions = nullptr,
                                                  std::size_t max_string_bytes = default_input_limits().max_json_string_bytes);

// Position of the first `"key": "value"` pair in `text` (1:1 if not found): how an entry is located for diagnostics.
TextPosition locate_json_pair(const std::string& text, const std::string& key, const std::string& value);

// The same lookup for many values: one pass over `text` finds every
// `"key": "value"` pair, so locating N entries costs O(size), not O(N * size).
class JsonPairLocator {
public:
    JsonPairLocator(const std::string& text, const std::string& key);
    TextPosition find(const std::string& value) const;  // first pair with this value; 1:1 if none

private:
    std::unordered_map<std::string, TextPosition> first_;
};

}  // namespace sourced
