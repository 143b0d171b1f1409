#include "figure_numbers.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "ascii.h"
#include "display_text.h"

namespace sourced {

namespace {

// ASCII, as std::isalpha and std::isdigit in the "C" locale sourced runs in,
// without a library call per character of every page's prose.
bool is_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

char at(const std::string& s, std::size_t i) { return i < s.size() ? s[i] : '\0'; }

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool starts_at(const std::string& s, std::size_t i, const std::string& prefix) { return s.compare(i, prefix.size(), prefix) == 0; }

const std::map<std::string, double>& number_words() {
    static const std::map<std::string, double> words = {
        {"one", 1},   {"two", 2},    {"three", 3},  {"four", 4},    {"five", 5},     {"six", 6},      {"seven", 7},
        {"eight", 8}, {"nine", 9},   {"ten", 10},   {"eleven", 11}, {"twelve", 12},  {"twenty", 20},  {"fifty", 50},
        {"hundred", 100}, {"an", 1}, {"a", 1}};
    return words;
}

// Every key of number_words() is at most this long and starts with one of these letters.
constexpr std::size_t kLongestNumberWord = 7;  // "hundred"
bool may_start_number_word(char lower_case) {
    switch (lower_case) {
        case 'a': case 'e': case 'f': case 'h': case 'n': case 'o': case 's': case 't': return true;
        default: return false;
    }
}

// number_words() grouped by length, so a word is compared with at most four
// keys of its own length instead of searched for in the map (the prose of
// every page is scanned word by word).
const std::map<std::string, double>::value_type* find_number_word(const std::string& lower_word) {
    static const auto by_length = [] {
        std::vector<std::vector<const std::map<std::string, double>::value_type*>> groups(kLongestNumberWord + 1);
        for (const auto& entry : number_words()) groups.at(entry.first.size()).push_back(&entry);
        return groups;
    }();
    if (lower_word.size() >= by_length.size()) return nullptr;
    for (const auto* entry : by_length[lower_word.size()])
        if (entry->first == lower_word) return entry;
    return nullptr;
}

// Magnitudes as powers of ten.
const std::map<std::string, int>& magnitude_suffixes() {  // attached: 2.66M, 5K, 49bn
    static const std::map<std::string, int> m = {{"K", 3}, {"k", 3}, {"M", 6}, {"B", 9},
                                                 {"bn", 9}, {"T", 12}, {"tn", 12}};
    return m;
}

const std::map<std::string, int>& magnitude_words() {  // after a space, lower case: 1.6 trillion, 49 bn
    static const std::map<std::string, int> m = {{"thousand", 3}, {"million", 6}, {"billion", 9}, {"trillion", 12},
                                                 {"k", 3}, {"mn", 6}, {"bn", 9}, {"tn", 12}};
    return m;
}

const std::set<std::string>& attached_units() {  // 2TB/s, 112GB, 1PFLOPS
    static const std::set<std::string> u = {"GB", "TB", "MB", "PB", "PFLOPS", "TFLOPS", "EFLOPS"};
    return u;
}

// Units with an SI prefix that is a magnitude of the unit after it: "353 Mt"
// is 353e6 tonnes. Case matters (mW is not MW). Longest first.
struct PrefixedUnit {
    std::string text;
    int exponent;
};

const std::vector<PrefixedUnit>& prefixed_units() {
    static const std::vector<PrefixedUnit> units = [] {
        std::vector<PrefixedUnit> all;
        for (const char* base : {"tCO2e", "tCO2", "toe", "Wh", "t", "W"})
            for (auto [prefix, exponent] : {std::pair{"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}})
                all.push_back({std::string(prefix) + base, exponent});
        return all;
    }();
    return units;
}

// The prefixed unit at text[i], ending at a word boundary, or nullptr.
const PrefixedUnit* prefixed_unit_at(const std::string& text, std::size_t i) {
    for (const PrefixedUnit& u : prefixed_units())
        if (starts_at(text, i, u.text) && !is_alnum(at(text, i + u.text.size()))) return &u;
    return nullptr;
}

void set_scale(WrittenNumber& n, int exponent) {
    n.scale_exponent = exponent;
    n.scale = std::pow(10.0, exponent);
}

// Unit words after a number, longest first where one is a prefix of another.
const std::vector<std::string>& unit_words() {
    static const std::vector<std::string> u = {
        "gpu-hours", "gpu hours", "gpus", "gpu", "tb/s", "gb/s", "tb", "gb", "mb", "pb", "pflops", "tflops", "eflops",
        "flops", "tokens", "token", "chips", "chip", "dies", "die", "parameters", "params", "iterations", "steps",
        "hours", "days", "accelerators", "servers", "nodes", "dollars", "usd", "yuan", "rmb", "cards"};
    return u;
}

const std::set<std::string>& hedges() {
    static const std::set<std::string> h = {"about", "roughly", "around", "approximately", "nearly", "almost", "some", "~"};
    return h;
}

// Length of a unit word at i (case-insensitive, ending at a word boundary), or 0.
std::size_t unit_at(const std::string& text, std::size_t i) {
    std::string rest = lower(text.substr(i, 16));
    for (const std::string& u : unit_words())
        if (rest.compare(0, u.size(), u) == 0 && !is_alnum(at(text, i + u.size()))) return u.size();
    return 0;
}

// The word starting at i (letters only).
std::string word_at(const std::string& text, std::size_t i) {
    std::size_t j = i;
    while (j < text.size() && is_ascii_alpha(text[j])) ++j;
    return text.substr(i, j - i);
}

// Sets the mark, scale and end of `n` from what follows it.
void read_mark(const std::string& text, WrittenNumber& n, bool from_digits) {
    std::size_t e = n.end;
    if (at(text, e) == '+') ++e;
    if (at(text, e) == '%') { n.marked = true; n.end = e + 1; return; }
    if (starts_at(text, e, "\xC3\x97")) { n.marked = true; n.end = e + 2; return; }  // ×
    std::size_t s = e;
    if (at(text, s) == ' ' || at(text, s) == '-') ++s;
    else if (starts_at(text, s, "\xC2\xA0")) s += 2;                                                 // no-break space
    else if (starts_at(text, s, "\xE2\x80\xAF") || starts_at(text, s, "\xE2\x80\x89")) s += 3;  // narrow, thin
    if (s != e && at(text, s) == '%') { n.marked = true; n.end = s + 1; return; }  // "2,4 %", as French writes it
    std::string word = lower(word_at(text, s));
    if (word == "percent" || word == "per" ) {
        if (word == "percent" || lower(text.substr(s, 8)) == "per cent") {
            n.marked = true;
            n.end = s + (word == "percent" ? 7 : 8);
        }
        return;
    }
    if (from_digits) {
        if (const PrefixedUnit* u = prefixed_unit_at(text, s)) {  // 353 Mt, 1.2 GW
            set_scale(n, u->exponent);
            n.marked = true;
            n.end = s + u->text.size();
            return;
        }
    }
    if (auto m = magnitude_words().find(word); m != magnitude_words().end()) {
        set_scale(n, m->second);
        n.marked = true;
        n.end = s + word.size();
        return;
    }
    if (word == "times" || word == "fold") { n.marked = true; n.end = s + word.size(); return; }
    if (word == "orders" || word == "order") {
        if (starts_at(text, s, word + " of magnitude")) {
            n.number = std::pow(10.0, n.number);
            if (std::isfinite(n.number)) n.decimal = shortest_decimal(n.number);
            n.exact = true;
            n.marked = true;
            n.end = s + word.size() + 13;
        }
        return;
    }
    if (!from_digits) return;
    // A unit, possibly after up to three name words: "2048 NVIDIA H800 GPUs".
    std::size_t p = s;
    for (int names = 0; names <= 3; ++names) {
        if (std::size_t len = unit_at(text, p)) { n.marked = true; n.end = p + len; return; }
        char c = at(text, p);
        bool name = std::isupper(static_cast<unsigned char>(c)) || is_ascii_digit(c);
        std::size_t q = p;
        while (q < text.size() && (is_alnum(text[q]) || text[q] == '-')) ++q;
        if (!name || q == p || at(text, q) != ' ') return;
        p = q + 1;
    }
}

// True if the number at i follows a capitalised word that does not start a
// sentence: "Ascend 950", "Ascend 910B" are names, "Only 5K" is not.
bool after_product_name(const std::string& text, std::size_t i) {
    if (i < 2 || text[i - 1] != ' ') return false;
    std::size_t end = i - 1, start = end;
    while (start > 0 && (is_alnum(text[start - 1]) || text[start - 1] == '-')) --start;
    if (start == end || !std::isupper(static_cast<unsigned char>(text[start]))) return false;
    std::size_t before = start;
    while (before > 0 && text[before - 1] == ' ') --before;
    if (before == 0) return false;
    char c = text[before - 1];
    return c != '.' && c != '!' && c != '?' && c != ':' && c != '"' && c != '(' && c != '\n';
}

bool currency_before(const std::string& text, std::size_t& begin) {
    for (const char* sign : {"US$", "$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "USD ", "RMB ", "EUR "}) {
        std::string s = sign;
        if (begin >= s.size() && text.compare(begin - s.size(), s.size(), s) == 0) {
            begin -= s.size();
            if (s == "$" && begin >= 2 && text.compare(begin - 2, 2, "US") == 0) begin -= 2;
            return true;
        }
    }
    return false;
}

bool hedged(const std::string& text, std::size_t begin) {
    if (begin > 0 && text[begin - 1] == '~') return true;
    std::size_t end = begin;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t start = end;
    while (start > 0 && is_ascii_alpha(text[start - 1])) --start;
    return hedges().count(lower(text.substr(start, end - start))) > 0;
}

// The separator of a range between a and b ("-", "–", " to "), or false.
bool range_between(const std::string& text, const WrittenNumber& a, const WrittenNumber& b) {
    if (b.begin < a.end) return false;
    std::string sep = text.substr(a.end, b.begin - a.end);
    if (!sep.empty() && sep.back() == '$') sep.pop_back();
    return sep == "-" || sep == "\xE2\x80\x93" || sep == " to " || sep == " - " || sep == " \xE2\x80\x93 " || sep == "+ to ";
}

}  // namespace

namespace {

// The length of a thousands separator at text[j] that is followed by a group
// of exactly three digits, or 0. `leading` is the first group's digits: a
// space may only follow a group of one to three ("2026 100" is two numbers),
// and no group follows a leading zero ("0.435" is not 435). Once a number
// has used a separator, it uses only that one.
std::size_t group_separator_at(const std::string& text, std::size_t j, NumberStyle style, const std::string& leading,
                               std::string& used) {
    static const char* const spaces[] = {" ", "\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\xAF"};  // NBSP, thin, narrow NBSP
    if (leading.empty() || leading[0] == '0') return 0;
    std::string separator;
    if (at(text, j) == (style.decimal_comma ? '.' : ',')) separator = text.substr(j, 1);
    for (const char* space : spaces)
        if (separator.empty() && starts_at(text, j, space) && leading.size() <= 3) separator = space;
    if (separator.empty() || (!used.empty() && separator != used)) return 0;
    std::size_t g = j + separator.size();
    if (!(is_ascii_digit(at(text, g)) && is_ascii_digit(at(text, g + 1)) && is_ascii_digit(at(text, g + 2)) && !is_ascii_digit(at(text, g + 3))))
        return 0;
    used = separator;
    return separator.size();
}

// A number written in digits from text[i]: appended to `out` unless it is
// part of a name (910C, GPT-4, 1.2.3). Returns where the scan goes on.
std::size_t read_digits(const std::string& text, std::size_t i, NumberStyle style, std::vector<WrittenNumber>& out) {
    char prev = i > 0 ? text[i - 1] : ' ';
    bool name = is_ascii_alpha(prev) || prev == '_' || (prev == '-' && i >= 2 && is_ascii_alpha(text[i - 2])) ||
                after_product_name(text, i);
    std::size_t j = i;
    std::string digits;
    while (is_ascii_digit(at(text, j))) digits += text[j++];
    const std::string leading = digits;
    std::string separator;
    while (std::size_t length = group_separator_at(text, j, style, leading, separator)) {
        digits += text.substr(j + length, 3);
        j += length + 3;
    }
    int decimals = -1;
    // The decimal mark; on a decimal-comma page a point not before a group of
    // three reads as one too, as in numbers quoted from English ("2.66M").
    char mark = at(text, j);
    bool decimal_mark = mark == '.' || (style.decimal_comma && mark == ',');
    if (decimal_mark && is_ascii_digit(at(text, j + 1)) && separator != std::string(1, mark)) {
        std::string fraction;
        ++j;
        while (is_ascii_digit(at(text, j))) fraction += text[j++];
        decimals = static_cast<int>(fraction.size());
        digits += fraction;
        if (at(text, j) == '.' && is_ascii_digit(at(text, j + 1))) name = true;  // a version: 1.2.3
    }
    std::size_t k = j;
    while (is_ascii_alpha(at(text, k))) ++k;
    std::string suffix = text.substr(j, k - j);
    const PrefixedUnit* unit = prefixed_unit_at(text, j);
    if (!unit && !suffix.empty() && (is_ascii_digit(at(text, k)) || (at(text, k) == '.' && is_ascii_digit(at(text, k + 1)))))
        name = true;
    WrittenNumber n;
    n.begin = i;
    n.end = j;
    std::string point = decimals >= 0 ? digits.substr(0, digits.size() - decimals) + "." + digits.substr(digits.size() - decimals) : digits;
    n.number = std::strtod(point.c_str(), nullptr);
    n.decimal.digits = digits;
    n.decimal.exponent = decimals >= 0 ? -decimals : 0;
    if (decimals >= 0) n.step_exponent = -decimals;
    else {
        int zeros = 0;
        for (std::size_t z = digits.size(); z > 1 && digits[z - 1] == '0'; --z) ++zeros;
        n.step_exponent = hedged(text, i) ? zeros : 0;
    }
    if (unit && !name) {  // 353Mt, 12TWh
        set_scale(n, unit->exponent);
        n.marked = true;
        n.end = j + unit->text.size();
    } else if (!suffix.empty() && !name) {
        if (auto m = magnitude_suffixes().find(suffix); m != magnitude_suffixes().end()) {
            set_scale(n, m->second);
            n.marked = true;
            n.end = k;
        } else if (suffix == "x" || suffix == "X" || attached_units().count(suffix)) {
            n.marked = true;
            n.end = k;
            if (starts_at(text, k, "/s")) n.end += 2;
        } else {
            name = true;  // 910C, 950DT, 1st, 7nm
        }
    }
    if (name) {
        while (i < text.size() && (is_alnum(text[i]) || (text[i] == '.' && is_ascii_digit(at(text, i + 1))))) ++i;
        return i;
    }
    if (!n.marked) read_mark(text, n, true);
    else if (n.scale_exponent != 0) {  // "1M-token", "5K GPU hours": the unit may follow the magnitude
        WrittenNumber probe = n;
        read_mark(text, probe, true);
        if (probe.end > n.end && probe.scale_exponent == n.scale_exponent && probe.number == n.number) n.end = probe.end;
    }
    if (currency_before(text, n.begin)) n.marked = true;
    out.push_back(n);
    return n.end > j ? n.end : j;
}

// The word starting at text[i] (not inside a word): appended to `out` if it
// is a number word ("two", "a million"). Returns where the scan goes on.
std::size_t read_number_word(const std::string& text, std::size_t i, std::vector<WrittenNumber>& out) {
    const char c = text[i];
    std::size_t word_end = i;
    while (word_end < text.size() && is_ascii_alpha(text[word_end])) ++word_end;
    const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word_end - i > kLongestNumberWord || !may_start_number_word(first)) return word_end;  // most words: no lookup
    std::string word = text.substr(i, word_end - i);
    if (const auto* w = find_number_word(lower(word))) {
        WrittenNumber n;
        n.begin = i;
        n.end = i + word.size();
        n.number = w->second;
        n.decimal = shortest_decimal(n.number);
        n.exact = true;
        read_mark(text, n, false);
        bool article = w->first == "a" || w->first == "an";
        if (!article || n.marked) out.push_back(n);  // "a million", not "a"
        return n.end;
    }
    return i + word.size();
}

}  // namespace

std::vector<WrittenNumber> written_numbers(const std::string& text, NumberStyle style) {
    std::vector<WrittenNumber> out;
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        char prev = i > 0 ? text[i - 1] : ' ';
        if (is_ascii_digit(c)) i = read_digits(text, i, style, out);
        else if (is_ascii_alpha(c) && !is_ascii_alpha(prev)) i = read_number_word(text, i, out);
        else ++i;
    }
    // A range shares its mark and scale: "80-90%", "two to four times", "1.6-2 trillion".
    for (std::size_t r = out.size(); r-- > 1;) {
        WrittenNumber& a = out[r - 1];
        const WrittenNumber& b = out[r];
        if (b.marked && range_between(text, a, b)) {
            a.marked = true;
            if (a.scale_exponent == 0) set_scale(a, b.scale_exponent);
        }
    }
    return out;
}

std::vector<FigureMention> find_figure_mentions(const std::string& text, NumberStyle style) {
    std::vector<WrittenNumber> numbers = written_numbers(text, style);
    std::vector<FigureMention> out;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        // Words alone ("one of them", "a three-year plan") are not figures.
        if (!numbers[i].marked) continue;
        std::size_t begin = numbers[i].begin, end = numbers[i].end;
        while (i + 1 < numbers.size() && numbers[i + 1].marked && range_between(text, numbers[i], numbers[i + 1]))
            end = numbers[++i].end;
        out.push_back({begin, end, text.substr(begin, end - begin)});
    }
    return out;
}

namespace {

// True if `n`, scaled by 10^scale_exponent, is what `target` rounds to at
// the precision written (exactly equal for words).
bool matches_at(const WrittenNumber& n, const Decimal& target, int scale_exponent) {
    Decimal written = n.decimal;
    written.exponent += scale_exponent;
    if (n.exact) return same_number(target, written);
    return rounds_to(target, written, n.step_exponent + scale_exponent);
}

// True if `n`, read with its display rounding and unit scale, states `value`
// (2.66M ~ 2,664,000; 530 ~ 530.4; 0.18 ~ 0.17934; 2.4 ~ 2.35).
// `base` is the value in the unit without its SI prefix, if it has one.
bool number_matches(const WrittenNumber& n, const Decimal& value, const Decimal* base) {
    if (!std::isfinite(n.number * n.scale)) return false;  // "400 orders of magnitude"
    if (matches_at(n, value, n.scale_exponent)) return true;
    // The unit may carry the scale ("USD per million tokens", "Mt"): compare as written.
    if (n.scale_exponent != 0 && matches_at(n, value, 0)) return true;
    return base && matches_at(n, *base, n.scale_exponent);
}

// The power of ten of the SI prefix that starts `unit` ("Mt", "Mt CO2",
// "GWh"), or 0.
int unit_prefix_exponent(const std::string& unit) {
    const PrefixedUnit* u = prefixed_unit_at(unit, 0);
    return u && (unit.size() == u->text.size() || unit[u->text.size()] == ' ') ? u->exponent : 0;
}

}  // namespace

NumberStyle number_style_for(const std::string& language) {
    // CLDR's decimal separator: a comma in these languages' default locales ...
    static const std::set<std::string> comma = {
        "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fo", "fr", "gl",
        "hr", "hu", "hy", "id", "is", "it", "ka", "kk", "ky", "lt", "lv", "mk", "mn", "nb", "nl", "nn", "no",
        "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "uz", "vi"};
    // ... and a point in these regions of them.
    static const std::set<std::string> point = {"de-ch", "de-li", "it-ch", "es-mx", "es-us", "es-419", "es-pr",
                                                "es-do", "es-gt", "es-hn", "es-ni", "es-pa", "es-sv", "es-cu"};
    std::string tag = lower(language);
    for (char& c : tag)
        if (c == '_') c = '-';
    std::string primary = tag.substr(0, tag.find('-'));
    std::size_t region_end = tag.find('-', primary.size() + 1);
    std::string with_region = tag.substr(0, region_end);
    return {comma.count(primary) > 0 && point.count(with_region) == 0};
}

bool text_states_value(const std::string& text, double value, const std::string& unit, NumberStyle style) {
    if (!std::isfinite(value)) return false;
    Decimal decimal = shortest_decimal(value);
    Decimal base = decimal;
    int prefix = unit_prefix_exponent(unit);
    base.exponent += prefix;
    for (const WrittenNumber& n : written_numbers(text, style))
        if (number_matches(n, decimal, prefix ? &base : nullptr)) return true;
    return false;
}

std::string describe_numbers(const std::string& text, NumberStyle style) {
    std::string out;
    for (const WrittenNumber& n : written_numbers(text, style)) {
        if (!out.empty()) out += ", ";
        out += grouped_number(n.number * n.scale);
    }
    return out;
}

}  // namespace sourced
