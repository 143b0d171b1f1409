#include "image_cache.h"

#include <filesystem>

#include <cairo.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <zlib.h>

#include "atomic_file.h"
#include "figure_image.h"
#include "file_system.h"

namespace fs = std::filesystem;

namespace sourced {

namespace {

// Bump when the PNG rendering changes in a way the SVG bytes do not show.
constexpr const char* kImageFormatVersion = "sourced-card-png 1";

std::string renderer_id() {
    return std::string(kImageFormatVersion) + " librsvg " + LIBRSVG_VERSION + " cairo " + cairo_version_string();
}

uint32_t big_endian(const std::string& bytes, size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

std::optional<std::string> read_whole(const fs::path& path) { return DiskFileSystem().read(path.string()); }

// Readers see a whole entry or none (atomic_file.h).
bool store(const fs::path& path, const std::string& bytes) {
    std::string error;
    return write_file_atomically(path.string(), bytes, error);
}

}  // namespace

std::string default_image_cache_dir(const std::string& content_dir) {
    fs::path content = fs::path(content_dir).lexically_normal();
    if (content.filename().empty()) content = content.parent_path();
    fs::path project = content.parent_path();
    return (project / ".sourced-cache" / "images").string();
}

bool is_whole_png(const std::string& bytes) {
    static const char kSignature[] = "\x89PNG\r\n\x1a\n";
    if (bytes.size() < 8 || bytes.compare(0, 8, kSignature, 8) != 0) return false;
    size_t at = 8;
    while (at + 12 <= bytes.size()) {
        uint32_t length = big_endian(bytes, at);
        if (length > bytes.size() - at - 12) return false;
        const auto* type_and_data = reinterpret_cast<const Bytef*>(bytes.data() + at + 4);
        uLong crc = crc32(crc32(0L, Z_NULL, 0), type_and_data, length + 4);
        if (crc != big_endian(bytes, at + 8 + length)) return false;
        bool end = bytes.compare(at + 4, 4, "IEND") == 0;
        at += 12 + length;
        if (end) return at == bytes.size();
    }
    return false;
}

std::string ImageCache::entry_name(const std::string& svg) {
    GChecksum* checksum = g_checksum_new(G_CHECKSUM_SHA256);
    std::string renderer = renderer_id();
    g_checksum_update(checksum, reinterpret_cast<const guchar*>(renderer.data()), static_cast<gssize>(renderer.size()));
    g_checksum_update(checksum, reinterpret_cast<const guchar*>("\n"), 1);
    g_checksum_update(checksum, reinterpret_cast<const guchar*>(svg.data()), static_cast<gssize>(svg.size()));
    std::string name = std::string(g_checksum_get_string(checksum)) + ".png";
    g_checksum_free(checksum);
    return name;
}

std::optional<CardImage> ImageCache::png_for(const std::string& svg, std::string& error) {
    fs::path entry;
    if (!dir_.empty()) {
        entry = fs::path(dir_) / entry_name(svg);
        if (auto cached = read_whole(entry)) {
            if (is_whole_png(*cached)) {
                ++reused_;
                return CardImage{std::move(*cached), entry.string()};
            }
            ++discarded_;
            std::error_code ec;
            fs::remove(entry, ec);
        }
    }
    auto png = render_svg_to_png(svg, error);
    if (!png) return std::nullopt;
    ++rendered_;
    CardImage image{std::move(*png), ""};
    if (!dir_.empty()) {
        std::error_code ec;
        fs::create_directories(dir_, ec);
        if (!ec && store(entry, image.png)) image.cache_file = entry.string();
    }
    return image;
}

}  // namespace sourced
