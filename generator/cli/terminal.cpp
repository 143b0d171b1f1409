#include "terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <utility>

namespace sourced {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

TerminalFacts terminal_facts(int fd) {
    TerminalFacts facts;
    facts.is_terminal = ::isatty(fd) == 1;
    facts.no_color = env("NO_COLOR");
    facts.ci = std::getenv("CI") != nullptr;
    facts.term = env("TERM");
    return facts;
}

bool use_color(const std::string& color_mode, const TerminalFacts& facts) {
    if (color_mode == "always") return true;
    if (color_mode == "never") return false;
    return facts.is_terminal && facts.no_color.empty();
}

bool use_progress(Verbosity verbosity, const TerminalFacts& facts) {
    return verbosity != Verbosity::quiet && facts.is_terminal && !facts.ci && facts.term != "dumb";
}

std::string colorize_diagnostic(const std::string& line, bool color) {
    if (!color) return line;
    for (const auto& [word, code] : {std::pair<const char*, const char*>{": error", "\033[1;31m"},
                                     std::pair<const char*, const char*>{": warning", "\033[1;33m"},
                                     std::pair<const char*, const char*>{": note", "\033[1;36m"}}) {
        auto at = line.find(word);
        if (at == std::string::npos) continue;
        auto end = line.find(": ", at + 2);
        if (end == std::string::npos) end = line.size();
        return "\033[1m" + line.substr(0, at) + "\033[0m: " + code + line.substr(at + 2, end - at - 2) + "\033[0m" +
               line.substr(end);
    }
    return line;
}

Diagnostics failing_diagnostics(const Diagnostics& diagnostics, bool strict) {
    Diagnostics failing;
    for (const Diagnostic& d : diagnostics.all())
        if (d.severity == Severity::error || (strict && d.severity == Severity::warning)) failing.add(d);
    return failing;
}

}  // namespace sourced
