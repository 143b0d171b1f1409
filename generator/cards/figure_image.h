// The social image of a figure card: an SVG from templates/card-svg.mustache
// and a PNG rendered from it with librsvg (no browser in the build).
//
// Owns the image's layout (1200 x 630, the Open Graph size): how the value,
// claim, status, source and revision are placed, wrapped to fit and cut with
// an ellipsis when too long. Text goes through the template engine, whose
// escaping (& < > " ') is also correct XML, so registry text cannot break the SVG.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "embed_snippets.h"
#include "registry.h"

namespace sourced {

constexpr int kCardImageWidth = 1200;
constexpr int kCardImageHeight = 630;

// The view card-svg.mustache renders.
nlohmann::json card_image_view(const CardFacts& card, const Registry& registry, const std::string& site_title);

// Greedy word wrap to at most `max_lines` lines of `width` characters (UTF-8
// aware); the last line ends in "…" if text was cut.
std::vector<std::string> wrap_text(const std::string& text, size_t width, size_t max_lines);

// Renders an SVG document to PNG bytes at its own size; nullopt and `error`
// set if librsvg cannot parse or render it.
std::optional<std::string> render_svg_to_png(const std::string& svg, std::string& error);

}  // namespace sourced
