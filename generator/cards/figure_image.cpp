#include "figure_image.h"

#include <algorithm>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "display_text.h"

namespace sourced {

using nlohmann::json;

namespace {

// librsvg's and libxml's messages end in a newline, which a diagnostic would show as \x0a.
std::string without_trailing_space(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ' || message.back() == '\r'))
        message.pop_back();
    return message;
}

size_t utf8_length(const std::string& s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

// The first `n` characters of `s`, not splitting a UTF-8 sequence.
std::string utf8_prefix(const std::string& s, size_t n) {
    size_t chars = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((s[i] & 0xc0) != 0x80) {
            if (chars == n) break;
            ++chars;
        }
    }
    return s.substr(0, i);
}

std::string upper_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

json lines_at(const std::vector<std::string>& lines, int first_y, int step) {
    json out = json::array();
    for (size_t i = 0; i < lines.size(); ++i) out.push_back({{"y", std::to_string(first_y + static_cast<int>(i) * step)}, {"text", lines[i]}});
    return out;
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::vector<std::string> wrap_text(const std::string& text, size_t width, size_t max_lines) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);

    std::vector<std::string> lines;
    std::string line;
    bool cut = false;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string w = utf8_length(words[i]) > width ? utf8_prefix(words[i], width - 1) + "…" : words[i];
        if (line.empty()) line = w;
        else if (utf8_length(line) + 1 + utf8_length(w) <= width) line += " " + w;
        else {
            lines.push_back(line);
            line = w;
            if (lines.size() == max_lines) {
                cut = true;
                break;
            }
        }
    }
    if (!cut && !line.empty()) lines.push_back(line);
    if (cut) {
        std::string& last = lines.back();
        if (utf8_length(last) + 1 > width) last = utf8_prefix(last, width - 1);
        last += "…";
    }
    return lines;
}

json card_image_view(const CardFacts& card, const Registry& registry, const std::string& site_title) {
    const Figure& f = *card.figure;
    // DejaVu Sans averages about 0.55 em a character; 1040 px of line.
    std::string flag = status_symbol(f.status) + " " + upper_ascii(status_name(f.status));
    size_t display_chars = std::max<size_t>(1, utf8_length(f.display));
    int value_size = std::min(120, static_cast<int>(1040 / (0.62 * static_cast<double>(display_chars))));
    std::vector<std::string> display = wrap_text(f.display, 40, 1);
    std::vector<std::string> claim = wrap_text(f.claim, 46, 3);
    std::string source_text;
    if (const Source* s = primary_source(f, registry)) source_text = "Source: “" + s->title + "”, " + source_byline(*s);
    std::vector<std::string> source = wrap_text(source_text, 66, claim.size() > 2 ? 1 : 2);
    int value_y = 140 + value_size;
    int claim_y = value_y + 70;
    int source_y = claim_y + static_cast<int>(claim.size()) * 50 + 20;
    return {{"width", std::to_string(kCardImageWidth)},
            {"height", std::to_string(kCardImageHeight)},
            {"label", f.display + ": " + f.claim + " (" + status_name(f.status) + ")"},
            {"colour", status_colour(f.status)},
            {"flag", flag},
            {"flag_width", std::to_string(40 + 23 * static_cast<int>(utf8_length(flag)))},
            {"as_of", human_date(f.as_of)},
            {"display", display.empty() ? "" : display.front()},
            {"value_size", std::to_string(value_size)},
            {"value_y", std::to_string(value_y)},
            {"claim_lines", lines_at(claim, claim_y, 50)},
            {"source_lines", lines_at(source, source_y, 38)},
            {"site_line", wrap_text(site_title, 46, 1).empty() ? "" : wrap_text(site_title, 46, 1).front()},
            {"revision", card.revision}};
}

std::optional<std::string> render_svg_to_png(const std::string& svg, std::string& error) {
    GError* gerror = nullptr;
    RsvgHandle* handle = rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &gerror);
    if (!handle) {
        error = gerror ? without_trailing_space(gerror->message) : "librsvg could not read the SVG";
        if (gerror) g_error_free(gerror);
        return std::nullopt;
    }
    gdouble width = 0, height = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) || width < 1 || height < 1) {
        width = kCardImageWidth;
        height = kCardImageHeight;
    }
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(width), static_cast<int>(height));
    cairo_t* cr = cairo_create(surface);
    RsvgRectangle viewport{0, 0, width, height};
    std::optional<std::string> png;
    if (rsvg_handle_render_document(handle, cr, &viewport, &gerror)) {
        std::string bytes;
        cairo_surface_flush(surface);
        if (cairo_surface_write_to_png_stream(surface, append_png, &bytes) == CAIRO_STATUS_SUCCESS) png = std::move(bytes);
        else error = "cairo could not encode the PNG";
    } else {
        error = gerror ? without_trailing_space(gerror->message) : "librsvg could not render the SVG";
        if (gerror) g_error_free(gerror);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return png;
}

}  // namespace sourced
