#include "pandoc_citations.h"

#include <cmark-gfm.h>

#include "suggestion.h"
#include "text_position.h"

namespace sourced {

namespace {

bool is_key_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// True if the '@' at `i` ends the local part of an email address, as GFM's
// autolinker reads one (letters, digits, `.`, `-`, `_`, `+` before the '@'):
// `editors@example.org`, `hello+xyz@mail.example`, `a.b-c_d@a.b`. A `-` right
// after a space or bracket is Pandoc's suppress-author mark instead (`[-@key]`).
bool ends_email_local_part(const std::string& text, size_t i) {
    if (i == 0) return false;
    unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (is_word_char(c) || c == '.' || c == '+') return true;
    return c == '-' && i >= 2 && is_word_char(static_cast<unsigned char>(text[i - 2]));
}

// Length of the citation key starting at `from` (after the '@'), 0 if none.
// Pandoc: a key starts with a letter, digit or '_' and may contain internal
// punctuation :.#$%&-+?<>~/ (followed by a key character); @{...} quotes any key.
size_t read_key(const std::string& text, size_t from, std::string& key) {
    if (from < text.size() && text[from] == '{') {
        size_t close = text.find('}', from + 1);
        if (close == std::string::npos || close == from + 1) return 0;
        key = text.substr(from + 1, close - from - 1);
        return close + 1 - from;
    }
    static const std::string internal = ":.#$%&-+?<>~/";
    size_t i = from;
    if (i >= text.size() || !is_key_char(static_cast<unsigned char>(text[i]))) return 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (is_key_char(c)) ++i;
        else if (internal.find(static_cast<char>(c)) != std::string::npos && i + 1 < text.size() &&
                 is_key_char(static_cast<unsigned char>(text[i + 1])))
            ++i;
        else break;
    }
    key = text.substr(from, i - from);
    return i - from;
}

std::string trimmed(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// One `;`-separated part of a bracketed group: prefix, exactly one key, suffix.
bool parse_item(const std::string& text, size_t begin, size_t end, PandocCitationItem& item) {
    for (size_t i = begin; i < end; ++i) {
        if (text[i] != '@') continue;
        if (i > begin && ends_email_local_part(text, i)) continue;  // an email address
        std::string key;
        size_t length = read_key(text.substr(0, end), i + 1, key);
        if (length == 0) continue;
        std::string prefix = text.substr(begin, i - begin);
        if (!prefix.empty() && prefix.back() == '-' &&
            (prefix.size() == 1 || std::isspace(static_cast<unsigned char>(prefix[prefix.size() - 2])))) {
            item.suppress_author = true;
            prefix.pop_back();
        }
        item.prefix = trimmed(prefix);
        item.prefix_at = item.prefix.empty() ? i : begin + prefix.find_first_not_of(" \t\n");
        item.suffix_at = i + 1 + length;
        item.key = key;
        std::string suffix = text.substr(i + 1 + length, end - (i + 1 + length));
        size_t last = suffix.find_last_not_of(" \t\n");
        item.suffix = last == std::string::npos ? std::string() : suffix.substr(0, last + 1);
        item.at = i;
        return true;
    }
    return false;
}

}  // namespace

std::vector<PandocCitation> find_pandoc_citations(const std::string& text) {
    std::vector<PandocCitation> found;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '[') {
            size_t close = text.find_first_of("[]", i + 1);
            if (close != std::string::npos && text[close] == ']' && text.find('@', i) < close) {
                PandocCitation group{i, close + 1, false, {}};
                bool ok = true;
                for (size_t part = i + 1; ok && part <= close;) {
                    size_t stop = std::min(text.find(';', part), close);
                    PandocCitationItem item;
                    ok = parse_item(text, part, stop, item);
                    if (ok) group.items.push_back(item);
                    part = stop + 1;
                }
                if (ok) {
                    found.push_back(std::move(group));
                    i = close + 1;
                    continue;
                }
            }
        } else if (c == '@' && !ends_email_local_part(text, i)) {
            std::string key;
            if (size_t length = read_key(text, i + 1, key)) {
                found.push_back({i, i + 1 + length, true, {{"", key, "", false, i, i, i + 1 + length}}});
                i += 1 + length;
                continue;
            }
        }
        ++i;
    }
    return found;
}

std::string citation_author_text(const Source& source) {
    std::vector<std::string> names;
    if (auto authors = source.csl.find("author"); authors != source.csl.end() && authors->is_array()) {
        for (const auto& name : *authors) {
            if (!name.is_object()) continue;
            for (const char* key : {"family", "literal"})
                if (auto it = name.find(key); it != name.end() && it->is_string()) {
                    std::string part = it->get<std::string>();
                    if (auto particle = name.find("non-dropping-particle");
                        std::string(key) == "family" && particle != name.end() && particle->is_string())
                        part = particle->get<std::string>() + " " + part;
                    names.push_back(part);
                    break;
                }
        }
    }
    if (names.empty()) names = source.authors;
    if (names.empty()) return source.title;
    if (names.size() == 1) return names[0];
    if (names.size() == 2) return names[0] + " and " + names[1];
    return names[0] + " et al.";
}

namespace {

// A text node of the run: where its literal starts in the run's text and in the file.
struct Segment {
    size_t offset;
    int line, column;
};

class RunRewriter {
public:
    RunRewriter(MarkdownDocument& doc, const Registry& registry, const std::string& path, Diagnostics& out)
        : doc_(doc), registry_(registry), path_(path), out_(out),
          source_names_([&registry] { return registry.source_ids(); }) {}

