// Reading one entry of a registry file: where it is, what messages call it,
// and its fields.
//
// Owns what every source and figure entry shares when it is read: its
// location (EntryLocation), finding the line and column of its "id" (or Zotero's "citation-key") in the file
// text, naming it in messages ("figure 'x'", "source #3"), and reading a
// string field with REG002 (missing, empty) and REG003 (not a string) at the
// entry's position. What a source or a figure must hold is csl_source.h's
// and registry.cpp's.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "json_document.h"

namespace sourced {

// Where an entry is: the file (registry.json or a separate sources file) and
// the position of its id.
struct EntryLocation {
    std::string path;
    int line = 0;
    int column = 0;
};

// Finds where an entry's "id" (or, for Zotero items, "citation-key") sits in
// the file; each text is scanned once, not once per entry.
class EntryLocator {
public:
    explicit EntryLocator(const std::string& text) : ids_(text, "id"), keys_(text, "citation-key") {}
    TextPosition find(const std::string& key, const std::string& value) const {
        return (key == std::string("id") ? ids_ : keys_).find(value);
    }

private:
    JsonPairLocator ids_;
    JsonPairLocator keys_;
};

// Where `entry` of the file `path` is: its "id", else its "citation-key"; 1:1 if neither.
EntryLocation locate_entry(const std::string& path, const EntryLocator& text, const nlohmann::json& entry);

// "source 'csis'" or, without a string id, "figure #3" (the index from 0).
std::string entry_name(const char* kind, const nlohmann::json& entry, size_t index);

// Reads one registry entry, reporting problems at the entry's position.
class EntryReader {
public:
    EntryReader(const std::string& path, const nlohmann::json& entry, EntryLocation where, std::string what, Diagnostics& out)
        : path_(path), entry_(entry), where_(std::move(where)), what_(std::move(what)), out_(out) {}

    // The string field `key`; "" if it is absent, null or not a string.
    std::string text(const std::string& key, bool required);
    void error(const std::string& code, const std::string& message);

private:
    const std::string& path_;
    const nlohmann::json& entry_;
    EntryLocation where_;
    std::string what_;
    Diagnostics& out_;
};

}  // namespace sourced
