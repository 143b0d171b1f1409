#include "status.h"

namespace sourced {

namespace {
struct StatusInfo {
    Status status;
    const char* name;
    const char* symbol;
    const char* summary;
    const char* when;
};

const StatusInfo kStatuses[] = {
    {Status::verified, "verified", "✓",
     "Checked by this project against the primary text.",
     "The figure's evidence is a quote from a primary source with a URL, and the verification record says when and how it was checked."},
    {Status::reported, "reported", "◆",
     "A credible secondary source reports it and names its origin; not yet checked against that origin.",
     "Most figures read in press coverage and analysis."},
    {Status::self_reported, "self-reported", "◇",
     "Claimed by the party it flatters, with no independent confirmation.",
     "A vendor's benchmark, a lab's statement about its own model or chip."},
    {Status::projected, "projected", "▷",
     "A forecast or roadmap figure for something that has not happened or shipped.",
     "Roadmaps, market forecasts, analysts' estimates of the future."},
    {Status::unverified, "unverified", "?",
     "Stated without a traceable origin.",
     "A number an article gives without saying where it comes from."},
    {Status::disputed, "disputed", "⚠",
     "Sources give different values for the same quantity.",
     "Conflicting reports; each source is listed with what it says."},
    {Status::false_, "false", "✗",
     "Shown wrong by the evidence.",
     "A widely repeated number that the primary text contradicts."},
};

const StatusInfo& info(Status s) {
    for (const auto& entry : kStatuses)
        if (entry.status == s) return entry;
    return kStatuses[0];
}
}  // namespace

std::optional<Status> parse_status(const std::string& name) {
    for (const auto& entry : kStatuses)
        if (name == entry.name) return entry.status;
    return std::nullopt;
}

const std::vector<Status>& all_statuses() {
    static const std::vector<Status> statuses = [] {
        std::vector<Status> v;
        for (const auto& entry : kStatuses) v.push_back(entry.status);
        return v;
    }();
    return statuses;
}

std::string status_name(Status s) { return info(s).name; }
std::string status_symbol(Status s) { return info(s).symbol; }
std::string status_summary(Status s) { return info(s).summary; }
std::string status_when_to_use(Status s) { return info(s).when; }
bool is_flagged(Status s) { return s != Status::verified; }

}  // namespace sourced
