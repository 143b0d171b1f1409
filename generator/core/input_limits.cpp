#include "input_limits.h"

#include <cstdio>

#include "text_position.h"
#include "utf8.h"

namespace sourced {

namespace {

std::string size_text(std::uintmax_t bytes) {
    char buffer[32];
    if (bytes >= (std::uintmax_t(1) << 30)) std::snprintf(buffer, sizeof buffer, "%.1f GiB", bytes / 1073741824.0);
    else if (bytes >= (1u << 20)) std::snprintf(buffer, sizeof buffer, "%.1f MiB", bytes / 1048576.0);
    else std::snprintf(buffer, sizeof buffer, "%ju KiB", bytes >> 10);
    return buffer;
}

// "WHAT is SIZE, over the limit of LIMIT"; in bytes where the rounded sizes
// would read the same ("4.0 MiB, over the limit of 4.0 MiB" says nothing).
std::string too_large(const std::string& what, std::uintmax_t bytes, std::uintmax_t limit) {
    std::string size = size_text(bytes), most = size_text(limit);
    if (size == most) {
        size = std::to_string(bytes) + " bytes";
        most = std::to_string(limit) + " bytes (" + most + ")";
    }
    return what + " is " + size + ", over the limit of " + most;
}

void error_at(const std::string& path, const std::string& text, std::size_t offset, const char* code,
              const std::string& message, Diagnostics& out) {
    TextPosition at = position_of_offset(text, offset);
    out.error(path, at.line, at.column, code, message);
}

bool check_size(const std::string& path, const std::string& text, std::size_t limit, const char* what,
                Diagnostics& out) {
    if (text.size() <= limit) return true;
    out.error(path, 1, 1, "LIM001", too_large(what, text.size(), limit));
    return false;
}

// Containers a line opens: each '>' and list marker counts one, and the
// indentation before a marker counts one level per two columns (a nested
// list needs at least two). Stops at the first character of content.
int line_nesting(const std::string& text, std::size_t pos, std::size_t end) {
    int depth = 0, columns = 0;
    while (pos < end) {
        char c = text[pos];
        if (c == ' ' || c == '\t') {
            columns += c == '\t' ? 4 : 1;
            ++pos;
            continue;
        }
        std::size_t marker_end = pos;
        if (c == '>') {
            marker_end = pos + 1;
        } else if (c == '-' || c == '*' || c == '+') {
            marker_end = pos + 1;
        } else {
            while (marker_end < end && marker_end - pos < 9 && text[marker_end] >= '0' && text[marker_end] <= '9') ++marker_end;
            if (marker_end == pos || marker_end >= end || (text[marker_end] != '.' && text[marker_end] != ')')) break;
            ++marker_end;
        }
        bool spaced = marker_end >= end || text[marker_end] == ' ' || text[marker_end] == '\t' || text[marker_end] == '\n' ||
                      text[marker_end] == '\r';
        if (c != '>' && !spaced) break;  // "-x", "1.5": content, not a marker
        depth += 1 + columns / 2;
        columns = 0;
        pos = marker_end;
    }
    return depth;
}

bool is_blank(const std::string& text, std::size_t pos, std::size_t end) {
    for (; pos < end; ++pos)
        if (text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\r') return false;
    return true;
}

}  // namespace

const InputLimits& default_input_limits() {
    static const InputLimits limits;
    return limits;
}

std::size_t size_limit(InputKind kind, const InputLimits& limits) {
    return kind == InputKind::page ? limits.max_page_bytes : limits.max_json_bytes;
}

void report_oversized(const std::string& path, InputKind kind, std::uintmax_t size, Diagnostics& out,
                      const InputLimits& limits) {
    out.error(path, 1, 1, "LIM001",
              too_large(kind == InputKind::page ? "the page" : "the JSON file", size, size_limit(kind, limits)));
}

std::optional<std::string> control_character(const std::string& text) {
    unsigned code = 0;
    bool found = false;
    for (std::size_t i = 0; i < text.size() && !found; ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            code = c, found = true;
        } else if (c == 0xC2 && i + 1 < text.size()) {  // U+0080-U+00BF: C1 controls up to U+009F
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) code = next, found = true;
        }
    }
    if (!found) return std::nullopt;
    char name[8];
    std::snprintf(name, sizeof name, "U+%04X", code);
    return std::string(name);
}

std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

namespace {

// Encoding checks every text input passes: valid UTF-8 (ENC001), no NUL byte
// (ENC002), not old-Mac CR-only line endings (ENC003).
bool check_text_encoding(const std::string& path, const std::string& text, Diagnostics& out) {
    if (auto bad = first_invalid_utf8(text)) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
        error_at(path, text, *bad, "ENC001", std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8", out);
        return false;
    }
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        error_at(path, text, nul, "ENC002", "NUL byte in a text file", out);
        return false;
    }
    if (text.find('\n') == std::string::npos) {
        if (auto cr = text.find('\r'); cr != std::string::npos) {
            error_at(path, text, cr, "ENC003", "lines end in CR only; save the file with LF (or CRLF) line endings", out);
            return false;
        }
    }
    return true;
}

}  // namespace

bool check_page_input(const std::string& path, const std::string& text, Diagnostics& out, const InputLimits& limits) {
    if (!check_size(path, text, limits.max_page_bytes, "the page", out)) return false;
    if (!check_text_encoding(path, text, out)) return false;
    std::size_t block_start = std::string::npos;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t newline = text.find('\n', pos);
        std::size_t end = newline == std::string::npos ? text.size() : newline;
        if (line_nesting(text, pos, end) > limits.max_markdown_nesting) {
            error_at(path, text, pos, "LIM003",
                     "block quotes and lists nest deeper than " + std::to_string(limits.max_markdown_nesting) + " levels", out);
            return false;
        }
        if (is_blank(text, pos, end)) {
            block_start = std::string::npos;
        } else {
            if (block_start == std::string::npos) block_start = pos;
            if (end - block_start > limits.max_block_bytes) {
                error_at(path, text, block_start, "LIM004",
                         "a paragraph (lines without a blank line between them) is over the limit of " +
                             size_text(limits.max_block_bytes) + "; split it with blank lines",
                         out);
                return false;
            }
        }
        pos = end + 1;
    }
    return true;
}

bool check_json_input(const std::string& path, const std::string& text, Diagnostics& out, const InputLimits& limits) {
    if (!check_size(path, text, limits.max_json_bytes, "the JSON file", out)) return false;
    if (!check_text_encoding(path, text, out)) return false;
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limits.max_json_depth) {
                error_at(path, text, i, "LIM002",
                         "JSON nests deeper than " + std::to_string(limits.max_json_depth) + " arrays and objects", out);
                return false;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

void report_parse_stopped(const std::string& path, Diagnostics& out, const InputLimits& limits) {
    char message[200];
    std::snprintf(message, sizeof message,
                  "parsing the page was stopped at its budget of %.1f s (or earlier pages over it are still being "
                  "parsed); simplify or split the page",
                  limits.parse_budget_seconds);
    out.error(path, 1, 1, "LIM005", message);
}

bool check_parse_time(const std::string& path, double seconds, Diagnostics& out, const InputLimits& limits) {
    if (seconds <= limits.parse_budget_seconds) return true;
    char message[160];
    std::snprintf(message, sizeof message,
                  "parsing the page took %.1f s, over the budget of %.1f s; simplify or split the page", seconds,
                  limits.parse_budget_seconds);
    out.error(path, 1, 1, "LIM005", message);
    return false;
}

}  // namespace sourced
