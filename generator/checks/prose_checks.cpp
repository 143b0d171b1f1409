#include "prose_checks.h"

#include <cmark-gfm.h>

#include "display_text.h"
#include "figure_numbers.h"
#include "text_position.h"

namespace sourced {

namespace {

struct Piece {
    std::size_t offset = 0;  // in the run's text
    int line = 0;
    int column = 0;
};

// A run of adjacent text in one inline container, as one string, so "60"
// and "%" split by cmark into two text nodes still read as one figure.
struct TextRun {
    std::string text;
    std::vector<Piece> pieces;
};

bool is_inline_text(cmark_node* node) {
    cmark_node_type t = cmark_node_get_type(node);
    return t == CMARK_NODE_TEXT || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

bool skipped_container(cmark_node* node) {
    cmark_node_type t = cmark_node_get_type(node);
    if (t == CMARK_NODE_IMAGE || t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) return true;
    if (t != CMARK_NODE_LINK) return false;
    const char* url = cmark_node_get_url(node);
    return url && std::string(url).rfind("fig:", 0) == 0;  // fig:ID and the fig:- marker
}

void collect_runs(const MarkdownDocument& doc, cmark_node* parent, std::vector<TextRun>& runs) {
    TextRun current;
    auto flush = [&] {
        if (!current.text.empty()) runs.push_back(std::move(current));
        current = TextRun{};
    };
    for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child)) {
        if (is_inline_text(child)) {
            if (cmark_node_get_type(child) == CMARK_NODE_TEXT) {
                const char* literal = cmark_node_get_literal(child);
                current.pieces.push_back({current.text.size(), doc.file_line(child), doc.file_column(child)});
                current.text += literal ? literal : "";
            } else {
                current.text += ' ';
            }
            continue;
        }
        flush();
        if (!skipped_container(child)) collect_runs(doc, child, runs);
    }
    flush();
}

// Every figure-like number outside fig: links, with its file position.
// `source_text` is the page file's text, used to pin columns exactly.
std::vector<BareFigure> find_bare_figures(const std::string& path, const MarkdownDocument& doc,
                                          const std::string& source_text, NumberStyle style) {
    std::vector<TextRun> runs;
    collect_runs(doc, doc.root(), runs);
    std::vector<BareFigure> out;
    for (const TextRun& run : runs) {
        for (const FigureMention& m : find_figure_mentions(run.text, style)) {
            const Piece* piece = &run.pieces.front();
            for (const Piece& p : run.pieces)
                if (p.offset <= m.begin) piece = &p;
            int line = piece->line;
            int column = piece->column + static_cast<int>(m.begin - piece->offset);
            // Escapes and entities make node text differ from the file: pin the
            // column on the source line when the text is found there.
            std::string src = line_text(source_text, line);
            auto at = static_cast<std::size_t>(std::max(column - 1, 0));  // may lie past the line's end
            if (at > src.size() || src.compare(at, m.text.size(), m.text) != 0) {
                auto found = src.find(m.text, static_cast<std::size_t>(std::max(piece->column - 1, 0)));
                if (found == std::string::npos) found = src.find(m.text);
                if (found != std::string::npos) column = static_cast<int>(found) + 1;
            }
            out.push_back({path, line, column, m.text});
        }
    }
    return out;
}

}  // namespace

void check_page_prose(const std::string& path, const MarkdownDocument& doc, const ResolvedPage& page,
                      const std::string& source_text, std::vector<BareFigure>& bare, Diagnostics& out,
                      NumberStyle style) {
    for (BareFigure& b : find_bare_figures(path, doc, source_text, style)) {
        out.warning(path, b.line, b.column, "SRC001",
                    "bare figure '" + b.text + "' has no source (link it to a figure, or mark it [" + b.text +
                        "](fig:-))");
        bare.push_back(std::move(b));
    }
    for (const FigureUse& use : page.figures) {
        if (use.text.empty() || written_numbers(use.text, style).empty()) continue;
        const Figure& f = *use.figure;
        if (!text_states_value(use.text, f.value, f.unit, style))
            out.error(path, use.line, use.column, "SRC002",
                      "link text '" + use.text + "' states " + describe_numbers(use.text, style) + " but figure '" + f.id +
                          "' is " + grouped_number(f.value) + " " + f.unit + " (displayed '" + f.display + "')");
    }
}

}  // namespace sourced
