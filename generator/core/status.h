// Figure status: how far a number can be trusted, and how that is shown.
//
// Owns the closed list of statuses, their names in the registry, and the
// words, symbols and explanations every output uses for them. A status is
// always shown as a word and a symbol, never by colour alone.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sourced {

enum class Status { verified, reported, self_reported, projected, unverified, disputed, false_ };

std::optional<Status> parse_status(const std::string& name);
const std::vector<Status>& all_statuses();

std::string status_name(Status s);         // as written in the registry: "self-reported"
std::string status_symbol(Status s);       // "✓", "◆", ...
std::string status_summary(Status s);      // one line: what the status means
std::string status_when_to_use(Status s);  // one line: when an editor gives it
bool is_flagged(Status s);                 // every status but verified

}  // namespace sourced
