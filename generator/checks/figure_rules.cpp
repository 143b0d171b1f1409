#include "figure_rules.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "derived_expression.h"
#include "display_text.h"
#include "text_position.h"

namespace sourced {

namespace {

// The registry text and, made on first use, its line index: a registry with
// many errors in derived figures costs one pass over the file, not one per error.
class RegistryText {
public:
    explicit RegistryText(const std::string& text) : text(text) {}
    const LineIndex& lines() {
        if (!lines_) lines_.emplace(text);
        return *lines_;
    }
    const std::string& text;

private:
    std::optional<LineIndex> lines_;
};

// The position of byte `offset` inside the string value of `key`, searched
// from the figure's own line; the figure's position if not found.
TextPosition field_position(RegistryText& registry_text, const EntryLocation& where, const std::string& key,
                            std::size_t offset) {
    const std::string& text = registry_text.text;
    const LineIndex& lines = registry_text.lines();
    std::size_t start = where.line < 1 ? 0 : lines.line_start(where.line);
    if (start == std::string::npos) return {where.line, where.column};
    std::size_t k = text.find("\"" + key + "\"", start);
    std::size_t quote = k == std::string::npos ? k : text.find('"', text.find(':', k) + 1);
    if (quote == std::string::npos) return {where.line, where.column};
    return lines.position(quote + 1 + offset);
}

// Half a unit in the last decimal the registry wrote: 95.552 -> 0.0005.
double stated_half_step(double value) {
    std::string text = plain_number(value);
    auto dot = text.find('.');
    int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    return 0.5 * std::pow(10.0, -decimals);
}

void check_verified(const Registry& registry, const Figure& f, const std::string& path, Diagnostics& out) {
    if (f.status != Status::verified) return;
    bool primary = false, quoted = false;
    for (const Evidence& ev : f.evidence) {
        const Source* s = registry.source(ev.source_id);
        if (s && s->kind == "primary" && !s->url.empty()) primary = true;
        if (!ev.quote.empty()) quoted = true;
    }
    // A missing 'verified' record is REG011's, reported when the registry loads.
    if (!primary || !quoted)
        out.error(path, f.where.line, f.where.column, "SRC005",
                  "figure '" + f.id + "' is 'verified' but lacks " + (!primary ? "a source of kind 'primary' with a URL" : "a quote"));
}

void check_derived(const Registry& registry, const Figure& f, const std::string& path, RegistryText& text,
                   FigureMarks& marks, Diagnostics& out) {
    if (f.derived.empty()) return;
    DerivedResult r = evaluate_derived(f.derived, [&](const std::string& id) -> std::optional<double> {
        if (const Figure* input = registry.figure(id)) return input->value;
        return std::nullopt;
    });
    marks.arithmetic = r.tokens;
    if (!r.ok) {
        TextPosition p = field_position(text, f.where, "derived", r.error_offset);
        out.error(path, p.line, p.column, "SRC008", "figure '" + f.id + "': derived: " + r.error);
        marks.arithmetic.clear();
        return;
    }
    if (std::fabs(r.value - f.value) >= stated_half_step(f.value) + 1e-9 * std::max(1.0, std::fabs(f.value))) {
        TextPosition p = field_position(text, f.where, "derived", 0);
        out.error(path, p.line, p.column, "SRC008",
                  "figure '" + f.id + "': derived value " + plain_number(r.value) + " (" + f.derived +
                      ") does not match the stated value " + plain_number(f.value));
    }
    for (const std::string& id : r.ids) {
        const Figure* input = registry.figure(id);
        if (input && status_strength(f.status) > status_strength(input->status)) {
            TextPosition p = field_position(text, f.where, "status", 0);
            out.error(path, p.line, p.column, "SRC009",
                      "figure '" + f.id + "' is '" + status_name(f.status) + "' but its input '" + id + "' is only '" +
                          status_name(input->status) + "'; a derived figure is no stronger than its weakest input");
            break;
        }
    }
}

// SRC012: `display` is what a page shows for [](fig:id), so it must state the
// value as link text must (SRC002).
void check_display(const Figure& f, const std::string& path, RegistryText& text, NumberStyle style, Diagnostics& out) {
    if (written_numbers(f.display, style).empty() || text_states_value(f.display, f.value, f.unit, style)) return;
    TextPosition p = field_position(text, f.where, "display", 0);
    out.error(path, p.line, p.column, "SRC012",
              "figure '" + f.id + "': display '" + f.display + "' states " + describe_numbers(f.display, style) +
                  " but the value is " + grouped_number(f.value) + " " + f.unit);
}

}  // namespace

int status_strength(Status s) {
    switch (s) {
        case Status::verified: return 6;
        case Status::reported: return 5;
        case Status::self_reported: return 4;
        case Status::projected: return 3;
        case Status::unverified: return 2;
        case Status::disputed: return 1;
        case Status::false_: return 0;
    }
    return 0;
}

std::string newest_content_date(const Registry& registry, const std::vector<std::string>& page_dates) {
    std::string newest;
    auto consider = [&](const std::string& d) { newest = std::max(newest, d); };
    for (const std::string& d : page_dates) consider(d);
    for (const Figure& f : registry.figures) {
        consider(f.as_of);
        if (f.verified) consider(f.verified->on);
    }
    for (const Source& s : registry.sources) {
        consider(s.issued);
        consider(s.accessed);
    }
    return newest;
}

void check_figure_rules(const Registry& registry, const std::string& path, const std::string& text,
                        const std::string& today, RegistryMarks& marks, Diagnostics& out, NumberStyle style) {
    std::map<std::string, std::vector<const Figure*>> by_quantity;
    RegistryText registry_text(text);
    for (const Figure& f : registry.figures) {
        check_verified(registry, f, path, out);
        check_display(f, path, registry_text, style, out);
        if (!f.review_by.empty() && !today.empty() && f.review_by < today) {
            marks.mark(f.id).stale = true;
            out.note(path, f.where.line, f.where.column, "SRC006",
                     "figure '" + f.id + "' was due for review by " + f.review_by + " (today is " + today +
                         "); it renders as stale");
        }
        if (!f.derived.empty()) check_derived(registry, f, path, registry_text, marks.mark(f.id), out);
        if (!f.quantity.empty()) by_quantity[f.quantity].push_back(&f);
    }
    for (const auto& [quantity, figures] : by_quantity) {
        bool differ = false;
        for (const Figure* f : figures) differ = differ || f->value != figures.front()->value;
        if (!differ) continue;
        for (const Figure* f : figures)
            if (f->status != Status::disputed)
                out.error(path, f->where.line, f->where.column, "SRC007",
                          "figure '" + f->id + "' shares quantity '" + quantity +
                              "' with figures of a different value, so it must be 'disputed'");
    }
}

}  // namespace sourced
