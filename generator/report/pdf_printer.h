// Printing an HTML file to PDF with Debian's headless Chromium.
//
// Owns finding the browser and running it; reports clearly how to install
// it when it is missing. Nothing else in sourced starts another program.
#pragma once

#include <string>

#include "diagnostics.h"

namespace sourced {

// The chromium binary to use ($SOURCED_CHROMIUM, else /usr/bin/chromium), or
// empty if there is none.
std::string find_chromium();

// Prints `html_path` to `pdf_path`. False (with a diagnostic) on failure.
bool print_to_pdf(const std::string& html_path, const std::string& pdf_path, Diagnostics& out);

}  // namespace sourced
