// "did you mean": edit distance and the closest name (core/suggestion.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "suggestion.h"

using namespace sourced;

TEST_CASE("suggestions pick a close name and refuse distant ones", "[resolve]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(closest_name("packaging-yeild", {"packaging-yield", "v3"}) == "packaging-yield");
    CHECK(closest_name("qqqq", {"packaging-yield"}).empty());
}

TEST_CASE("the closest name skips no candidate that could win", "[resolve]") {
    // The search before candidates were skipped by length: every candidate's distance.
    auto every_candidate = [](const std::string& name, const std::vector<std::string>& candidates) {
        std::string best;
        size_t best_distance = std::string::npos;
        for (const auto& candidate : candidates) {
            size_t d = edit_distance(name, candidate);
            bool contains = std::min(name.size(), candidate.size()) >= 3 &&
                            (candidate.find(name) != std::string::npos || name.find(candidate) != std::string::npos);
            if (contains) d = std::min(d, candidate.size() > name.size() ? candidate.size() - name.size() : name.size() - candidate.size());
            if (d < best_distance || (d == best_distance && candidate < best)) {
                best = candidate;
                best_distance = d;
            }
        }
        size_t limit = std::max<size_t>(2, name.size() / 3);
        bool contained = std::min(name.size(), best.size()) >= 3 &&
                         (best.find(name) != std::string::npos || name.find(best) != std::string::npos);
        return best_distance <= limit || contained ? best : std::string();
    };
    const std::vector<std::string> candidates = {"abcdefgh", "abcx", "abce", "pack", "packaging-yield-2024", "yielx",
                                                 "zzzzzz", "packaging-yield", "v3-pretrain-gpu-hours", "v3", "a"};
    for (const std::string name : {"abcd", "packaging", "yield", "v3-pretrain", "v4", "zz", "qqqq", "packaging-yeild", "b"}) {
        INFO(name);
        std::string whole = every_candidate(name, candidates);
        if (!whole.empty()) CHECK(closest_name(name, candidates) == whole);  // else the id's segments are compared
    }
    CHECK(closest_name("v3-pretrain", candidates) == "v3-pretrain-gpu-hours");  // by its segments
    CHECK(closest_name("ghost", {"s", "a"}).empty());  // a one-letter id is in many names, and suggests nothing
    CHECK(closest_name("abcd", candidates) == "abce");  // a tie goes to the first in order
    CHECK(closest_name("packaging", candidates) == "pack");
}

TEST_CASE("a misspelt segment of a longer id finds the id", "[resolve]") {
    const std::vector<std::string> ids = {"ascend-910c-packaging-yield", "ascend-910c-packaging-loss", "ascend-910b-tsmc-dies",
                                          "v3-pretrain-gpu-hours"};
    CHECK(closest_name("ascend-910c-yeild", ids) == "ascend-910c-packaging-yield");
    CHECK(closest_name("ascend-910c-los", ids).empty());            // three letters: too short to guess
    CHECK(closest_name("ascend-910d-yield", ids).empty());          // a segment with a digit must match exactly
    CHECK(closest_name("pretrain-gpu-huors", ids) == "v3-pretrain-gpu-hours");
    CHECK(closest_name("yeild", ids).empty());                      // one word alone would match any id that has it
}

TEST_CASE("a swap of two letters is one edit", "[resolve]") {
    CHECK(edit_distance("yeild", "yield") == 1);
    CHECK(edit_distance("psot", "post") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(did_you_mean("viral-psot", {"viral-post", "vendor-post"}) == " (did you mean 'viral-post'?)");
    CHECK(did_you_mean("unverifed", {"verified", "reported", "unverified"}) == " (did you mean 'unverified'?)");
    CHECK(did_you_mean("titel", {"title", "summary", "date"}) == " (did you mean 'title'?)");
}
