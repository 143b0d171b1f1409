#include "text_position.h"

#include <algorithm>

namespace sourced {

TextPosition position_of_offset(const std::string& text, std::size_t offset) {
    TextPosition pos;
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

std::string line_text(const std::string& text, int line) {
    if (line < 1) return {};
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        start = text.find('\n', start);
        if (start == std::string::npos) return {};
        ++start;
    }
    std::size_t end = text.find('\n', start);
    std::string result = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!result.empty() && result.back() == '\r') result.pop_back();
    return result;
}

LineIndex::LineIndex(const std::string& text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) starts_.push_back(at + 1);
}

std::string LineIndex::line(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
    std::size_t start = starts_[static_cast<std::size_t>(line) - 1];
    if (start > text_.size()) return {};
    std::size_t end = text_.find('\n', start);
    std::string result = text_.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!result.empty() && result.back() == '\r') result.pop_back();
    return result;
}

std::size_t LineIndex::line_start(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return std::string::npos;
    return starts_[static_cast<std::size_t>(line) - 1];
}

TextPosition LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);  // starts_[0] == 0 <= offset
    std::size_t line = static_cast<std::size_t>(next - starts_.begin());
    return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
}

}  // namespace sourced
