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
    CHECK(text_states_value("$0.43", 0.435));  // an exact half rounds either way (decimal_number.h)
    CHECK_FALSE(text_states_value("$0.43", 0.4351));
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

TEST_CASE("a stated number matches when the value rounds to it, judged in decimal with both neighbours at a half", "[numbers][SRC002]") {
    CHECK(text_states_value("2.4%", 2.35));   // the double 2.35 is 2.35000000000000008882
    CHECK(text_states_value("2.3%", 2.35));
    CHECK(text_states_value("16.1", 16.15));  // the double 16.15 is 16.1499999999999986
    CHECK(text_states_value("16.2", 16.15));
    CHECK(text_states_value("1.00", 1.005));
    CHECK(text_states_value("1.01", 1.005));
    CHECK_FALSE(text_states_value("16.0", 16.15));
    CHECK_FALSE(text_states_value("16.3", 16.15));
    CHECK_FALSE(text_states_value("2.4%", 2.3499));
    CHECK(text_states_value("2.3%", 2.3499));
    CHECK_FALSE(text_states_value("16.1", 16.1501));
    CHECK(text_states_value("2.66M", 2665000));
    CHECK(text_states_value("2.67M", 2665000));
    CHECK_FALSE(text_states_value("2.66M", 2665001));
    CHECK(text_states_value("530 times", 530.5));
    CHECK_FALSE(text_states_value("530 times", 530.6));
    CHECK(text_states_value("0.3", 0.1 + 0.2));  // 0.30000000000000004 is what the registry wrote: within 0.05
    CHECK_FALSE(text_states_value("2.4%", -2.35));
}

TEST_CASE("SI-prefixed units, k and bn are magnitudes, in the base unit or as written", "[numbers][SRC001][SRC002]") {
    CHECK(text_states_value("353 Mt", 353000000));
    CHECK(text_states_value("353 Mt", 353, "Mt"));
    CHECK(text_states_value("353Mt of steel", 353e6, "t"));
    CHECK(text_states_value("353,000,000 t", 353, "Mt"));
    CHECK(text_states_value("0.353 Gt", 353, "Mt"));
    CHECK(text_states_value("353 MtCO2e", 353, "MtCO2e"));
    CHECK(text_states_value("353 Mt", 353, "Mt CO2"));
    CHECK_FALSE(text_states_value("354 Mt", 353e6));
    CHECK_FALSE(text_states_value("353 kt", 353e6, "t"));
    CHECK(text_states_value("1.2 GW", 1.2e9));
    CHECK(text_states_value("1,200 MW", 1.2, "GW"));
    CHECK(text_states_value("12 TWh", 12, "TWh"));
    CHECK(text_states_value("12 TWh", 12e12, "Wh"));
    CHECK(text_states_value("49 bn", 49e9));
    CHECK(text_states_value("$49bn", 49e9));
    CHECK(text_states_value("5 k users", 5000));
    CHECK(text_states_value("5k", 5000));
    CHECK(mentions("it emitted 353 Mt, then 1.2 GW and 12TWh, 353 MtCO2e and 40 Mtoe") ==
          List{"353 Mt", "1.2 GW", "12TWh", "353 MtCO2e", "40 Mtoe"});
    CHECK(mentions("a budget of 49 bn and 5 k") == List{"49 bn", "5 k"});
    CHECK(mentions("5 mW and 3 mt").empty());  // milliwatts are not megawatts
}

TEST_CASE("thousands grouped by spaces, and points and decimal commas where the language writes them", "[numbers][SRC001][SRC002]") {
    for (const std::string space : {" ", "\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\xAF"}) {
        std::string oecd = "1" + space + "014 Mt";
        INFO(oecd);
        CHECK(text_states_value(oecd, 1014, "Mt"));
        CHECK(text_states_value(oecd, 1014e6, "t"));
        CHECK(mentions("emissions of " + oecd + " in 2022") == List{oecd});
        CHECK(text_states_value("2" + space + "664" + space + "000 GPU-hours", 2664000));
    }
    CHECK_FALSE(text_states_value("In 2026 100 GPUs ran", 2026100));  // a four-digit group is not grouped
    CHECK(mentions("the 12 1,000-GPU clusters").size() == 1);
    CHECK(text_states_value("1,014 Mt", 1014, "Mt"));
    CHECK_FALSE(text_states_value("1.014 Mt", 1014, "Mt"));  // English: a decimal point
    const NumberStyle de = number_style_for("de");
    CHECK(text_states_value("1.014 Mt", 1014, "Mt", de));
    CHECK(text_states_value("1 014,5 Mt", 1014.5, "Mt", de));
    CHECK(text_states_value("1.014,5 Mt", 1014.5, "Mt", de));
    CHECK(text_states_value("2,4 %", 2.35, "%", de));
    CHECK(text_states_value("2,66M GPU-Stunden", 2664000, "GPU-hours", de));
    CHECK(text_states_value("2.66M", 2664000, "", de));    // a point before two digits: quoted from English
    CHECK(text_states_value("0.435 $", 0.435, "", de));    // no group after a leading zero
    CHECK_FALSE(text_states_value("1,014 Mt", 1014, "Mt", de));  // German: 1.014
    CHECK(mentions("Es waren 1.014,5 Mt und 2,4 % mehr") == List{"5 Mt", "4 %"});  // misread as English
    std::vector<std::string> german;
    for (const auto& m : find_figure_mentions("Es waren 1.014,5 Mt und 2,4 % mehr", de)) german.push_back(m.text);
    CHECK(german == List{"1.014,5 Mt", "2,4 %"});
}

TEST_CASE("a language's decimal mark comes from its BCP 47 tag", "[numbers]") {
    CHECK(number_style_for("de").decimal_comma);
    CHECK(number_style_for("fr-CA").decimal_comma);
    CHECK(number_style_for("pt_BR").decimal_comma);
    CHECK(number_style_for("DE-at").decimal_comma);
    CHECK_FALSE(number_style_for("de-CH").decimal_comma);
    CHECK_FALSE(number_style_for("es-MX").decimal_comma);
    CHECK_FALSE(number_style_for("en").decimal_comma);
    CHECK_FALSE(number_style_for("en-GB").decimal_comma);
    CHECK_FALSE(number_style_for("zh-Hant-TW").decimal_comma);
    CHECK_FALSE(number_style_for("").decimal_comma);
}
