// Decimal numbers as people write them, compared exactly.
//
// Owns the decimal view of a number (its digits and a power of ten) and the
// one question the checks ask of it: does a value round to a number written
// with a given precision? Compared in decimal, never in binary: the registry's
// 16.15 is the decimal 16.15 (the nearest double, 16.1499999999999986, would
// round to 16.1 only), read back from the double as the shortest decimal that
// parses to it, which is what the registry wrote.
//
// Rounding at an exact half: a value exactly halfway between two numbers of
// the written precision rounds to either (16.15 to "16.1" and "16.2", 2.35 to
// "2.3" and "2.4"), since writers' tools differ there: half-up by hand and in
// spreadsheets, half-even in R and decimal libraries, and the binary value's
// side in printf, Python's round() and JavaScript's toFixed().
#pragma once

#include <string>

namespace sourced {

struct Decimal {
    bool negative = false;
    std::string digits = "0";  // decimal digits, no sign or point: "1615"
    int exponent = 0;          // the value is digits x 10^exponent: -2 for 16.15
};

// The shortest decimal that reads back as `value` (std::to_chars):
// 2.35 -> {235, -2}, 2664000 -> {2664, 3}. `value` must be finite.
Decimal shortest_decimal(double value);

// True if `value` rounds to `written` at the precision of a unit of
// 10^`step_exponent` (the last digit the writer shows): |value - written| is
// at most half that unit, an exact half included (see above). 2.35 rounds to
// 2.4 at step -1; 2664000 to 2.66e6 at step 4.
bool rounds_to(const Decimal& value, const Decimal& written, int step_exponent);

// True if the two are the same number (2.50 and 2.5).
bool same_number(const Decimal& a, const Decimal& b);

}  // namespace sourced
