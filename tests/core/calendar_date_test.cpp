// Dates that exist on the calendar (core/calendar_date.h).
#include <catch2/catch.hpp>

#include "calendar_date.h"

using namespace sourced;

TEST_CASE("a date must exist on the calendar", "[core]") {
    for (const char* good : {"2026", "2026-06", "2026-06-26", "2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30"}) {
        INFO(good);
        CHECK(is_calendar_date(good));
    }
    for (const char* bad : {"2020-13-45", "2024-02-30", "2023-02-29", "1900-02-29", "2024-04-31", "2024-00", "2024-01-00",
                            "0000", "June 2026", "2026-6-5", "20260605", ""}) {
        INFO(bad);
        CHECK_FALSE(is_calendar_date(bad));
    }
    CHECK(is_date_form("2024-02-30"));
    CHECK_FALSE(is_date_form("2024/02/03"));
    CHECK(is_full_calendar_date("2024-02-29"));
    CHECK_FALSE(is_full_calendar_date("2024-02"));
}
