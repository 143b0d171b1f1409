// Drawing a resolved chart: inline SVG plus a data table, no script.
//
// Owns the geometry of bar, column, line and dot (before/after) charts, the
// axis and its ticks, and the markup around them: every mark links to its
// figure's ledger entry, a non-verified figure is hatched and outlined with
// its status word (never colour alone), and a visible table under the chart
// repeats each value as a figure link whose card opens on hover or focus.
#pragma once

#include <string>
#include <vector>

#include "chart_spec.h"
#include "link_style.h"
#include "reference_resolver.h"
#include "registry.h"
#include "registry_marks.h"

namespace sourced {

// The <svg> element alone and its size in user units (viewBox). `anchor`
// prefixes the ids inside it (title, description, hatch patterns).
struct ChartSvg {
    std::string svg;
    double width = 0;
    double height = 0;
};
ChartSvg render_chart_svg(const ResolvedChart& chart, const std::string& anchor, const LinkStyle& links);

// A one-line description of the chart for screen readers: title, unit and
// every mark's value and status.
std::string chart_description(const ResolvedChart& chart);

// "bar", "column", "line" or "dot".
const char* chart_type_name(ChartType type);

// The chart as a <figure>: caption, SVG, data table. `anchor` is the chart's element id; `uses` are the figure uses of the
// table, in mark order (for dot charts: from, to, from, to, ...).
std::string render_chart_html(const ResolvedChart& chart, const std::string& anchor,
                              const std::vector<FigureUse>& uses, const Registry& registry, const RegistryMarks& marks,
                              const LinkStyle& links);

}  // namespace sourced
