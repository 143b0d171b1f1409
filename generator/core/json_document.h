// Parsing JSON input files with positions a person can use.
//
// nlohmann/json reports syntax errors by byte offset and silently keeps the
// last of duplicate keys. This header wraps it so that a malformed file gives
// `file:line:col`, a duplicate key is an error at the duplicate, a string with
// an escaped control character (`\u001b`) is an error at the string, a string
// may not be longer than a limit, and later
// stages can find where an entry ("id": "x") sits in the file.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "diagnostics.h"
#include "input_limits.h"
#include "text_position.h"

namespace sourced {

// The parsed document, or nothing after reporting every problem into `out`.
// A string or key longer than `max_string_bytes` is LIM007 at the string:
// strings are repeated on pages, so a long one would multiply the site.
std::optional<nlohmann::json> parse_json_document(const std::string& path, const std::string& text,
                                                  Diagnostics& out,
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
