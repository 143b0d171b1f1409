#include "calendar_date.h"

namespace sourced {

namespace {

bool digits(const std::string& s, size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i)
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
}

int number(const std::string& s, size_t from, size_t count) { return std::stoi(s.substr(from, count)); }

// The days of `month` (1-12) of `year` in the Gregorian calendar (C++17 has
// no std::chrono::year_month_day).
int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

bool is_date_form(const std::string& s) {
    if (s.size() == 4) return digits(s, 0, 4);
    if (s.size() == 7) return digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2);
    if (s.size() == 10) return digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2);
    return false;
}

bool is_calendar_date(const std::string& s) {
    if (!is_date_form(s)) return false;
    int year = number(s, 0, 4);
    if (year == 0) return false;
    if (s.size() == 4) return true;
    int month = number(s, 5, 2);
    if (month < 1 || month > 12) return false;
    if (s.size() == 7) return true;
    int day = number(s, 8, 2);
    return day >= 1 && day <= days_in_month(year, month);
}

bool is_full_calendar_date(const std::string& s) { return s.size() == 10 && is_calendar_date(s); }

}  // namespace sourced