    // Rewrites the run of text and soft-break siblings starting at `first`.
    int rewrite(cmark_node* first) {
        std::vector<cmark_node*> run;
        std::string text;
        segments_.clear();
        for (cmark_node* n = first; n; n = cmark_node_next(n)) {
            cmark_node_type type = cmark_node_get_type(n);
            if (type == CMARK_NODE_TEXT) {
                segments_.push_back({text.size(), doc_.file_line(n), doc_.file_column(n)});
                const char* literal = cmark_node_get_literal(n);
                text += literal ? literal : "";
            } else if (type == CMARK_NODE_SOFTBREAK) {
                text += '\n';
            } else {
                break;
            }
            run.push_back(n);
        }
        if (text.find('@') == std::string::npos || segments_.empty()) return 0;
        std::vector<PandocCitation> citations = find_pandoc_citations(text);
        if (citations.empty()) return 0;

        anchor_ = first;
        int keys = 0;
        size_t done = 0;
        for (const PandocCitation& c : citations) {
            plain(text, done, c.begin);
            if (c.in_text) {
                const PandocCitationItem& item = c.items[0];
                const Source* source = registry_.source(item.key);
                if (!source) {  // a handle (@deepseek_ai), not a citation: text, with a warning (REF004)
                    TextPosition at = position(item.at);
                    out_.warning(path_, at.line, at.column, "REF004",
                                 "'@" + item.key + "' names no source, so it stays text" +
                                     source_names_.did_you_mean(item.key));
                    plain(text, c.begin, c.end);
                    done = c.end;
                    continue;
                }
                link(item, citation_author_text(*source), false);
            } else {
                glue("[", c.begin);
                for (size_t k = 0; k < c.items.size(); ++k) {
                    const PandocCitationItem& item = c.items[k];
                    if (k > 0) glue("; ", c.items[k - 1].suffix_at + c.items[k - 1].suffix.size());
                    if (!item.prefix.empty()) {
                        plain(text, item.prefix_at, item.prefix_at + item.prefix.size());
                        glue(" ", item.prefix_at + item.prefix.size());
                    }
                    link(item, "", true);
                    plain(text, item.suffix_at, item.suffix_at + item.suffix.size());
                }
                glue("]", c.end - 1);
            }
            keys += static_cast<int>(c.items.size());
            done = c.end;
        }
        plain(text, done, text.size());
        for (cmark_node* n : run) cmark_node_free(n);
        return keys;
    }

private:
    void insert(cmark_node* node) { cmark_node_insert_before(anchor_, node); }

    // The file position of byte `offset` of the run's text.
    TextPosition position(size_t offset) const {
        const Segment* at = &segments_.front();
        for (const Segment& s : segments_)
            if (s.offset <= offset) at = &s;
        return {at->line, at->column + static_cast<int>(offset - at->offset)};
    }

    // text[begin, end) as it was, line breaks back as soft breaks, each node
    // at its own file position (the checks after this report positions in it).
    void plain(const std::string& text, size_t begin, size_t end) {
        size_t start = begin;
        while (start <= end) {
            size_t nl = text.find('\n', start);
            size_t stop = nl == std::string::npos || nl > end ? end : nl;
            if (stop > start) {
                cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
                cmark_node_set_literal(node, text.substr(start, stop - start).c_str());
                TextPosition at = position(start);
                doc_.set_position(node, at.line, at.column);
                insert(node);
            }
            if (stop == end) break;
            insert(cmark_node_new(CMARK_NODE_SOFTBREAK));
            start = stop + 1;
        }
    }

    // Text a citation group shows in place of what the file holds ("[", "; ",
    // "]"), at the file position of `offset`.
    void glue(const char* text, size_t offset) {
        cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(node, text);
        TextPosition at = position(offset);
        doc_.set_position(node, at.line, at.column);
        insert(node);
    }

    void link(const PandocCitationItem& item, const std::string& text, bool bracketed) {
        cmark_node* node = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(node, ("cite:" + item.key).c_str());
        if (bracketed) cmark_node_set_title(node, kPandocItemTitle);
        TextPosition at = position(item.at);
        if (!text.empty()) {
            cmark_node* child = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(child, text.c_str());
            doc_.set_position(child, at.line, at.column);
            cmark_node_append_child(node, child);
        }
        doc_.set_position(node, at.line, at.column);
        insert(node);
    }

    MarkdownDocument& doc_;
    const Registry& registry_;
    const std::string& path_;
    Diagnostics& out_;
    Suggester source_names_;
    std::vector<Segment> segments_;
    cmark_node* anchor_ = nullptr;
};

}  // namespace

int rewrite_pandoc_citations(MarkdownDocument& doc, const Registry& registry, const std::string& path,
                             Diagnostics& out) {
    // Collect first, then rewrite: the tree must not change under the iterator.
    std::vector<cmark_node*> run_starts;
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_TEXT && type != CMARK_NODE_SOFTBREAK) continue;
        cmark_node_type parent = cmark_node_get_type(cmark_node_parent(node));
        if (parent == CMARK_NODE_LINK || parent == CMARK_NODE_IMAGE) continue;  // no citations in link text
        cmark_node* previous = cmark_node_previous(node);
        bool continues_run = previous && (cmark_node_get_type(previous) == CMARK_NODE_TEXT ||
                                          cmark_node_get_type(previous) == CMARK_NODE_SOFTBREAK);
        if (!continues_run) run_starts.push_back(node);
    }
    cmark_iter_free(iter);
    RunRewriter rewriter(doc, registry, path, out);
    int keys = 0;
    for (cmark_node* start : run_starts) keys += rewriter.rewrite(start);
    return keys;
}

}  // namespace sourced
