#include "diagnostics.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>
#include <vector>

#include "utf8.h"

namespace sourced {

void Diagnostics::error(std::string path, int line, int column, std::string code, std::string message) {
    add({Severity::error, std::move(path), line, column, std::move(code), std::move(message)});
}

void Diagnostics::warning(std::string path, int line, int column, std::string code, std::string message) {
    add({Severity::warning, std::move(path), line, column, std::move(code), std::move(message)});
}

void Diagnostics::note(std::string path, int line, int column, std::string code, std::string message) {
    add({Severity::note, std::move(path), line, column, std::move(code), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

int Diagnostics::error_count() const {
    return static_cast<int>(std::count_if(items_.begin(), items_.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

int Diagnostics::warning_count() const {
    return static_cast<int>(std::count_if(items_.begin(), items_.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

int Diagnostics::note_count() const {
    return static_cast<int>(items_.size()) - error_count() - warning_count();
}

namespace {

// A source line wider than kExcerptColumns is shown as an excerpt of that
// width around the caret, cut with kElision (as rustc does): a paragraph is one
// line, and quoting it whole made each diagnostic hundreds of columns wide.
constexpr std::size_t kExcerptColumns = 100;
constexpr std::size_t kExcerptBefore = 40;  // before the caret, when the line goes on after the excerpt
constexpr const char* kElision = "...";

bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// The character at byte `i` of `text` as visible_text shows it: appended to
// `out` when given; returns its length in bytes and, in `shown`, how many
// columns it takes on a terminal (a tab counts one).
std::size_t append_visible(const std::string& text, std::size_t i, std::string* out, std::size_t& shown) {
    char escaped[8];
    std::size_t length = utf8_sequence_length(text, i);
    auto byte = static_cast<unsigned char>(text[i]);
    if (length == 0 || (length == 1 && ((byte < 0x20 && byte != '\t') || byte == 0x7F))) {
        if (out) {
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            *out += escaped;
        }
        shown = 4;
        return 1;
    }
    char32_t code = utf8_code_point(text, i, length);
    if ((code >= 0x80 && code <= 0x9F) || is_bidi_control(code)) {
        if (out) {
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(code));
            *out += escaped;
        }
        shown = 6;
        return length;
    }
    if (out) out->append(text, i, length);
    shown = static_cast<std::size_t>(display_width(code));
    return length;
}

// One character of a source line: where it starts, its bytes, its columns.
struct Cell {
    std::size_t start, length, width;
};

// The cells [first, last) of a line of `cells` to show so that the one at
// `caret` (cells.size(): past the end) is shown with kExcerptBefore columns
// before it where the line has them, and kExcerptColumns in all at most.
std::pair<std::size_t, std::size_t> excerpt_window(const std::vector<Cell>& cells, std::size_t caret) {
    std::size_t total = 0;
    for (const Cell& cell : cells) total += cell.width;
    if (total <= kExcerptColumns) return {0, cells.size()};
    std::size_t first = caret, last = caret, width = 0;
    while (first > 0 && width + cells[first - 1].width <= kExcerptBefore) width += cells[--first].width;
    while (last < cells.size() && width + cells[last].width <= kExcerptColumns) width += cells[last++].width;
    while (first > 0 && width + cells[first - 1].width <= kExcerptColumns) width += cells[--first].width;  // room left after the end
    return {first, last};
}

}  // namespace

std::string visible_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size();) i += append_visible(text, i, &out, shown);
    return out;
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = visible_text(d.path);
    if (d.line > 0) {
        out += ":" + std::to_string(d.line);
        if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += d.severity == Severity::error ? ": error" : d.severity == Severity::warning ? ": warning" : ": note";
    if (!d.code.empty()) out += "[" + visible_text(d.code) + "]";
    out += ": " + visible_text(d.message);
    return out;
}

std::string format_diagnostic_with_line(const Diagnostic& d, const std::string& line) {
    std::string out = format_diagnostic(d);
    if (d.line <= 0 || line.empty()) return out;
    // The line as visible_text shows it (cut to an excerpt around the caret
    // when it is long), and under it a caret at the byte column: as many
    // spaces as each character before it takes on screen, tabs kept so that
    // the caret lines up under the same column.
    const std::size_t column = d.column > 0 ? static_cast<std::size_t>(d.column) : 0;
    std::vector<Cell> cells;
    std::size_t caret = std::string::npos;
    for (std::size_t i = 0; i < line.size();) {
        Cell cell{i, 0, 0};
        cell.length = append_visible(line, i, nullptr, cell.width);
        if (caret == std::string::npos && column > 0 && i + 1 >= column) caret = cells.size();
        cells.push_back(cell);
        i += cell.length;
    }
    if (caret == std::string::npos) caret = cells.size();
    auto [first, last] = excerpt_window(cells, column > 0 ? caret : 0);
    std::string shown_line = first > 0 ? kElision : "", pad(first > 0 ? std::strlen(kElision) : 0, ' ');
    for (std::size_t k = first; k < last; ++k) {
        std::size_t width = 0;
        append_visible(line, cells[k].start, &shown_line, width);
        if (k < caret) pad += line[cells[k].start] == '\t' ? std::string(1, '\t') : std::string(width, ' ');
    }
    if (last < cells.size()) shown_line += kElision;
    out += "\n  " + shown_line;
    if (column > 0) out += "\n  " + pad + "^";
    return out;
}

std::vector<Diagnostic> sorted_diagnostics(const Diagnostics& diagnostics) {
    std::vector<Diagnostic> items = diagnostics.all();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
    });
    return items;
}

}  // namespace sourced
