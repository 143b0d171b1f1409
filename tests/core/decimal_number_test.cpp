#include <catch2/catch.hpp>

#include "decimal_number.h"

using namespace sourced;

TEST_CASE("decimal numbers are compared exactly, whatever their size", "[numbers][SRC002]") {
    CHECK(rounds_to(shortest_decimal(16.15), shortest_decimal(16.1), -1));
    CHECK(rounds_to(shortest_decimal(16.15), shortest_decimal(16.2), -1));
    CHECK_FALSE(rounds_to(shortest_decimal(16.15), shortest_decimal(16.2), -2));
    CHECK(rounds_to(shortest_decimal(1e300), Decimal{false, "1", 300}, 300));
    CHECK_FALSE(rounds_to(shortest_decimal(1e-300), Decimal{false, "1", 300}, 0));
    CHECK(rounds_to(shortest_decimal(-2.35), Decimal{true, "24", -1}, -1));
    CHECK_FALSE(rounds_to(shortest_decimal(-2.35), Decimal{false, "24", -1}, -1));
    CHECK(same_number(Decimal{false, "250", -2}, shortest_decimal(2.5)));
    CHECK(shortest_decimal(2664000).digits == "2664");
    CHECK(shortest_decimal(2664000).exponent == 3);
    CHECK(shortest_decimal(0.003625).digits == "3625");
    CHECK(shortest_decimal(0.003625).exponent == -6);
}
