// The preview server of `sourced serve`: the site from memory over HTTP.
//
// Owns serving the latest good build (cpp-httplib): request paths mapped to
// site files with no way out of the site (no "..", no encoded dots, no
// directory listing), MIME types, ETag and Last-Modified with 304 answers,
// the site's 404 page, and live reload: a small script injected into HTML
// responses only here (never into `sourced build` output) listens on a
// Server-Sent Events stream for "reload" after a good rebuild and "failure"
// (with the diagnostics, shown as an overlay) after a bad one.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "site_writer.h"

namespace sourced {

class PreviewServer {
public:
    PreviewServer();
    ~PreviewServer();
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    // A good build: serve it and tell browsers to reload.
    void publish(OutputTree tree);
    // A good rebuild that changed only these files (the others stay): serve
    // them and tell browsers to reload.
    void publish_changes(OutputTree changed);
    // A failed build: keep serving the last good site, show `diagnostics`.
    void publish_failure(const std::string& diagnostics);

    // Binds to host:port (port 0: any free port). False if it cannot, also when
    // another server listens on that port.
    bool bind(const std::string& host, int port);
    int port() const;
    void run();   // serves until stop(); call after bind()
    void stop();

    // "/a/b.html" -> "a/b.html", "/" -> "index.html", "/figures/" ->
    // "figures/index.html"; nothing for paths that try to leave the site.
    static std::optional<std::string> site_path_for(const std::string& url_path);
    // The warning to print before listening on `host`; empty for loopback.
    static std::string bind_warning(const std::string& host);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sourced
