// Where links between generated pages point (views/link_style.h): a site of
// many files, reached through a relative root, or one file of anchors.
#include <catch2/catch.hpp>

#include "link_style.h"

using namespace sourced;

TEST_CASE("on a site, links go through the page's root to the ledger, the sources page and pages", "[link_style]") {
    LinkStyle top;  // a page at the site's root
    CHECK(top.figure("v3-pretrain") == "figures/index.html#fig-v3-pretrain");
    CHECK(top.source("csis") == "sources/index.html#source-csis");
    CHECK(top.page("ascend") == "ascend.html");
    CHECK(top.page("ascend", "figref-x-2") == "ascend.html#figref-x-2");

    LinkStyle below("../");  // a page one directory down (cards/, figures/)
    CHECK_FALSE(below.single_file);
    CHECK(below.figure("a.b") == "../figures/index.html#fig-a.b");
    CHECK(below.source("doe:2024") == "../sources/index.html#source-doe:2024");
    CHECK(below.page("index") == "../index.html");
    CHECK(below.page("ascend", "sec") == "../ascend.html#sec");

    std::string root = "https://example.org/site/";
    LinkStyle absolute(root);
    CHECK(absolute.figure("f") == "https://example.org/site/figures/index.html#fig-f");
}

TEST_CASE("in one file, every link is an in-file anchor", "[link_style]") {
    LinkStyle one = LinkStyle::one_file();
    CHECK(one.single_file);
    CHECK(one.root.empty());
    CHECK(one.figure("v3-pretrain") == "#fig-v3-pretrain");
    CHECK(one.source("csis") == "#source-csis");
    CHECK(one.page("ascend") == "#page-ascend");
    CHECK(one.page("ascend", "ascend-figref-x") == "#ascend-figref-x");  // ids are already unique in the file
}
