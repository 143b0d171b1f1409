#include "chart_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "chart_ticks.h"
#include "figure_markup.h"
#include "html_escape.h"

namespace sourced {

namespace {

constexpr double kWidth = 640;
constexpr double kRow = 34;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

// Maps values to pixels along one axis.
struct Axis {
    ChartScale scale = ChartScale::linear;
    std::vector<double> ticks;
    double from = 0, to = 1;  // pixel range
    double at(double value) const {
        double lo = ticks.front(), hi = ticks.back();
        double t = scale == ChartScale::log ? (std::log10(value) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                                            : (value - lo) / (hi - lo);
        return from + std::clamp(t, 0.0, 1.0) * (to - from);
    }
};

Axis make_axis(const ResolvedChart& chart, double from, double to) {
    double lo = INFINITY, hi = -INFINITY;
    for (const ChartMark& m : chart.marks)
        for (const Figure* f : {m.from, m.figure})
            if (f) lo = std::min(lo, f->value), hi = std::max(hi, f->value);
    if (chart.spec.max) hi = std::max(hi, *chart.spec.max);
    Axis axis;
    axis.scale = chart.spec.scale;
    axis.ticks = chart.spec.scale == ChartScale::log ? log_ticks(lo, hi) : linear_ticks(lo, hi);
    axis.from = from;
    axis.to = to;
    return axis;
}

std::string status_word(const Figure& f) {
    return is_flagged(f.status) ? " " + status_symbol(f.status) + " " + status_name(f.status) : "";
}

std::string mark_label(const ChartMark& m) {
    std::string text = m.label + ": ";
    if (m.from) text += m.from->display + " (" + status_name(m.from->status) + ") to ";
    return text + m.figure->display + " (" + status_name(m.figure->status) + ")";
}

// Each flagged status has its own hatch pattern, drawn in that status's colour.
std::string bar_fill(const Figure& f, const std::string& hatch) {
    return is_flagged(f.status) ? "url(#" + hatch + "-" + status_name(f.status) + ")" : "currentColor";
}

std::string hatch_patterns(const ResolvedChart& chart, const std::string& hatch) {
    std::set<Status> flagged;
    for (const ChartMark& m : chart.marks)
        for (const Figure* f : {m.from, m.figure})
            if (f && is_flagged(f->status)) flagged.insert(f->status);
    if (flagged.empty()) return "";
    std::string defs = "<defs>";
    for (Status s : flagged)
        defs += "<pattern id=\"" + escape_html(hatch) + "-" + status_name(s) + "\" class=\"chart__mark--" + status_name(s) +
                "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                "<rect width=\"2\" height=\"6\" fill=\"currentColor\"/></pattern>";
    return defs + "</defs>";
}

std::string open_mark(const ChartMark& m, const LinkStyle& links) {
    return "<a class=\"chart__mark chart__mark--" + status_name(m.figure->status) + "\" href=\"" +
           escape_html(links.figure(m.figure->id)) + "\" aria-label=\"" + escape_html(mark_label(m)) + "\"><title>" +
           escape_html(mark_label(m)) + "</title>";
}

std::string value_axis_horizontal(const Axis& axis, double top, double bottom) {
    std::string svg = "<g class=\"chart__axis\" aria-hidden=\"true\">";
    for (double t : axis.ticks) {
        std::string x = num(axis.at(t));
        svg += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + num(top) + "\" y2=\"" + num(bottom) + "\" class=\"chart__grid\"/>";
        svg += "<text x=\"" + x + "\" y=\"" + num(bottom + 16) + "\" text-anchor=\"middle\">" + escape_html(compact_number(t)) + "</text>";
    }
    return svg + "</g>";
}

std::string value_axis_vertical(const Axis& axis, double left, double right) {
    std::string svg = "<g class=\"chart__axis\" aria-hidden=\"true\">";
    for (double t : axis.ticks) {
        std::string y = num(axis.at(t));
        svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(right) + "\" y1=\"" + y + "\" y2=\"" + y + "\" class=\"chart__grid\"/>";
        svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(axis.at(t) + 4) + "\" text-anchor=\"end\">" + escape_html(compact_number(t)) + "</text>";
    }
    return svg + "</g>";
}

std::string draw_bars(const ResolvedChart& chart, const std::string& hatch, const LinkStyle& links, double& height) {
    const double left = 170, right = kWidth - 190, top = 8;
    height = top + chart.marks.size() * kRow + 28;
    Axis axis = make_axis(chart, left, right);
    double base = axis.at(axis.ticks.front());
    std::string svg = value_axis_horizontal(axis, top, height - 28);
    for (size_t i = 0; i < chart.marks.size(); ++i) {
        const ChartMark& m = chart.marks[i];
        double y = top + i * kRow + 7, end = axis.at(m.figure->value);
        svg += open_mark(m, links);
        svg += "<text class=\"chart__label\" x=\"" + num(left - 8) + "\" y=\"" + num(y + 14) + "\" text-anchor=\"end\">" + escape_html(m.label) + "</text>";
        svg += "<rect class=\"chart__bar\" x=\"" + num(base) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(2.0, end - base)) +
               "\" height=\"20\" fill=\"" + bar_fill(*m.figure, hatch) + "\" stroke=\"currentColor\"/>";
        svg += "<text class=\"chart__value\" x=\"" + num(std::max(end, base + 2) + 6) + "\" y=\"" + num(y + 14) + "\">" +
               escape_html(m.figure->display + status_word(*m.figure)) + "</text></a>";
    }
    return svg;
}

std::string draw_columns(const ResolvedChart& chart, const std::string& hatch, const LinkStyle& links, double& height, bool line) {
    const double left = 60, right = kWidth - 20, top = 24, bottom = 230;
    height = bottom + 44;
    Axis axis = make_axis(chart, bottom, top);
    std::string svg = value_axis_vertical(axis, left, right);
    double slot = (right - left) / chart.marks.size();
    std::string points;
    for (size_t i = 0; i < chart.marks.size(); ++i) {
        double cx = left + slot * (i + 0.5), y = axis.at(chart.marks[i].figure->value);
        points += (points.empty() ? "" : " ") + num(cx) + "," + num(y);
    }
    if (line) svg += "<polyline class=\"chart__line\" points=\"" + points + "\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>";
    for (size_t i = 0; i < chart.marks.size(); ++i) {
        const ChartMark& m = chart.marks[i];
        double cx = left + slot * (i + 0.5), y = axis.at(m.figure->value), base = axis.at(axis.ticks.front());
        double w = std::min(64.0, slot * 0.6);
        svg += open_mark(m, links);
        if (line)
            svg += "<circle class=\"chart__point\" cx=\"" + num(cx) + "\" cy=\"" + num(y) + "\" r=\"6\" fill=\"" +
                   (is_flagged(m.figure->status) ? "var(--bg, #fff)" : "currentColor") + "\" stroke=\"currentColor\" stroke-width=\"2\"/>";
        else
            svg += "<rect class=\"chart__bar\" x=\"" + num(cx - w / 2) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
                   num(std::max(2.0, base - y)) + "\" fill=\"" + bar_fill(*m.figure, hatch) + "\" stroke=\"currentColor\"/>";
        svg += "<text class=\"chart__value\" x=\"" + num(cx) + "\" y=\"" + num(y - 10) + "\" text-anchor=\"middle\">" +
               escape_html(m.figure->display + status_word(*m.figure)) + "</text>";
        svg += "<text class=\"chart__label\" x=\"" + num(cx) + "\" y=\"" + num(bottom + 18) + "\" text-anchor=\"middle\">" + escape_html(m.label) + "</text></a>";
    }
    return svg;
}

std::string draw_dots(const ResolvedChart& chart, const LinkStyle& links, double& height) {
    const double left = 170, right = kWidth - 110, top = 8;
    height = top + chart.marks.size() * (kRow + 8) + 28;
    Axis axis = make_axis(chart, left, right);
    std::string svg = value_axis_horizontal(axis, top, height - 28);
    for (size_t i = 0; i < chart.marks.size(); ++i) {
        const ChartMark& m = chart.marks[i];
        double y = top + i * (kRow + 8) + 20, x0 = axis.at(m.from->value), x1 = axis.at(m.figure->value);
        svg += open_mark(m, links);
        svg += "<text class=\"chart__label\" x=\"" + num(left - 8) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" + escape_html(m.label) + "</text>";
        svg += "<line class=\"chart__link\" x1=\"" + num(x0) + "\" x2=\"" + num(x1) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\" stroke=\"currentColor\" stroke-width=\"2\"/>";
        for (const Figure* f : {m.from, m.figure}) {
            double x = axis.at(f->value);
            svg += "<circle class=\"chart__point\" cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"6\" fill=\"" +
                   std::string(f == m.figure ? "currentColor" : "var(--bg, #fff)") + "\" stroke=\"currentColor\" stroke-width=\"2\"/>";
        }
        double lx = std::min(x0, x1), rx = std::max(x0, x1);
        const Figure* left_fig = x0 <= x1 ? m.from : m.figure;
        const Figure* right_fig = x0 <= x1 ? m.figure : m.from;
        svg += "<text class=\"chart__value\" x=\"" + num(lx) + "\" y=\"" + num(y - 11) + "\" text-anchor=\"middle\">" + escape_html(left_fig->display) + "</text>";
        svg += "<text class=\"chart__value\" x=\"" + num(rx) + "\" y=\"" + num(y - 11) + "\" text-anchor=\"middle\">" + escape_html(right_fig->display) + "</text>";
        svg += "<text class=\"chart__status\" x=\"" + num(rx + 12) + "\" y=\"" + num(y + 4) + "\">" + escape_html(status_word(*m.figure)) + "</text></a>";
    }
    return svg;
}

std::string figure_cell(const FigureUse& use, const Registry& registry, const RegistryMarks& marks,
                        const LinkStyle& links) {
    return figure_open_html(use, links) + escape_html(use.figure->display) + figure_close_html(use, registry, marks, links);
}

}  // namespace

const char* chart_type_name(ChartType type) {
    switch (type) {
        case ChartType::bar: return "bar";
        case ChartType::column: return "column";
        case ChartType::line: return "line";
        case ChartType::dot: return "dot";
    }
    return "bar";
}

std::string chart_description(const ResolvedChart& chart) {
    std::string desc = chart.spec.title + ", in " + chart.unit + (chart.spec.scale == ChartScale::log ? " (log scale)" : "") + ". ";
    for (const ChartMark& m : chart.marks) desc += mark_label(m) + ". ";
    return desc;
}

ChartSvg render_chart_svg(const ResolvedChart& chart, const std::string& anchor, const LinkStyle& links) {
    const std::string hatch = anchor + "-hatch", title_id = anchor + "-title", desc_id = anchor + "-desc";
    ChartSvg out;
    out.width = kWidth;
    std::string body;
    switch (chart.spec.type) {
        case ChartType::bar: body = draw_bars(chart, hatch, links, out.height); break;
        case ChartType::column: body = draw_columns(chart, hatch, links, out.height, false); break;
        case ChartType::line: body = draw_columns(chart, hatch, links, out.height, true); break;
        case ChartType::dot: body = draw_dots(chart, links, out.height); break;
    }
    out.svg = "<svg class=\"chart__svg\" viewBox=\"0 0 " + num(kWidth) + " " + num(out.height) + "\" aria-labelledby=\"" +
              escape_html(title_id) + "\" aria-describedby=\"" + escape_html(desc_id) + "\">";
    out.svg += "<desc id=\"" + escape_html(desc_id) + "\">" + escape_html(chart_description(chart)) + "</desc>";
    out.svg += hatch_patterns(chart, hatch);
    out.svg += body + "</svg>";
    return out;
}

std::string render_chart_html(const ResolvedChart& chart, const std::string& anchor, const std::vector<FigureUse>& uses,
                              const Registry& registry, const RegistryMarks& marks, const LinkStyle& links) {
    std::string html = "<figure class=\"chart chart--" + std::string(chart_type_name(chart.spec.type)) + "\" id=\"" +
                       escape_html(anchor) + "\">\n";
    html += "<figcaption class=\"chart__title\" id=\"" + escape_html(anchor + "-title") + "\">" + escape_html(chart.spec.title) +
            " <span class=\"chart__unit\">(" + escape_html(chart.unit) + (chart.spec.scale == ChartScale::log ? ", log scale" : "") + ")</span></figcaption>\n";
    html += render_chart_svg(chart, anchor, links).svg + "\n";

    html += "<table class=\"chart__data\">\n<thead><tr><th scope=\"col\">Series</th>";
    html += chart.spec.type == ChartType::dot ? "<th scope=\"col\">Before</th><th scope=\"col\">After</th>" : "<th scope=\"col\">Value</th>";
    html += "</tr></thead>\n<tbody>\n";
    size_t u = 0;
    for (const ChartMark& m : chart.marks) {
        html += "<tr><th scope=\"row\">" + escape_html(m.label) + "</th>";
        int cells = chart.spec.type == ChartType::dot ? 2 : 1;
        for (int c = 0; c < cells && u < uses.size(); ++c, ++u) html += "<td>" + figure_cell(uses[u], registry, marks, links) + "</td>";
        html += "</tr>\n";
    }
    html += "</tbody>\n</table>\n</figure>\n";
    return html;
}

}  // namespace sourced
