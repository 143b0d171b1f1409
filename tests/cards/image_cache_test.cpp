// The card image cache: a rebuild takes every PNG from .sourced-cache/images
// instead of rendering it again, the site stays byte-identical, and an entry
// that is not a whole PNG is thrown away and rendered again.
#include <catch2/catch.hpp>

#include "figure_image.h"
#include "image_cache.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

BuildResult build_into(const test::TempDir& tmp) {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md",
              "---\ntitle: Home\n---\nCompute was [](fig:v3-pretrain-gpu-hours); yield [](fig:packaging-yield).\n");
    BuildOptions options;
    options.content_dir = "content";
    options.templates_dir = "templates";
    options.assets_dir = "assets";
    options.out_dir = (tmp.path() / "site").string();
    options.image_cache_dir = (tmp.path() / "cache").string();
    options.jobs = 2;
    return build_site(options, files);
}

std::vector<fs::path> cache_entries(const test::TempDir& tmp) {
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(tmp.path() / "cache")) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    return entries;
}

const char* const kPngs[] = {"cards/v3-pretrain-gpu-hours.png", "cards/packaging-yield.png"};

}  // namespace

TEST_CASE("a rebuild takes card PNGs from the image cache and writes the same bytes", "[image_cache]") {
    test::TempDir tmp;
    BuildResult first = build_into(tmp);
    REQUIRE(first.ok);
    CHECK(first.images.rendered == 2);
    CHECK(first.images.reused == 0);
    REQUIRE(cache_entries(tmp).size() == 2);
    std::string png0 = test::read_file(tmp.path() / "site" / kPngs[0]);
    std::string png1 = test::read_file(tmp.path() / "site" / kPngs[1]);
    CHECK(is_whole_png(png0));
    CHECK(png0 != png1);

    BuildResult second = build_into(tmp);
    REQUIRE(second.ok);
    CHECK(second.images.rendered == 0);
    CHECK(second.images.reused == 2);
    CHECK(test::read_file(tmp.path() / "site" / kPngs[0]) == png0);
    CHECK(test::read_file(tmp.path() / "site" / kPngs[1]) == png1);
}

TEST_CASE("a corrupt image cache entry is discarded and rendered again", "[image_cache]") {
    test::TempDir tmp;
    REQUIRE(build_into(tmp).ok);
    std::string png0 = test::read_file(tmp.path() / "site" / kPngs[0]);
    std::string png1 = test::read_file(tmp.path() / "site" / kPngs[1]);
    std::vector<fs::path> entries = cache_entries(tmp);
    REQUIRE(entries.size() == 2);
    std::string damaged = test::read_file(entries[0]);
    damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);  // one flipped byte
    test::write_file(entries[0], damaged);
    test::write_file(entries[1], test::read_file(entries[1]).substr(0, 100));  // cut short

    BuildResult rebuilt = build_into(tmp);
    REQUIRE(rebuilt.ok);
    CHECK(rebuilt.images.discarded == 2);
    CHECK(rebuilt.images.rendered == 2);
    CHECK(test::read_file(tmp.path() / "site" / kPngs[0]) == png0);
    CHECK(test::read_file(tmp.path() / "site" / kPngs[1]) == png1);
    CHECK(test::read_file(entries[0]) != damaged);  // replaced by a whole PNG
    CHECK(is_whole_png(test::read_file(entries[0])));
    CHECK(is_whole_png(test::read_file(entries[1])));
}

TEST_CASE("an image cache entry is named by the SVG's bytes", "[image_cache]") {
    std::string a = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    std::string b = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"11\"/>";
    CHECK(ImageCache::entry_name(a) == ImageCache::entry_name(a));
    CHECK(ImageCache::entry_name(a) != ImageCache::entry_name(b));
    CHECK(ImageCache::entry_name(a).size() == 64 + 4);  // SHA-256 in hex, ".png"
}

TEST_CASE("is_whole_png accepts a rendered PNG and nothing cut or altered", "[image_cache]") {
    std::string error;
    auto png = render_svg_to_png("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" "
                                 "height=\"10\" fill=\"red\"/></svg>",
                                 error);
    REQUIRE(png);
    CHECK(is_whole_png(*png));
    CHECK_FALSE(is_whole_png(png->substr(0, png->size() - 1)));
    CHECK_FALSE(is_whole_png(*png + "x"));
    std::string flipped = *png;
    flipped[40] = static_cast<char>(flipped[40] ^ 1);
    CHECK_FALSE(is_whole_png(flipped));
    CHECK_FALSE(is_whole_png(""));
}

TEST_CASE("the default image cache lives beside the content directory", "[image_cache]") {
    CHECK(default_image_cache_dir("project/content") == "project/.sourced-cache/images");
    CHECK(default_image_cache_dir("project/content/") == "project/.sourced-cache/images");
    CHECK(default_image_cache_dir("content") == ".sourced-cache/images");
}
