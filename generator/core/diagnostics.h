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

// `text` with every character a terminal would act on made visible, so that
// text from the input (a file name, a registry string, a line of a page) can
// neither move the cursor, recolour, retitle or clear the terminal, nor fake
// a line of output, nor reorder what is shown: C0 controls other than tab
// (newline included), DEL and every byte that is not valid UTF-8 become
// `\xHH` (ESC is `\x1b`); the C1 controls U+0080-U+009F and the bidi
// overrides and isolates U+202A-U+202E, U+2066-U+2069 become `\uHHHH`.
// Everything else, tabs and other UTF-8 included, is kept.
std::string visible_text(const std::string& text);

// "path:line:col: error[CODE]: message" (line and column left out when 0),
// path, code and message through visible_text: no caller can print a
// control character through a diagnostic.
std::string format_diagnostic(const Diagnostic& d);

// The formatted diagnostic followed, when `line` (the text of the
// diagnostic's line) is not empty, by that line (through visible_text) and a
// caret under the column.
std::string format_diagnostic_with_line(const Diagnostic& d, const std::string& line);

// Diagnostics sorted by path, line, column (stable for equal positions), so
// output does not depend on the order stages ran in.
std::vector<Diagnostic> sorted_diagnostics(const Diagnostics& diagnostics);

}  // namespace sourced
