#include "figure_revision.h"

#include <nlohmann/json.hpp>

#include "display_text.h"

namespace sourced {

std::uint64_t fnv1a64(const std::string& text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

namespace {

// The canonical text the revision hashes (compact JSON, fixed key order).
std::string figure_revision_input(const Figure& figure) {
    // Arrays, not objects, so the order is fixed by this code, not by a map.
    nlohmann::json evidence = nlohmann::json::array();
    for (const Evidence& ev : figure.evidence) evidence.push_back({ev.source_id, ev.quote, ev.locator});
    nlohmann::json canonical = {"sourced-figure-revision/1", plain_number(figure.value), figure.unit, figure.display,
                                status_name(figure.status), evidence};
    return canonical.dump();
}

}  // namespace

std::string figure_revision(const Figure& figure) {
    static const char* const kHex = "0123456789abcdef";
    std::uint64_t hash = fnv1a64(figure_revision_input(figure));
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<size_t>(i)] = kHex[hash & 0xf];
    return out;
}

std::string figure_changed_date(const Figure& figure, const Registry& registry) {
    if (!figure.changed.empty()) return figure.changed;
    std::string latest = figure.as_of;
    auto consider = [&latest](const std::string& date) {
        if (date > latest) latest = date;
    };
    if (figure.verified) consider(figure.verified->on);
    for (const Evidence& ev : figure.evidence)
        if (const Source* s = registry.source(ev.source_id)) {
            consider(s->issued);
            consider(s->accessed);
        }
    return latest;
}

}  // namespace sourced
