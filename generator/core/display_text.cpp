#include "display_text.h"

#include <cstdio>
#include <cstdlib>

namespace sourced {

std::string human_date(const std::string& iso) {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    auto month_name = [&](const std::string& mm) -> const char* {
        int m = std::atoi(mm.c_str());
        return m >= 1 && m <= 12 ? months[m - 1] : nullptr;
    };
    if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-') {
        if (const char* m = month_name(iso.substr(5, 2)))
            return std::to_string(std::atoi(iso.substr(8, 2).c_str())) + " " + m + " " + iso.substr(0, 4);
    }
    if (iso.size() == 7 && iso[4] == '-') {
        if (const char* m = month_name(iso.substr(5, 2))) return std::string(m) + " " + iso.substr(0, 4);
    }
    return iso;
}

std::string plain_number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", value);
    return buf;
}

std::string grouped_number(double value) {
    std::string text = plain_number(value);
    if (text.find_first_of("e") != std::string::npos) return text;
    size_t start = text[0] == '-' ? 1 : 0;
    size_t point = text.find('.');
    size_t int_end = point == std::string::npos ? text.size() : point;
    for (size_t i = int_end; i > start + 3; i -= 3) text.insert(i - 3, ",");
    return text;
}

}  // namespace sourced
