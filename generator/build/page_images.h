// The images pages show: inputs the build copies into the site.
//
// Owns reading each local image a page references (`![alt](img/x.png)`,
// local_links.h) and placing it in the site at its path relative to the
// content directory (the page's <img src> says the same). An image is an
// input like a page: a symbolic link to a file outside the content directory
// is refused, as LOAD007 refuses such a page, and so is a path that leads out
// of it. Errors are at the image's position in the Markdown file:
//   IMG001  no such file
//   IMG002  outside the content directory (by its path or by a symbolic link),
//           or written from the host's root ("/img/x.png")
//   IMG003  its site path is a file sourced generates (index.html, assets/...)
// http(s) images are not touched. Copied every build, like the assets, so an
// incremental build refreshes them too.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "file_system.h"
#include "local_links.h"

namespace sourced {

// Reads the images among `links` (written in `page_path`) into `images`
// (site path -> bytes; one read per image however many pages show it).
// `generated`: true for a site path sourced writes itself.
void load_page_images(const FileSystem& files, const std::string& content_dir, const std::string& page_path,
                      const std::vector<LocalLink>& links, const std::function<bool(const std::string&)>& generated,
                      std::map<std::string, std::string>& images, Diagnostics& out);

}  // namespace sourced
