// Figure-like numbers in prose: what counts as a figure, and what a
// written number means.
//
// Owns the small hand scanner behind SRC001 (a bare figure in prose), SRC002
// (link text that disagrees with the registry) and SRC004 (a quote that does
// not contain its figure's number). A number is a *figure* when something
// marks it as a quantity: a currency sign, a percent, a magnitude (K/M/B/T,
// thousand ... trillion, "orders of magnitude"), a unit (GPU-hours, TB/s, GB,
// PFLOPS, tokens, chips, parameters, iterations, ...) or a ratio (3x, 120
// times, four-fold). Years, dates, ordinals, names with digits (H100, V4-Pro,
// 910C, FP8) and version numbers (1.2.3) carry no such mark, so they are not
// figures. Number words (two, four) count only with a percent, magnitude or
// ratio ("two to four times", "four-fold").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sourced {

// A number as written, with what it means.
struct WrittenNumber {
    std::size_t begin = 0;  // byte offsets in the scanned text
    std::size_t end = 0;
    double number = 0;      // as written: 2.66 in "2.66M"
    double scale = 1;       // 1e6 in "2.66M"; 1 when none
    double half_step = 0;   // half a unit in the last significant written digit: 0.005 for 2.66
    bool marked = false;    // carries a figure mark (%, $, unit, magnitude, ratio)
};

// A span of text that states a figure: "$0.435", "80-90%", "1,500+ iterations".
struct FigureMention {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
};

// Every number in `text` that is a quantity (names, ordinals and version
// numbers left out), marked or not, in order.
std::vector<WrittenNumber> written_numbers(const std::string& text);

// The figure mentions of `text`: marked numbers, with a range's first number
// ("3-10x", "two to four times") included in the span.
std::vector<FigureMention> find_figure_mentions(const std::string& text);

// True if any number written in `text` matches `value`.
bool text_states_value(const std::string& text, double value);

// The numbers of `text` for a message: "2.6M (2,600,000), 75".
std::string describe_numbers(const std::string& text);

}  // namespace sourced
