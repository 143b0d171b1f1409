#include "chart_ticks.h"

#include <cmath>
#include <cstdio>

namespace sourced {

namespace {
double nice_step(double range, int target) {
    double raw = range / std::max(1, target);
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
}
}  // namespace

std::vector<double> linear_ticks(double low, double high, int target) {
    low = std::min(0.0, low);
    if (!(high > low)) high = low + 1;
    double step = nice_step(high - low, target);
    std::vector<double> ticks;
    double start = std::floor(low / step) * step;
    for (int i = 0; i < 1000; ++i) {
        double t = start + i * step;
        if (std::fabs(t) < step * 1e-9) t = 0;  // no "-0" or 1e-17
        ticks.push_back(t);
        if (t >= high - step * 1e-9) break;
    }
    return ticks;
}

std::vector<double> log_ticks(double low, double high) {
    std::vector<double> ticks;
    if (!(low > 0) || !(high > 0)) return ticks;
    int first = static_cast<int>(std::floor(std::log10(low) + 1e-9));
    int last = static_cast<int>(std::ceil(std::log10(high) - 1e-9));
    if (last <= first) last = first + 1;
    for (int e = first; e <= last; ++e) ticks.push_back(std::pow(10.0, e));
    return ticks;
}

std::string compact_number(double value) {
    struct Scale { double factor; const char* suffix; };
    static const Scale scales[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    double magnitude = std::fabs(value);
    char buf[32];
    for (const auto& s : scales) {
        if (magnitude >= s.factor) {
            std::snprintf(buf, sizeof buf, "%.3g%s", value / s.factor, s.suffix);
            return buf;
        }
    }
    std::snprintf(buf, sizeof buf, "%.4g", value);
    return buf;
}

}  // namespace sourced
