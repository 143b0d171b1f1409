#include "chart_spec.h"

#include <set>

#include <yaml-cpp/yaml.h>

#include "input_limits.h"
#include "suggestion.h"

namespace sourced {

namespace {

struct Reporter {
    const std::string& path;
    const ChartSpec& spec;
    Diagnostics& out;
    void at(const YAML::Mark& mark, const std::string& message) const {
        int line = mark.line >= 0 ? spec.line + 1 + mark.line : spec.line;
        int column = mark.column >= 0 ? mark.column + 1 : spec.column;
        out.error(path, line, column, "CHART001", message);
    }
};

}  // namespace

namespace {

// One of the chart's single-valued keys (type, scale, id, title, unit, max).
void read_scalar_key(const std::string& key, const YAML::Node& value, ChartSpec& spec, Reporter& report) {
    std::string text = value.Scalar();
    if (key == "type") {
        if (text == "bar") spec.type = ChartType::bar;
        else if (text == "column") spec.type = ChartType::column;
        else if (text == "line") spec.type = ChartType::line;
        else if (text == "dot") spec.type = ChartType::dot;
        else report.at(value.Mark(), "chart type '" + text + "' is not one of bar, column, line, dot");
    } else if (key == "scale") {
        if (text == "linear") spec.scale = ChartScale::linear;
        else if (text == "log") spec.scale = ChartScale::log;
        else report.at(value.Mark(), "chart scale '" + text + "' is not linear or log");
    } else if (key == "id") {
        bool ok = !text.empty() && text.size() <= 64 && text.front() != '-';
        for (char c : text) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        if (ok) spec.id = text;
        else report.at(value.Mark(), "chart id '" + text + "' must be lower-case letters, digits and '-' (at most 64)");
    } else if (key == "title") {
        spec.title = text;
    } else if (key == "unit") {
        spec.unit = text;
    } else if (key == "max") {
        try {
            spec.max = value.as<double>();
        } catch (const YAML::Exception&) {
            report.at(value.Mark(), "chart max '" + text + "' is not a number");
        }
    }
}

// One entry of `series`: {figure, label} or, for a dot chart, {from, to, label}.
void read_series_entry(const YAML::Node& entry, ChartSpec& spec, Reporter& report) {
    ChartSeries s;
    s.line = spec.line + 1 + entry.Mark().line;
    s.column = entry.Mark().column + 1;
    if (!entry.IsMap()) {
        report.at(entry.Mark(), "each series entry must be a map such as {figure: id, label: text}");
        return;
    }
    std::set<std::string> seen;
    for (const auto& field : entry) {
        std::string key = field.first.Scalar();
        std::string value = field.second.IsScalar() ? field.second.Scalar() : "";
        if (!seen.insert(key).second) {
            report.at(field.first.Mark(), "duplicate series key '" + key + "'");
            continue;
        }
        if (auto code = control_character(value)) {
            report.at(field.second.Mark(), "series key '" + key + "' holds the control character " + *code);
            continue;
        }
        if (key == "label") s.label = value;
        else if (key == "figure") s.figure = value;
        else if (key == "from") s.from = value;
        else if (key == "to") s.to = value;
        else report.at(field.first.Mark(), "unknown series key '" + key + "' (known: figure, label, from, to)");
    }
    bool dot = spec.type == ChartType::dot;
    if (dot && (s.from.empty() || s.to.empty()))
        report.at(entry.Mark(), "a dot chart's series entry needs 'from' and 'to' figures");
    if (!dot && s.figure.empty()) report.at(entry.Mark(), "a series entry needs a 'figure'");
    spec.series.push_back(std::move(s));
}

}  // namespace

bool is_chart_block(const std::string& fence_info) {
    return fence_info == "chart" || fence_info.rfind("chart ", 0) == 0;
}

std::optional<ChartSpec> parse_chart_spec(const std::string& path, const std::string& yaml, int line, int column,
                                          Diagnostics& out) {
    ChartSpec spec;
    spec.line = line;
    spec.column = column;
    Reporter report{path, spec, out};
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        report.at(e.mark, "malformed chart spec: " + e.msg);
        return std::nullopt;
    }
    if (!root.IsMap()) {
        out.error(path, line, column, "CHART001", "a chart block must hold a YAML map (type, title, unit, series, ...)");
        return std::nullopt;
    }
    int errors = out.error_count();
    static const std::set<std::string> keys = {"id", "type", "title", "unit", "scale", "max", "series"};
    std::set<std::string> seen;  // yaml-cpp keeps every pair of a duplicated key
    for (const auto& item : root) {
        std::string key = item.first.Scalar();
        const YAML::Node& value = item.second;
        if (!seen.insert(key).second) {
            report.at(item.first.Mark(), "duplicate chart key '" + key + "'");
            continue;
        }
        if (!keys.count(key)) {
            report.at(item.first.Mark(), "unknown chart key '" + key + "' (known: id, type, title, unit, scale, max, series)");
            continue;
        }
        if (key == "series") continue;
        if (!value.IsScalar()) {
            report.at(value.Mark(), "chart key '" + key + "' needs a single value");
            continue;
        }
        if (auto code = control_character(value.Scalar())) {
            report.at(value.Mark(), "chart key '" + key + "' holds the control character " + *code);
            continue;
        }
        read_scalar_key(key, value, spec, report);
    }
    if (spec.title.empty()) out.error(path, line, column, "CHART001", "a chart needs a 'title' (it is the chart's accessible name)");
    const YAML::Node series = root["series"];
    if (!series || !series.IsSequence() || series.size() == 0) {
        out.error(path, line, column, "CHART001", "a chart needs 'series': a list of {figure, label}");
        return std::nullopt;
    }
    for (const auto& entry : series) read_series_entry(entry, spec, report);
    if (out.error_count() > errors) return std::nullopt;
    return spec;
}

