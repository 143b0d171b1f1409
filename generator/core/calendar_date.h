// Dates as the content writes them: ISO 8601 calendar dates, YYYY, YYYY-MM
// or YYYY-MM-DD, that exist on the (proleptic Gregorian) calendar: no month
// 13, no 30 February, 29 February only in a leap year. The registry's
// as_of, changed, review_by and verified.on, a CSL date and a page's `date`
// are checked with it; how a date is shown is display_text.h's.
#pragma once

#include <string>

namespace sourced {

// "2024", "2024-02" or "2024-02-29": four digits, then optionally "-MM" and "-DD".
bool is_date_form(const std::string& text);

// is_date_form, and the month and day exist: "2024-02-29" yes, "2023-02-29",
// "2020-13" and "2024-04-31" no. Year 0000 is not a date.
bool is_calendar_date(const std::string& text);

// is_calendar_date with all three parts: YYYY-MM-DD.
bool is_full_calendar_date(const std::string& text);

}  // namespace sourced
