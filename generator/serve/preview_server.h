// The preview server of `sourced serve`: the site from memory over HTTP.
//
// Owns serving the latest good build (cpp-httplib): request paths mapped to
// site files with no way out of the site (no "..", no encoded dots, no
// directory listing), MIME types, ETag and Last-Modified with 304 answers,
// the site's 404 page, and live reload: a small script injected into HTML
// responses only here (never into `sourced build` output) listens on a
// Server-Sent Events stream for "reload" after a good rebuild and "failure"
// (with the diagnostics, shown as an overlay) after a bad one.
//
// Every web page the user has open can send it requests, so it answers only
// requests that name it (Host, Origin: no DNS rebinding), only GET and HEAD
// without a body, ignores Range, and holds under many tabs, idle connections
// and slow requests: a thread per connection up to kMaxConnections, deadlines
// on every wait (docs/serve.md, docs/security.md "The preview server").
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "site_writer.h"

namespace sourced {

class PreviewServer {
public:
    // Limits (docs/serve.md, "What the server does and refuses").
    // Connections open at once; past it a new one is closed unanswered.
    static constexpr int kMaxConnections = 512;
    // Live-reload streams open at once; past it /__sourced/events gets 503.
    static constexpr int kMaxEventStreams = 64;
    // A connection waits this long for a request (the first, or the next one).
    static constexpr std::chrono::seconds kIdleTimeout{5};
    // From its first byte a request must arrive whole (line and headers) within this.
    static constexpr std::chrono::seconds kRequestDeadline{5};
    // A request's line and headers together, at most.
    static constexpr size_t kMaxRequestHead = 64 * 1024;

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
    // Whether a request's Host header names this server, bound to `bound` on
    // `port`: localhost, 127.0.0.1, [::1] or the bound address, with this port
    // or none; any IP address if bound to every address (0.0.0.0, ::). Never a
    // name an attacker controls (DNS rebinding).
    static bool allowed_host(const std::string& host, const std::string& bound, int port);
    // Whether an Origin header is this server's own origin: http://, a Host
    // allowed_host() accepts, with this port (none only for port 80).
    static bool allowed_origin(const std::string& origin, const std::string& bound, int port);
    // The warning to print before listening on `host`; empty for loopback.
    static std::string bind_warning(const std::string& host);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sourced
