// Line and column positions in a text (core/text_position.h).
#include <catch2/catch.hpp>

#include "text_position.h"

using namespace sourced;

TEST_CASE("the line index gives the same positions as counting from the start", "[registry]") {
    const std::string text = "ab\r\ncd\n\nxyz\n";
    LineIndex lines(text);
    for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
        TextPosition a = position_of_offset(text, offset), b = lines.position(offset);
        INFO(offset);
        CHECK(a.line == b.line);
        CHECK(a.column == b.column);
    }
    CHECK(lines.line_start(4) == 8);
    CHECK(lines.line_start(6) == std::string::npos);
}
