#include <catch2/catch.hpp>

#include "figure_numbers.h"

using namespace sourced;

namespace {
std::vector<std::string> mentions(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& m : find_figure_mentions(text)) out.push_back(m.text);
    return out;
}
using List = std::vector<std::string>;
}  // namespace

TEST_CASE("figure-like numbers are found with their marks", "[numbers][SRC001]") {
    CHECK(mentions("Only about 60% of an H100.") == List{"60%"});
    CHECK(mentions("It ran 1,500+ iterations on the cluster.") == List{"1,500+ iterations"});
    CHECK(mentions("a cache hit costs $0.003625 per million") == List{"$0.003625"});
    CHECK(mentions("performance varies by 3-10x across configs") == List{"3-10x"});
    CHECK(mentions("approximately 80-90% parity") == List{"80-90%"});
    CHECK(mentions("it needs two to four times more compute") == List{"two to four times"});
    CHECK(mentions("a roughly four-fold reduction") == List{"four-fold"});
    CHECK(mentions("costs 2.66M GPU-hours in total") == List{"2.66M GPU-hours"});
    CHECK(mentions("1.6 trillion parameters, 49 billion active") == List{"1.6 trillion", "49 billion"});
    CHECK(mentions("a cluster of 2048 NVIDIA H800 GPUs") == List{"2048 NVIDIA H800 GPUs"});
    CHECK(mentions("more than 1,000 Huawei Ascend 910C chips") == List{"1,000 Huawei Ascend 910C chips"});
    CHECK(mentions("2 TB/s of interconnect and 112 GB of memory") == List{"2 TB/s", "112 GB"});
    CHECK(mentions("roughly 75 percent survive") == List{"75 percent"});
    CHECK(mentions("roughly 75 per cent survive") == List{"75 per cent"});
    CHECK(mentions("75 per unit, 80 Per Cent later") == List{"80 Per Cent"});
    CHECK(mentions("a 1M-token context") == List{"1M-token"});
    CHECK(mentions("costs US$1.74 or 5\xE2\x82\xAC") == List{"US$1.74"});
    CHECK(mentions("about 1 PFLOPS in FP8") == List{"1 PFLOPS"});
}

TEST_CASE("years, dates, names, ordinals and versions are not figures", "[numbers][SRC001]") {
    CHECK(mentions("In June 2026 the H100 and V4-Pro met the 910C and the Ascend 950DT.").empty());
    CHECK(mentions("By 2026, FP8 and MXFP4 on 26 June; the 3rd try; version 1.2.3 of GPT-4.").empty());
    CHECK(mentions("DeepSeek-V3 and HiBL 1.0 at 7nm, one of two labs, a three-year roadmap").empty());
    CHECK(mentions("0x1F and A100s") .empty());
}

TEST_CASE("written numbers understand rounding and unit scale", "[numbers][SRC002]") {
    CHECK(text_states_value("2.66M GPU-hours", 2664000));
    CHECK_FALSE(text_states_value("2.6M GPU-hours", 2664000));
    CHECK(text_states_value("$0.435", 0.435));
    CHECK_FALSE(text_states_value("$0.43", 0.435));
    CHECK(text_states_value("75%", 75));
    CHECK_FALSE(text_states_value("70%", 75));
    CHECK(text_states_value("1.6 trillion parameters", 1.6e12));
    CHECK(text_states_value("0.18%", 0.17934));
    CHECK(text_states_value("about 530 times", 532.8));
    CHECK_FALSE(text_states_value("530 times", 532.8));  // without a hedge, 530 is exact
    CHECK(text_states_value("3-10x", 10));
    CHECK(text_states_value("80-90%", 80));
    CHECK(text_states_value("two to four times more compute", 4));
    CHECK(text_states_value("four-fold", 4));
    CHECK(text_states_value("roughly two orders of magnitude", 100));
    CHECK(text_states_value("an order of magnitude smaller", 10));
    CHECK(text_states_value("1,500+ iterations", 1500));
    CHECK(text_states_value("$0.003625", 0.003625));
    CHECK_FALSE(text_states_value("$0.003625", 0.0036));
    CHECK(text_states_value("384K tokens", 384000));
    CHECK_FALSE(text_states_value("H100", 100));  // a name, not a number
    CHECK_FALSE(text_states_value("V4-Pro", 4));
    CHECK_FALSE(text_states_value("in 2026", 2025));
    CHECK(text_states_value("$0.435/M", 0.435));
}

TEST_CASE("a number after a product name is part of the name", "[numbers][SRC001]") {
    CHECK(mentions("dies for the earlier Ascend 910B, and more").empty());
    CHECK(mentions("trained on Ascend 950 chips").empty());
    CHECK(mentions("Only 5K GPU-hours went to post-training") == List{"5K GPU-hours"});
    CHECK(mentions("The 2,048 GPUs") == List{"2,048 GPUs"});
    CHECK(text_states_value("a three-year roadmap", 3));
}
