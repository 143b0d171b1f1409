// How sourced talks to a terminal: colour, verbosity, and whether to draw
// progress.
//
// Owns the decisions (colour only on a terminal and when NO_COLOR is unset,
// unless --color says otherwise; progress only on an interactive terminal,
// never in CI) and the ANSI codes. The commands ask this header; nothing else
// writes escape codes.
#pragma once

#include <iosfwd>
#include <ostream>
#include <streambuf>
#include <string>

#include "diagnostics.h"

namespace sourced {

enum class Verbosity { quiet, normal, verbose };  // --quiet, default, --verbose

// What the environment says about one output stream (stderr, for sourced).
struct TerminalFacts {
    bool is_terminal = false;   // isatty()
    std::string no_color;       // $NO_COLOR ("" when unset)
    bool ci = false;            // $CI is set (GitHub Actions, GitLab CI, ...)
    std::string term;           // $TERM
};

// The facts for file descriptor `fd` in this process.
TerminalFacts terminal_facts(int fd);

// --color auto|always|never. "auto": a terminal and NO_COLOR unset or empty
// (https://no-color.org); "always" and "never" ignore the environment.
bool use_color(const std::string& color_mode, const TerminalFacts& facts);

// Progress is redrawn in place, so only on an interactive terminal: not with
// --quiet, not in CI, not on TERM=dumb.
bool use_progress(Verbosity verbosity, const TerminalFacts& facts);

// One diagnostic's first line ("path:line:col: error[CODE]: message") with the
// location bold and the severity red (error), yellow (warning) or cyan (note);
// unchanged when `color` is false.
std::string colorize_diagnostic(const std::string& line, bool color);

// With --quiet only what fails the command is printed: errors, and warnings
// when `strict` makes them fail it.
Diagnostics failing_diagnostics(const Diagnostics& diagnostics, bool strict);

// A stream that drops everything: stdout of a command run with --quiet.
class NullStream : public std::ostream {
public:
    NullStream() : std::ostream(&buffer_) {}

private:
    struct Discard : std::streambuf {
        int overflow(int c) override { return c; }
        std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
    } buffer_;
};

}  // namespace sourced
