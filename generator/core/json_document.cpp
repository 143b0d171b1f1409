#include "json_document.h"

#include "input_limits.h"

#include <cctype>
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

// The offset of the first character of the number or literal (true, false,
// null) the parser has just read: it read one character past a number (or
// none, at the end of the text), and exactly to the end of a literal.
std::size_t scalar_start(const std::string& text, std::size_t last) {
    auto in_scalar = [&](std::size_t at) {
        char c = text[at];
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-' ||
               c == '.';
    };
    if (last > 0 && !in_scalar(last)) --last;
    while (last > 0 && in_scalar(last - 1)) --last;
    return last;
}

// The offset of the closing quote of the string that opens at `open`.
std::size_t string_end(const std::string& text, std::size_t open) {
    for (std::size_t at = open + 1; at < text.size(); ++at) {
        if (text[at] == '\\') ++at;
        else if (text[at] == '"') return at;
    }
    return text.size();
}

// What a person most likely wrote where the parser stopped at `at`: a comma
// after the last item (JavaScript allows one, JSON does not) or a comment.
std::string syntax_hint(const std::string& text, std::size_t at) {
    if (at >= text.size()) return "";
    if (text[at] == '/' || text[at] == '#') return " (JSON has no comments: remove it, or keep the text in a \"note\" field)";
    if (text[at] != ']' && text[at] != '}') return "";
    std::size_t before = at;
    while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1]))) --before;
    if (before > 0 && text[before - 1] == ',') return " (a comma after the last item: JSON allows none; remove it)";
    return "";
}

}  // namespace

JsonPositions::Node JsonPositions::member(Node node, const std::string& key) const {
    if (node >= nodes_.size()) return none;
    for (Node child = node + 1; child < nodes_[node].end; child = nodes_[child].end) {
        std::uint32_t open = nodes_[child].key_offset;
        if (open == UINT32_MAX) return none;  // an array
        std::size_t close = string_end(*text_, open);
        std::string raw = text_->substr(open + 1, close - open - 1);
        if (raw.find('\\') == std::string::npos ? raw == key
                                                 : nlohmann::json::parse(text_->substr(open, close - open + 1)) == key)
            return child;
    }
    return none;
}

void JsonPositions::clear() {
    nodes_.clear();
    lines_.reset();
    text_ = nullptr;
}

std::vector<JsonPositions::Node> JsonPositions::children(Node node) const {
    std::vector<Node> result;
    if (node >= nodes_.size()) return result;
    for (Node child = node + 1; child < nodes_[node].end; child = nodes_[child].end) result.push_back(child);
    return result;
}

TextPosition JsonPositions::value(Node node) const {
    if (node >= nodes_.size() || !lines_) return {};
    return lines_->position(nodes_[node].value_offset);
}

TextPosition JsonPositions::key(Node node) const {
    if (node >= nodes_.size() || !lines_) return {};
    std::uint32_t at = nodes_[node].key_offset;
    return lines_->position(at == UINT32_MAX ? nodes_[node].value_offset : at);
}

std::optional<nlohmann::json> parse_json_document(const std::string& path, const std::string& text,
                                                  Diagnostics& out, JsonPositions* positions,
                                                  std::size_t max_string_bytes) {
    using nlohmann::json;
    if (positions) positions->clear();
    if (!check_json_input(path, text, out)) return std::nullopt;  // before any recursive parse or walk
    std::vector<std::set<std::string>> open_objects;
    bool duplicate_found = false;
    const char* last_read = text.data();
    std::optional<LineIndex> lines;  // made at the first duplicate: each costs O(1) more, not a pass over the text

    // A string (or key) with an escaped control character (`\u001b`) would
    // carry it into HTML, XML and BibTeX, where it has no business and makes
    // SVG and feeds ill-formed: an error at the string (JSON004); so is one
    // over `max_string_bytes` (LIM007). The parser has just read its closing quote.
    bool bad_string_found = false;
    auto refuse_bad_string = [&](const std::string& value) {
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
        bad_string_found = true;
    };

    // Positions (JsonPositions): a node is added when its value starts, with
    // the key read just before it when it is a member of an object.
    std::vector<JsonPositions::Entry>* nodes = positions && text.size() < UINT32_MAX ? &positions->nodes_ : nullptr;
    std::vector<std::pair<JsonPositions::Node, bool>> open_nodes;  // containers around the parser; true: an object
    std::uint32_t pending_key = UINT32_MAX;
    auto read_offset = [&] { return static_cast<std::size_t>(last_read - text.data()); };
    auto start_value = [&](std::size_t offset) {
        auto id = static_cast<JsonPositions::Node>(nodes->size());
        bool member = !open_nodes.empty() && open_nodes.back().second;
        nodes->push_back({member ? pending_key : UINT32_MAX, static_cast<std::uint32_t>(offset), id + 1});
        return id;
    };
    auto record = [&](json::parse_event_t event, const json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start:  // the parser has just read '{' or '['
                open_nodes.emplace_back(start_value(read_offset()), event == json::parse_event_t::object_start);
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!open_nodes.empty()) {
                    (*nodes)[open_nodes.back().first].end = static_cast<std::uint32_t>(nodes->size());
                    open_nodes.pop_back();
                }
                break;
            case json::parse_event_t::key:
                pending_key = static_cast<std::uint32_t>(key_start(text, read_offset()));
                break;
            case json::parse_event_t::value:
                start_value(parsed.is_string() ? key_start(text, read_offset()) : scalar_start(text, read_offset()));
                break;
        }
    };

    json::parser_callback_t callback = [&](int, json::parse_event_t event, json& parsed) {
        if (nodes) record(event, parsed);
        switch (event) {
            case json::parse_event_t::object_start:
                open_objects.emplace_back();
                break;
            case json::parse_event_t::object_end:
                if (!open_objects.empty()) open_objects.pop_back();
                break;
            case json::parse_event_t::value:
                if (parsed.is_string()) refuse_bad_string(parsed.get_ref<const std::string&>());
                break;
            case json::parse_event_t::key: {
                std::string key = parsed.get<std::string>();
                refuse_bad_string(key);
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
        if (duplicate_found || bad_string_found) {
            if (positions) positions->clear();
            return std::nullopt;
        }
        if (positions) {
            positions->text_ = &text;
            positions->lines_.emplace(text);
        }
        return document;
    } catch (const json::parse_error& e) {
        std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        TextPosition pos = position_of_offset(text, byte);
        std::string message = e.what();
        // nlohmann's text: "[json.exception.parse_error.101] parse error at line 3, column 16: syntax error ..."
        auto colon = message.find(": ", message.find("parse error"));
        std::string detail = colon == std::string::npos ? message : message.substr(colon + 2);
        out.error(path, pos.line, pos.column, "JSON001", "malformed JSON: " + detail + syntax_hint(text, byte));
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
    if (positions) positions->clear();
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
