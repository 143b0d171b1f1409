// Diagnostics: the errors and warnings a build finds, as values.
//
// Every stage reports problems into one Diagnostics collector instead of
// throwing, so a build reports all of its errors, not just the first. This
// header owns the Diagnostic record and the compiler-style printer
// (`file:line:col: error: message`, then the source line and a caret). It does
// not decide what is an error: the stages do.
#pragma once

#include <string>
#include <vector>

namespace sourced {

enum class Severity { note, warning, error };  // notes never fail a build, even with --strict

struct Diagnostic {
    Severity severity = Severity::error;
    std::string path;   // as given on the command line, e.g. content/pages/a.md
    int line = 0;       // 1-based; 0 when the problem concerns the whole file
    int column = 0;     // 1-based; 0 when unknown
    std::string code;   // stable code such as "REG003"; may be empty
    std::string message;
};

class Diagnostics {
public:
    void error(std::string path, int line, int column, std::string code, std::string message);
    void warning(std::string path, int line, int column, std::string code, std::string message);
    void note(std::string path, int line, int column, std::string code, std::string message);
    void add(Diagnostic diagnostic);
    void append(const Diagnostics& other);

    const std::vector<Diagnostic>& all() const { return items_; }
    int error_count() const;
    int warning_count() const;
    int note_count() const;
    bool has_errors() const { return error_count() > 0; }

private:
    std::vector<Diagnostic> items_;
};

// "path:line:col: error[CODE]: message" (line and column left out when 0).
std::string format_diagnostic(const Diagnostic& d);

// The formatted diagnostic followed, when `line` (the text of the
// diagnostic's line) is not empty, by that line and a caret under the column.
std::string format_diagnostic_with_line(const Diagnostic& d, const std::string& line);

// Diagnostics sorted by path, line, column (stable for equal positions), so
// output does not depend on the order stages ran in.
std::vector<Diagnostic> sorted_diagnostics(const Diagnostics& diagnostics);

}  // namespace sourced
