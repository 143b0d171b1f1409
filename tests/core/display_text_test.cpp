// Dates and numbers as a reader sees them (core/display_text.h).
#include <catch2/catch.hpp>

#include "display_text.h"

using namespace sourced;

TEST_CASE("human_date spells out ISO dates and months and leaves anything else alone", "[display_text]") {
    CHECK(human_date("2026-06-26") == "26 June 2026");
    CHECK(human_date("2024-12-05") == "5 December 2024");  // no leading zero on the day
    CHECK(human_date("2025-01-31") == "31 January 2025");
    CHECK(human_date("2026-06") == "June 2026");
    CHECK(human_date("2026-09") == "September 2026");
    CHECK(human_date("2026") == "2026");
    CHECK(human_date("") == "");
    // Not a month 1..12, or not ISO-shaped: unchanged.
    CHECK(human_date("2026-13-01") == "2026-13-01");
    CHECK(human_date("2026-00") == "2026-00");
    CHECK(human_date("26/06/2026") == "26/06/2026");
    CHECK(human_date("2026-06-26T10:00") == "2026-06-26T10:00");
    CHECK(human_date("soon") == "soon");
}

TEST_CASE("plain_number prints a registry value without float noise", "[display_text]") {
    CHECK(plain_number(2664000) == "2664000");
    CHECK(plain_number(0.435) == "0.435");
    CHECK(plain_number(0.1 + 0.2) == "0.3");  // 0.30000000000000004 to 12 significant digits
    CHECK(plain_number(0) == "0");
    CHECK(plain_number(-3.5) == "-3.5");
    CHECK(plain_number(75) == "75");
    CHECK(plain_number(1e15) == "1e+15");  // more than 12 digits: exponent form
}

TEST_CASE("grouped_number puts a comma between thousands of the integer part only", "[display_text]") {
    CHECK(grouped_number(2664000) == "2,664,000");
    CHECK(grouped_number(0.003625) == "0.003625");
    CHECK(grouped_number(999) == "999");
    CHECK(grouped_number(1000) == "1,000");
    CHECK(grouped_number(123456) == "123,456");
    CHECK(grouped_number(1234567.25) == "1,234,567.25");
    CHECK(grouped_number(-100) == "-100");        // the sign is not a digit
    CHECK(grouped_number(-1000) == "-1,000");
    CHECK(grouped_number(-1234567) == "-1,234,567");
    CHECK(grouped_number(1e15) == "1e+15");       // exponent form is left as it is
}
