// Derived expressions (registry/derived_expression.h). The checks that use
// them (SRC008, SRC009): tests/checks/checks_test.cpp.
#include <catch2/catch.hpp>

#include <optional>

#include "derived_expression.h"

using namespace sourced;

TEST_CASE("derived expressions parse, compute and report errors at their offset", "[checks][SRC008]") {
    auto lookup = [](const std::string& id) -> std::optional<double> {
        if (id == "price-launch") return 1.74;
        if (id == "price-late") return 0.435;
        return std::nullopt;
    };
    DerivedResult ok = evaluate_derived("(1 - price-late / price-launch) * 100", lookup);
    REQUIRE(ok.ok);
    CHECK(ok.value == Approx(75));
    CHECK(ok.ids == std::vector<std::string>{"price-late", "price-launch"});
    CHECK(evaluate_derived("-2 * (3 + 4) / 7", lookup).value == Approx(-2));
    DerivedResult unknown = evaluate_derived("1 - price-lat", lookup);
    CHECK_FALSE(unknown.ok);
    CHECK(unknown.error == "unknown figure 'price-lat'");
    CHECK(unknown.error_offset == 4);
    CHECK(evaluate_derived("(1 + 2", lookup).error == "expected ')'");
    CHECK(evaluate_derived("1 / 0", lookup).error == "division by zero");
    CHECK(evaluate_derived("1 + import('os')", lookup).error == "unexpected character '''");
}
