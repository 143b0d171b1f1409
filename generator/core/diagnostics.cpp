#include "diagnostics.h"

#include <algorithm>
#include <tuple>

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

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) {
        out += ":" + std::to_string(d.line);
        if (d.column > 0) out += ":" + std::to_string(d.column);
    }
    out += d.severity == Severity::error ? ": error" : d.severity == Severity::warning ? ": warning" : ": note";
    if (!d.code.empty()) out += "[" + d.code + "]";
    out += ": " + d.message;
    return out;
}

std::string format_diagnostic_with_line(const Diagnostic& d, const std::string& line) {
    std::string out = format_diagnostic(d);
    if (d.line <= 0 || line.empty()) return out;
    out += "\n  " + line;
    if (d.column > 0) {
        std::string pad;
        // Keep tabs so the caret lines up under the same column.
        for (int i = 0; i + 1 < d.column && i < static_cast<int>(line.size()); ++i)
            pad += line[static_cast<size_t>(i)] == '\t' ? '\t' : ' ';
        out += "\n  " + pad + "^";
    }
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
