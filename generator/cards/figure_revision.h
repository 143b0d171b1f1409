// A figure's revision: a short, stable fingerprint of what a reader relies on.
//
// Owns the canonical serialisation of a figure's value (number, unit, display
// text), status and evidence (source id, quote, locator, in registry order),
// its FNV-1a 64-bit hash, and the date the figure last changed. Embedders
// compare the revision to tell when a number or its status moved; anything
// else (claim wording, note, used-on pages) leaves the revision alone.
#pragma once

#include <cstdint>
#include <string>

#include "registry.h"

namespace sourced {

// FNV-1a, 64 bit, over the bytes of `text`.
std::uint64_t fnv1a64(const std::string& text);

// 16 lowercase hex digits: fnv1a64 of the figure's canonical text (compact
// JSON, fixed key order).
std::string figure_revision(const Figure& figure);

// The date the figure last changed, as ISO text: its `changed` field when the
// registry gives one, else the latest of `as_of`, `verified.on` and the
// issued/accessed dates of its evidence sources (ISO text compares in date
// order). Depends only on the registry, so it is deterministic.
std::string figure_changed_date(const Figure& figure, const Registry& registry);

}  // namespace sourced
