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
//
// Magnitudes: K/k, M, B/bn, T/tn, thousand ... trillion, and the SI prefixes
// of a few units (kt, Mt, Gt of tonnes, also MtCO2e and Mtoe; kW, MW, GW, TW;
// kWh ... TWh): "353 Mt" is 353e6 t. Number styles: thousands grouped by
// commas, or by a space, no-break space (U+00A0) or thin space (U+2009,
// U+202F) as SI and the OECD write them ("1 014 Mt"); on a page whose
// language writes a decimal comma (de, fr, ...: number_style_for) by points
// and spaces, with a comma before the decimals ("1.014", "1 014,5").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "decimal_number.h"

namespace sourced {

// How a page writes numbers: which mark starts the decimals.
struct NumberStyle {
    bool decimal_comma = false;  // "1.014,5" and "1 014,5" (de, fr, ...), else "1,014.5"
};

// The style of a BCP 47 language tag ("de", "fr-CA", "en-US"), as CLDR has
// it for the languages that write a decimal comma; a point for the rest and
// for the regions that write one (de-CH, es-MX, ...). Empty: a point.
NumberStyle number_style_for(const std::string& language);

// A number as written, with what it means.
struct WrittenNumber {
    std::size_t begin = 0;  // byte offsets in the scanned text
    std::size_t end = 0;
    double number = 0;      // as written: 2.66 in "2.66M"
    double scale = 1;       // 1e6 in "2.66M"; 1 when none
    Decimal decimal;        // `number` in decimal, as written: {266, -2}
    int scale_exponent = 0; // 6 in "2.66M"
    int step_exponent = 0;  // the last digit the writer shows: -2 for 2.66, 1 for "about 530"
    bool exact = false;     // a number word or "orders of magnitude": no rounding
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
std::vector<WrittenNumber> written_numbers(const std::string& text, NumberStyle style = {});

// The figure mentions of `text`: marked numbers, with a range's first number
// ("3-10x", "two to four times") included in the span.
std::vector<FigureMention> find_figure_mentions(const std::string& text, NumberStyle style = {});

// True if any number written in `text` is what `value` rounds to at the
// precision written (decimal_number.h: an exact half rounds either way),
// scaled by its magnitude ("2.66M" for 2664000), or as written when the
// figure's unit carries the scale ("353 Mt" for 353 with unit "Mt"). When
// `unit` has an SI prefix ("Mt", "GW"), `value` in the base unit counts too
// ("353,000,000 t" or "0.353 Gt" for 353 Mt).
bool text_states_value(const std::string& text, double value, const std::string& unit = "", NumberStyle style = {});

// The numbers of `text` for a message: "2.6M (2,600,000), 75".
std::string describe_numbers(const std::string& text, NumberStyle style = {});

}  // namespace sourced
