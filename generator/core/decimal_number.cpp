#include "decimal_number.h"

#include <algorithm>
#include <charconv>

namespace sourced {

namespace {

// Non-negative integers as digit strings without leading zeros ("0" for zero).
std::string without_leading_zeros(const std::string& digits) {
    std::size_t first = digits.find_first_not_of('0');
    return first == std::string::npos ? "0" : digits.substr(first);
}

int compare(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

std::string add(const std::string& a, const std::string& b) {
    std::string sum;
    int carry = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        int d = carry;
        if (i < a.size()) d += a[a.size() - 1 - i] - '0';
        if (i < b.size()) d += b[b.size() - 1 - i] - '0';
        sum += static_cast<char>('0' + d % 10);
        carry = d / 10;
    }
    std::reverse(sum.begin(), sum.end());
    return without_leading_zeros(sum);
}

// a - b for a >= b.
std::string subtract(const std::string& a, const std::string& b) {
    std::string difference;
    int borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        int d = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
        borrow = d < 0;
        difference += static_cast<char>('0' + (d + 10) % 10);
    }
    std::reverse(difference.begin(), difference.end());
    return without_leading_zeros(difference);
}

// `d`'s digits scaled to the power of ten `exponent` (at most d.exponent).
std::string at_exponent(const Decimal& d, int exponent) {
    return without_leading_zeros(d.digits + std::string(static_cast<std::size_t>(d.exponent - exponent), '0'));
}

// |a - b| as digits at `exponent`.
std::string distance(const Decimal& a, const Decimal& b, int exponent) {
    std::string x = at_exponent(a, exponent), y = at_exponent(b, exponent);
    bool opposite = a.negative != b.negative && !(x == "0" || y == "0");
    if (opposite) return add(x, y);
    return compare(x, y) >= 0 ? subtract(x, y) : subtract(y, x);
}

}  // namespace

Decimal shortest_decimal(double value) {
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    std::string text(buffer, result.ptr);  // "-2.35e+00"
    Decimal d;
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') {
        d.negative = true;
        ++i;
    }
    std::size_t e = text.find('e');
    std::string digits;
    int fraction_digits = 0;
    bool after_point = false;
    for (; i < e; ++i) {
        if (text[i] == '.') after_point = true;
        else {
            digits += text[i];
            fraction_digits += after_point;
        }
    }
    d.digits = without_leading_zeros(digits);
    d.exponent = std::stoi(text.substr(e + 1)) - fraction_digits;
    return d;
}

bool rounds_to(const Decimal& value, const Decimal& written, int step_exponent) {
    int exponent = std::min({value.exponent, written.exponent, step_exponent - 1});
    std::string half = "5" + std::string(static_cast<std::size_t>(step_exponent - 1 - exponent), '0');
    return compare(distance(value, written, exponent), half) <= 0;
}

bool same_number(const Decimal& a, const Decimal& b) {
    return distance(a, b, std::min(a.exponent, b.exponent)) == "0";
}

}  // namespace sourced
