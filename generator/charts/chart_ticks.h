// Axis ticks for charts: "nice" linear steps and powers of ten for log
// scales, and compact tick labels (1K, 2.5M). Pure arithmetic, no drawing.
#pragma once

#include <string>
#include <vector>

namespace sourced {

// Ticks from 0 (or below `low` when it is negative) up to at least `high`,
// stepped by 1, 2 or 5 times a power of ten, about `target` of them.
std::vector<double> linear_ticks(double low, double high, int target = 5);

// Powers of ten covering [low, high]; both must be > 0.
std::vector<double> log_ticks(double low, double high);

// 2664000 -> "2.66M", 5000 -> "5K", 0.435 -> "0.435", 75 -> "75".
std::string compact_number(double value);

}  // namespace sourced
