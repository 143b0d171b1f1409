#include "front_matter.h"

#include <regex>
#include <set>

#include <yaml-cpp/yaml.h>

#include "calendar_date.h"
#include "input_limits.h"
#include "suggestion.h"

namespace sourced {

namespace {

bool is_fence(const std::string& text, size_t pos) {
    if (text.compare(pos, 3, "---") != 0) return false;
    size_t end = pos + 3;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    return end == text.size() || text[end] == '\n' || (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
}

size_t next_line(const std::string& text, size_t pos) {
    size_t nl = text.find('\n', pos);
    return nl == std::string::npos ? text.size() : nl + 1;
}

bool is_slug(const std::string& s) {
    static const std::regex slug(R"([a-z0-9][a-z0-9-]*)");
    return std::regex_match(s, slug);
}

// yaml-cpp's "illegal map value" on a line such as `title: Ascend: the yield`
// is a second ': ' in a plain value: the hint says to quote the value.
std::string colon_hint(const std::string& yaml, const YAML::Mark& mark) {
    if (mark.line < 0) return "";
    size_t start = 0;
    for (int line = 0; line < mark.line && start != std::string::npos; ++line) {
        start = yaml.find('\n', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return "";
    std::string line = yaml.substr(start, yaml.find('\n', start) - start);
    size_t first = line.find(": ");
    if (first == std::string::npos || line.find(": ", first + 2) == std::string::npos) return "";
    size_t value = line.find_first_not_of(' ', first + 2);
    if (value == std::string::npos || line[value] == '"' || line[value] == '\'') return "";
    std::string key = line.substr(0, first);
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    std::string rest = line.substr(value);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.pop_back();
    std::string quoted;
    for (char c : rest) quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    return " (a value with ': ' in it must be quoted: " + key + ": \"" + quoted + "\")";
}

}  // namespace

SplitPage split_front_matter(const std::string& text) {
    SplitPage page;
    size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // UTF-8 BOM
    if (!is_fence(text, start)) {
        page.body = text.substr(start);
        return page;
    }
    size_t yaml_start = next_line(text, start);
    int line = 2;
    for (size_t pos = yaml_start; pos < text.size(); pos = next_line(text, pos), ++line) {
        if (is_fence(text, pos)) {
            page.has_front_matter = true;
            page.yaml = text.substr(yaml_start, pos - yaml_start);
            page.yaml_line = 2;
            page.body = text.substr(next_line(text, pos));
            page.body_line = line + 1;
            return page;
        }
    }
    // No closing fence: treat everything as body; the parser reports the title missing.
    page.body = text.substr(start);
    return page;
}

FrontMatter parse_front_matter(const std::string& path, const SplitPage& page, Diagnostics& out) {
    FrontMatter fm;
    if (!page.has_front_matter) {
        out.error(path, 1, 1, "FM001", "page has no front matter: start it with a '---' line, 'title: ...', and '---'");
        return fm;
    }
    auto report = [&](const YAML::Mark& mark, const std::string& message, const char* code = "FM002") {
        int line = mark.line >= 0 ? mark.line + page.yaml_line : page.yaml_line;
        int column = mark.column >= 0 ? mark.column + 1 : 1;
        out.error(path, line, column, code, message);
    };
    YAML::Node root;
    try {
        root = YAML::Load(page.yaml);
    } catch (const YAML::Exception& e) {
        report(e.mark, "malformed YAML front matter: " + e.msg + colon_hint(page.yaml, e.mark));
        return fm;
    }
    if (root.IsNull()) {
        out.error(path, 1, 1, "FM003", "front matter is missing required key 'title'");
        return fm;
    }
    if (!root.IsMap()) {
        report(root.Mark(), "front matter must be a map of 'key: value' lines");
        return fm;
    }
    static const std::set<std::string> known = {"title", "summary", "date", "weight", "slug", "draft"};
    bool has_title = false;
    std::set<std::string> seen;  // yaml-cpp keeps every pair of a duplicated key; the last would win
    for (const auto& item : root) {
        const YAML::Node& key = item.first;
        const YAML::Node& value = item.second;
        std::string name = key.Scalar();
        if (!seen.insert(name).second) {
            report(key.Mark(), "duplicate front matter key '" + name + "'", "FM004");
            continue;
        }
        // Keys Pandoc reads for citations: accepted so a page written for Pandoc builds unchanged; the
        // registry, not the page, says where sources are.
        static const std::set<std::string> pandoc = {"bibliography", "csl", "link-citations", "link-bibliography",
                                                     "reference-section-title", "nocite", "suppress-bibliography",
                                                     "citation-abbreviations", "lang", "author"};
        if (name == "lang" && value.IsScalar()) fm.lang = value.Scalar();  // read for its number style
        if (pandoc.count(name)) continue;
        if (!known.count(name)) {
            std::string suggestion = did_you_mean(name, {known.begin(), known.end()});
            report(key.Mark(), "unknown front matter key '" + name + "'" +
                                   (suggestion.empty() ? " (known: title, summary, date, weight, slug, draft)" : suggestion));
            continue;
        }
        if (!value.IsScalar()) {
            report(value.IsNull() ? key.Mark() : value.Mark(), "front matter key '" + name + "' needs a single value");
            continue;
        }
        std::string text = value.Scalar();
        if (auto code = control_character(text)) {  // "\e[31m" or "\0" in a quoted YAML string
            report(value.Mark(), "'" + name + "' holds the control character " + *code +
                                     " (only tab and newline may be escaped into it)",
                   "FM005");
            continue;
        }
        if (std::size_t limit = default_input_limits().max_site_string_bytes; text.size() > limit) {
            // a page's title is in every page's navigation: a long one multiplies the site
            report(value.Mark(), "'" + name + "' is " + std::to_string(text.size()) + " bytes, over the limit of " +
                                     std::to_string(limit) + " bytes",
                   "LIM007");
            continue;
        }
        try {
            if (name == "title") {
                fm.title = text;
                has_title = !text.empty();
                fm.title_line = value.Mark().line + page.yaml_line;
                fm.title_column = value.Mark().column + 1;
            } else if (name == "summary") {
                fm.summary = text;
            } else if (name == "date") {
                if (text.size() != 10 || !is_date_form(text)) report(value.Mark(), "date '" + text + "' must be YYYY-MM-DD");
                else if (!is_full_calendar_date(text)) report(value.Mark(), "date '" + text + "' is not a date on the calendar");
                else fm.date = text;
            } else if (name == "weight") {
                fm.weight = value.as<int>();
            } else if (name == "slug") {
                if (text.size() > kMaxSlugBytes)  // before the regex, which recurses once per character
                    report(value.Mark(), "slug is " + std::to_string(text.size()) + " bytes, over the " +
                                             std::to_string(kMaxSlugBytes) +
                                             " a slug may have (it names files in the site, and a file name may have 255)");
                else if (!is_slug(text)) report(value.Mark(), "slug '" + text + "' must match [a-z0-9][a-z0-9-]* (it names a file in the site)");
                else fm.slug = text;
            } else if (name == "draft") {
                fm.draft = value.as<bool>();
            }
        } catch (const YAML::Exception&) {
            report(value.Mark(), "front matter key '" + name + "' has value '" + text + "' of the wrong type");
        }
    }
    if (!has_title) out.error(path, page.yaml_line - 1, 1, "FM003", "front matter is missing required key 'title'");
    return fm;
}

}  // namespace sourced
