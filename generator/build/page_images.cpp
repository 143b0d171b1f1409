#include "page_images.h"

namespace sourced {

void load_page_images(const FileSystem& files, const std::string& content_dir, const std::string& page_path,
                      const std::vector<LocalLink>& links, const std::function<bool(const std::string&)>& generated,
                      std::map<std::string, std::string>& images, Diagnostics& out) {
    for (const LocalLink& link : links) {
        if (!link.image) continue;
        const std::string quoted = "'" + link.written + "'";
        if (link.root_relative || link.outside || link.target.empty()) {
            out.error(page_path, link.line, link.column, "IMG002",
                      "image " + quoted + " is outside the content directory; put it under " + content_dir +
                          "/ and write its path relative to the page");
            continue;
        }
        if (images.count(link.target)) continue;
        if (generated(link.target)) {
            out.error(page_path, link.line, link.column, "IMG003",
                      "image " + quoted + " would be written to '" + link.target +
                          "', a file sourced generates; move or rename it");
            continue;
        }
        std::optional<std::string> bytes = files.is_directory(link.source) ? std::nullopt : files.read(link.source);
        if (!bytes) {
            out.error(page_path, link.line, link.column, "IMG001", "image " + quoted + " not found: no file '" + link.source + "'");
            continue;
        }
        if (!files.is_inside(link.source, content_dir)) {  // (a file that does not exist is never inside)
            out.error(page_path, link.line, link.column, "IMG002",
                      "image " + quoted + " is a link to a file outside the content directory");
            continue;
        }
        images.emplace(link.target, std::move(*bytes));
    }
}

}  // namespace sourced
