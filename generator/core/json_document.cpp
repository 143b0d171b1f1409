#include "json_document.h"

#include "input_limits.h"

#include <iterator>
#include <set>
#include <vector>

namespace sourced {

namespace {

// A character iterator over the text that remembers the last character the
// parser read. When the parser reports a key, that is the key's closing
// quote, so a duplicate key is located without searching the text again.
class TrackingIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator(const char* at, const char** last_read) : at_(at), last_read_(last_read) {}
    reference operator*() const {
        *last_read_ = at_;
        return *at_;
    }
    TrackingIterator& operator++() {
        ++at_;
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator before = *this;
        ++at_;
        return before;
    }
    bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
    bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

private:
    const char* at_;
    const char** last_read_;
};

// The offset of the opening quote of the key whose closing quote is at `close`.
std::size_t key_start(const std::string& text, std::size_t close) {
    for (std::size_t at = close; at-- > 0;) {
        if (text[at] != '"') continue;
        std::size_t backslashes = 0;
        while (at > backslashes && text[at - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return at;
    }
    return 0;
}

}  // namespace

std::optional<nlohmann::json> parse_json_document(const std::string& path, const std::string& text,
                                                  Diagnostics& out, std::size_t max_string_bytes) {
    using nlohmann::json;
    if (!check_json_input(path, text, out)) return std::nullopt;  // before any recursive parse or walk
    std::vector<std::set<std::string>> open_objects;
    bool duplicate_found = false;
    const char* last_read = text.data();
    std::optional<LineIndex> lines;  // made at the first duplicate: each costs O(1) more, not a pass over the text

    // A string (or key) with an escaped control character (`\u001b`) would
    // carry it into HTML, XML and BibTeX, where it has no business and makes
    // SVG and feeds ill-formed: an error at the string. The parser has just
    // read its closing quote.
    bool control_found = false;
    auto refuse_control_characters = [&](const std::string& value) {
        auto code = control_character(value);
        bool too_long = value.size() > max_string_bytes;
        if (!code && !too_long) return;
        if (!lines) lines.emplace(text);
        TextPosition pos = lines->position(key_start(text, static_cast<std::size_t>(last_read - text.data())));
        if (code)
            out.error(path, pos.line, pos.column, "JSON004",
                      "string holds the control character " + *code + " (only tab and newline may be escaped into a string)");
        else
            out.error(path, pos.line, pos.column, "LIM007",
                      "string of " + std::to_string(value.size()) + " bytes, over the limit of " +
                          std::to_string(max_string_bytes) + " bytes for a string in this file");
        control_found = true;
    };

    json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                open_objects.emplace_back();
                break;
            case json::parse_event_t::object_end:
                if (!open_objects.empty()) open_objects.pop_back();
                break;
            case json::parse_event_t::value:
                if (parsed.is_string()) refuse_control_characters(parsed.get_ref<const std::string&>());
                break;
            case json::parse_event_t::key: {
                std::string key = parsed.get<std::string>();
                refuse_control_characters(key);
                if (!open_objects.empty() && !open_objects.back().insert(key).second) {
                    if (!lines) lines.emplace(text);
                    TextPosition pos = lines->position(key_start(text, static_cast<std::size_t>(last_read - text.data())));
                    out.error(path, pos.line, pos.column, "JSON002", "duplicate key '" + key + "' in one object");
                    duplicate_found = true;
                }
                break;
            }
            default:
                break;
        }
        return true;
    };

    try {
        json document = json::parse(TrackingIterator(text.data(), &last_read),
                                    TrackingIterator(text.data() + text.size(), &last_read), callback,
                                    /*allow_exceptions=*/true, /*ignore_comments=*/false);
        if (duplicate_found || control_found) return std::nullopt;
        return document;
    } catch (const json::parse_error& e) {
        std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        TextPosition pos = position_of_offset(text, byte);
        std::string message = e.what();
        // nlohmann's text: "[json.exception.parse_error.101] parse error at line 3, column 16: syntax error ..."
        auto colon = message.find(": ", message.find("parse error"));
        std::string detail = colon == std::string::npos ? message : message.substr(colon + 2);
        out.error(path, pos.line, pos.column, "JSON001", "malformed JSON: " + detail);
    } catch (const json::out_of_range& e) {
        // "number overflow parsing '1e999'": point at the number.
        std::string message = e.what();
        auto open = message.find('\''), close = message.rfind('\'');
        TextPosition pos;
        if (open != std::string::npos && close > open)
            if (auto at = text.find(message.substr(open + 1, close - open - 1)); at != std::string::npos)
                pos = position_of_offset(text, at);
        out.error(path, pos.line, pos.column, "JSON003",
                  "number out of range: " + (open == std::string::npos ? message : message.substr(open)));
    } catch (const json::exception& e) {
        out.error(path, 1, 1, "JSON001", std::string("malformed JSON: ") + e.what());
    }
    return std::nullopt;
}

TextPosition locate_json_pair(const std::string& text, const std::string& key, const std::string& value) {
    return JsonPairLocator(text, key).find(value);
}

JsonPairLocator::JsonPairLocator(const std::string& text, const std::string& key) {
    const std::string needle = "\"" + key + "\"";
    TextPosition at;  // position of `scanned`
    std::size_t scanned = 0, pos = 0;
    while ((pos = text.find(needle, pos)) != std::string::npos) {
        std::size_t after = pos + needle.size();
        while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
        if (after < text.size() && text[after] == ':') {
            ++after;
            while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
            if (after < text.size() && text[after] == '"') {
                std::size_t end = text.find('"', after + 1);
                if (end == std::string::npos) break;
                for (; scanned < pos; ++scanned) {  // advance the position incrementally
                    if (text[scanned] == '\n') {
                        ++at.line;
                        at.column = 1;
                    } else {
                        ++at.column;
                    }
                }
                first_.emplace(text.substr(after + 1, end - after - 1), at);
            }
        }
        pos += needle.size();
    }
}

TextPosition JsonPairLocator::find(const std::string& value) const {
    auto it = first_.find(value);
    return it == first_.end() ? TextPosition{} : it->second;
}

}  // namespace sourced
