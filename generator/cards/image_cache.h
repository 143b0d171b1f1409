// The card image cache: PNGs kept on disk by the content they were made from.
//
// Owns <project>/.sourced-cache/images/ (the project is the content
// directory's parent; only this subdirectory of .sourced-cache). An entry is
// <key>.png, where <key> is the SHA-256 of the SVG bytes and of the renderer
// (sourced's image format version, librsvg's and cairo's versions), so a
// changed figure, template or renderer simply misses. Entries are written to
// a temporary name and renamed; an entry that is not a whole, CRC-correct PNG
// is discarded and rendered again. Nothing here decides what an image looks
// like: that is figure_image.h.
#pragma once

#include <atomic>
#include <optional>
#include <string>

namespace sourced {

// The default cache directory for a project whose content is `content_dir`.
std::string default_image_cache_dir(const std::string& content_dir);

// True if `bytes` is a complete PNG: the signature, then chunks whose CRCs
// match, ending with IEND at the last byte.
bool is_whole_png(const std::string& bytes);

// A card's PNG, and the cache entry holding the same bytes (empty when there
// is no cache or the entry could not be stored), which the writer may link.
struct CardImage {
    std::string png;
    std::string cache_file;
};

class ImageCache {
public:
    // `dir` empty: no cache, every image is rendered.
    explicit ImageCache(std::string dir) : dir_(std::move(dir)) {}

    // The PNG for `svg`: a valid cached entry, else rendered with librsvg and
    // stored (a failure to store only costs the next build a render).
    // Thread-safe. nullopt and `error` set if librsvg cannot render it.
    std::optional<CardImage> png_for(const std::string& svg, std::string& error);

    // The entry's file name for `svg` (the key and ".png").
    static std::string entry_name(const std::string& svg);

    int rendered() const { return rendered_; }
    int reused() const { return reused_; }
    int discarded() const { return discarded_; }  // corrupt entries replaced

private:
    std::string dir_;
    std::atomic<int> rendered_{0}, reused_{0}, discarded_{0};
};

}  // namespace sourced