std::optional<ResolvedChart> resolve_chart(const std::string& path, const ChartSpec& spec, const Registry& registry,
                                           Diagnostics& out) {
    ResolvedChart chart;
    chart.spec = spec;
    int errors = out.error_count();
    const std::vector<std::string> ids = registry.figure_ids();
    auto lookup = [&](const ChartSeries& s, const std::string& id) -> const Figure* {
        const Figure* f = registry.figure(id);
        if (!f) out.error(path, s.line, s.column, "CHART002", "unknown figure '" + id + "' in chart" + did_you_mean(id, ids));
        return f;
    };
    std::vector<const Figure*> all;
    for (const ChartSeries& s : spec.series) {
        ChartMark mark;
        if (spec.type == ChartType::dot) {
            mark.from = lookup(s, s.from);
            mark.figure = lookup(s, s.to);
        } else {
            mark.figure = lookup(s, s.figure);
        }
        mark.label = s.label.empty() && mark.figure ? mark.figure->claim : s.label;
        for (const Figure* f : {mark.from, mark.figure})
            if (f) all.push_back(f);
        chart.marks.push_back(mark);
    }
    if (out.error_count() > errors) return std::nullopt;
    chart.unit = spec.unit.empty() ? all.front()->unit : spec.unit;
    std::string names;
    bool agree = true;
    for (const Figure* f : all) {
        names += (names.empty() ? "" : ", ") + f->id + " (" + f->unit + ")";
        agree = agree && f->unit == chart.unit;
    }
    if (!agree) {
        out.error(path, spec.line, spec.column, "CHART003", "units disagree in chart '" + spec.title + "': " + names +
                  (spec.unit.empty() ? "" : "; the chart's unit is '" + spec.unit + "'"));
        return std::nullopt;
    }
    if (spec.scale == ChartScale::log)
        for (const Figure* f : all)
            if (f->value <= 0) {
                out.error(path, spec.line, spec.column, "CHART004", "figure '" + f->id + "' is not positive, so it cannot be drawn on a log scale");
                return std::nullopt;
            }
    return chart;
}

}  // namespace sourced
