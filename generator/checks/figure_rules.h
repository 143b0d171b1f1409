// Rules about figures as a whole registry: status, staleness, quantities,
// derived figures, display text (SRC005-SRC009, SRC012). Rules about one
// entry's shape live in registry.h; these need several entries, a date, or
// to read a number.
//
//   SRC005 error  a `verified` figure lacks a primary source with a URL, or a quote
//   SRC006 note   a figure's `review_by` date has passed (it renders as stale)
//   SRC007 error  figures share a `quantity` but differ in value and are not all `disputed`
//   SRC008 error  a `derived` expression does not parse, names an unknown figure,
//                 or computes a value the stated one does not round to
//   SRC009 error  a derived figure's status is stronger than its weakest input's
//   SRC012 error  a figure's `display` states a number its value does not round to
//                 (read like link text, figure_numbers.h), at the display field
#pragma once

#include <string>

#include "diagnostics.h"
#include "figure_numbers.h"
#include "registry.h"
#include "registry_marks.h"

namespace sourced {

// Strength of a status, for "no stronger than its inputs": verified 6 >
// reported 5 > self-reported 4 > projected 3 > unverified 2 > disputed 1 > false 0.
int status_strength(Status s);

// The date a build treats as today when none is given: the newest date in
// the content (page dates, figures' as_of and verified.on, sources' issued
// and accessed), so a build's output depends on its input only.
std::string newest_content_date(const Registry& registry, const std::vector<std::string>& page_dates);

// Runs SRC005-SRC009 and SRC012 over `registry`; marks stale figures and
// derived figures' arithmetic in `marks` for rendering. `registry_text`
// locates errors inside a `derived` string and at a `display`. `style`: how
// the site writes numbers (site.json's language), for reading `display`.
void check_figure_rules(const Registry& registry, const std::string& registry_path, const std::string& registry_text,
                        const std::string& today, RegistryMarks& marks, Diagnostics& out, NumberStyle style = {});

}  // namespace sourced
