// Chart specifications: the ```chart fenced block a writer puts in a page.
//
// Owns reading the block's YAML (id, type, title, unit, scale, max, series) with
// positions for errors (a repeated key and a control character in a value are
// errors too), and resolving it against the registry: every figure
// must exist and all of a chart's figures must share one unit. Drawing is
// chart_svg.h's job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "registry.h"

namespace sourced {

enum class ChartType { bar, column, line, dot };
enum class ChartScale { linear, log };

struct ChartSeries {
    std::string label;
    std::string figure;  // bar, column, line
    std::string from;    // dot: the "before" figure
    std::string to;      // dot: the "after" figure
    int line = 0;        // file position of the series entry
    int column = 0;
};

struct ChartSpec {
    ChartType type = ChartType::bar;
    ChartScale scale = ChartScale::linear;
    std::string id;     // optional: names the chart's card (cards/chart-<id>.html)
    std::string title;
    std::string unit;
    std::optional<double> max;
    std::vector<ChartSeries> series;
    int line = 0;  // the fence's position in the file
    int column = 0;
};

// One drawn mark: a bar, a point, or (dot charts) a before/after pair.
struct ChartMark {
    std::string label;
    const Figure* figure = nullptr;  // the value drawn (the "after" value of a dot pair)
    const Figure* from = nullptr;    // dot charts: the "before" value
};

struct ResolvedChart {
    ChartSpec spec;
    std::vector<ChartMark> marks;
    std::string unit;  // the unit all figures share
};

// The info string that marks a chart block.
bool is_chart_block(const std::string& fence_info);

// Parses the block's text; `line`/`column` are the fence's file position.
std::optional<ChartSpec> parse_chart_spec(const std::string& path, const std::string& yaml, int line, int column,
                                          Diagnostics& out);

// Looks every figure up and checks units; nothing on error.
std::optional<ResolvedChart> resolve_chart(const std::string& path, const ChartSpec& spec, const Registry& registry,
                                           Diagnostics& out);

}  // namespace sourced
