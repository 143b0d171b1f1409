// Figure statuses: their names in the registry, symbols and flags (core/status.h).
#include <catch2/catch.hpp>

#include <set>

#include "status.h"

using namespace sourced;

TEST_CASE("the seven statuses have fixed names, symbols and order", "[status]") {
    CHECK(all_statuses() == std::vector<Status>{Status::verified, Status::reported, Status::self_reported, Status::projected,
                                                Status::unverified, Status::disputed, Status::false_});
    std::vector<std::string> names, symbols;
    for (Status s : all_statuses()) {
        names.push_back(status_name(s));
        symbols.push_back(status_symbol(s));
    }
    CHECK(names == std::vector<std::string>{"verified", "reported", "self-reported", "projected", "unverified", "disputed", "false"});
    CHECK(symbols == std::vector<std::string>{"✓", "◆", "◇", "▷", "?", "⚠", "✗"});
    std::set<std::string> summaries, whens;
    for (Status s : all_statuses()) {
        INFO(status_name(s));
        CHECK(parse_status(status_name(s)) == s);
        CHECK_FALSE(status_summary(s).empty());
        CHECK_FALSE(status_when_to_use(s).empty());
        summaries.insert(status_summary(s));
        whens.insert(status_when_to_use(s));
    }
    CHECK(summaries.size() == 7);
    CHECK(whens.size() == 7);
}

TEST_CASE("only the registry's spelling of a status is read", "[status]") {
    CHECK(parse_status("self-reported") == Status::self_reported);
    CHECK(parse_status("false") == Status::false_);
    CHECK_FALSE(parse_status("self_reported"));
    CHECK_FALSE(parse_status("Verified"));
    CHECK_FALSE(parse_status("verified "));
    CHECK_FALSE(parse_status(""));
}

TEST_CASE("every status but verified is flagged", "[status]") {
    for (Status s : all_statuses()) {
        INFO(status_name(s));
        CHECK(is_flagged(s) == (s != Status::verified));
    }
}
