// Reading one entry of a registry file: where it is, what messages call it,
// and its fields.
//
// Owns what every source and figure entry shares when it is read: its
// location (EntryLocation: its own "id", or Zotero's "citation-key", found
// through the positions the JSON parser kept, so a second entry with the
// same id is located at itself), naming it in messages ("figure 'x'",
// "source #3") and by its JSON path (`figures[12].sources[0].id`, which
// starts every message about it), and reading a string field with REG002
// (missing, empty) and REG003 (not a string) at the value. What a source or a figure must hold is
// csl_source.h's and registry.cpp's.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "json_document.h"

namespace sourced {

// Where an entry is: the file (registry.json or a separate sources file),
// the position of its id, and its JSON path in the file ("figures[12]").
struct EntryLocation {
    std::string path;
    int line = 0;
    int column = 0;
    std::string json_path;
};

// "figures[12].sources" from "figures[12]" and "sources"; "[3]" from "" and 3.
std::string json_path_member(const std::string& parent, const std::string& key);
std::string json_path_element(const std::string& parent, size_t index);

// An entry of a registry file: the positions of the file's parsed document
// and the entry's node in it.
struct EntryNode {
    const JsonPositions* positions = nullptr;  // nullptr: no positions (every error at 1:1)
    JsonPositions::Node node = JsonPositions::none;
    std::string json_path;  // "figures[12]"; "" for the root

    EntryNode member(const std::string& key) const;  // a field's value (an object to read with its own EntryReader)
    std::vector<EntryNode> elements() const;         // the entries of a list
    TextPosition value() const;                      // where the value starts; 1:1 without positions
    TextPosition key() const;                        // where its key starts (the value's position in a list)
    bool found() const { return positions && node != JsonPositions::none; }
};

// Where `entry` of the file `path` is: the key of its string "id", else of
// its string "citation-key", else of any "id"; else its opening brace.
EntryLocation locate_entry(const std::string& path, const EntryNode& at, const nlohmann::json& entry);

// "source 'csis'" or, without a string id, "figure #3" (the index from 0).
std::string entry_name(const char* kind, const nlohmann::json& entry, size_t index);

// Reads one registry entry, reporting problems at the entry's position.
class EntryReader {
public:
    // `at`: the object being read (the entry, or an object in it such as
    // "custom"); `where`: the entry's location.
    EntryReader(const std::string& path, const nlohmann::json& entry, EntryLocation where, std::string what, Diagnostics& out,
                EntryNode at = {})
        : path_(path), entry_(entry), where_(std::move(where)), what_(std::move(what)), out_(out), at_(at) {}

    // The string field `key`; "" if it is absent, null or not a string
    // (REG003 at the value).
    std::string text(const std::string& key, bool required);
    // An error at the entry. Every message starts with the JSON path it is
    // about ("figures[12]: ", "figures[12].value: ").
    void error(const std::string& code, const std::string& message);
    // An error at the value of the field `key` (at the entry if it has none).
    void error_at(const std::string& key, const std::string& code, const std::string& message);
    // An error at the key of the field `key` (an unknown field).
    void error_at_key(const std::string& key, const std::string& code, const std::string& message);

private:
    const std::string& path_;
    const nlohmann::json& entry_;
    EntryLocation where_;
    std::string what_;
    Diagnostics& out_;
    EntryNode at_;
};

}  // namespace sourced
