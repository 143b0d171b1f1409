#include "preview_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <condition_variable>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "file_system.h"

namespace sourced {

namespace {

constexpr const char* kLiveScript = R"JS((function () {
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'sourced-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;' +
        'background:#3a0000;color:#fff;font:13px/1.45 ui-monospace,monospace;padding:1rem 1.2rem;' +
        'z-index:2147483647;white-space:pre-wrap;border-top:3px solid #ff6b6b';
      document.body.appendChild(overlay);
    }
    overlay.textContent = 'sourced: the last build failed; this is the last good site.\n\n' + text;
  }
  var events = new EventSource('/__sourced/events');
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('failure', function (e) { show(JSON.parse(e.data)); });
})();
)JS";

constexpr const char* kLiveTag = "<script src=\"/__sourced/live.js\" defer></script>";

std::string fnv1a_hex(const std::string& bytes) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
    return buf;
}

std::string http_date(std::time_t t) {
    char buf[64];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

// The Content-Type of a site file, by its extension.
std::string mime_type_for(const std::string& path) {
    static const std::pair<const char*, const char*> types[] = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
        {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
        {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"}, {".woff2", "font/woff2"},
        {".pdf", "application/pdf"}, {".bib", "text/plain; charset=utf-8"}, {".atom", "application/atom+xml"},
    };
    for (const auto& [ext, type] : types)
        if (ends_with(path, ext)) return type;
    return "application/octet-stream";
}

}  // namespace

struct PreviewServer::State {
    httplib::Server server;
    std::mutex mutex;
    std::condition_variable changed;
    OutputTree tree;  // the last good site; read and patched under `mutex`
    std::string failure;
    std::string last_modified = http_date(std::time(nullptr));
    uint64_t generation = 0;
    bool stopping = false;
    int port = 0;
};

PreviewServer::PreviewServer() : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.server.set_payload_max_length(1 << 16);
    // cpp-httplib's default sets SO_REUSEPORT, with which a second server binds a
    // port another one listens on and both accept. SO_REUSEADDR alone still lets a
    // restarted server reuse a port in TIME_WAIT, but a port that is taken fails.
    s.server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    s.server.Get("/__sourced/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(kLiveScript, "text/javascript; charset=utf-8");
    });

    s.server.Get("/__sourced/events", [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        uint64_t seen;
        bool failed_now;
        {
            std::lock_guard<std::mutex> lock(state_->mutex);
            seen = state_->generation;
            failed_now = !state_->failure.empty();
        }
        // A browser that connects while the build is broken sees the overlay at once.
        if (failed_now) --seen;
        res.set_chunked_content_provider("text/event-stream", [this, seen](size_t, httplib::DataSink& sink) mutable {
            std::unique_lock<std::mutex> lock(state_->mutex);
            state_->changed.wait_for(lock, std::chrono::seconds(10),
                                     [&] { return state_->generation != seen || state_->stopping; });
            if (state_->stopping) {
                sink.done();
                return false;
            }
            std::string message = ": keep-alive\n\n";
            if (state_->generation != seen) {
                seen = state_->generation;
                message = state_->failure.empty()
                              ? std::string("event: reload\ndata: ok\n\n")
                              : "event: failure\ndata: " + nlohmann::json(state_->failure).dump() + "\n\n";
            }
            lock.unlock();
            return sink.write(message.data(), message.size());
        });
    });

    s.server.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        // The file is copied under the lock: a rebuild may patch the tree (publish_changes).
        auto path = site_path_for(req.path);
        std::optional<std::string> file;
        bool directory = false;
        std::string not_found, last_modified;
        {
            std::lock_guard<std::mutex> lock(state_->mutex);
            last_modified = state_->last_modified;
            const OutputTree& tree = state_->tree;
            auto found = path ? tree.find(*path) : tree.end();
            if (found != tree.end()) file = found->second;
            else if (path && tree.count(*path + "/index.html")) directory = true;
            else if (auto page = tree.find("404.html"); page != tree.end()) not_found = page->second;
        }
        if (directory) {
            res.set_redirect(req.path + "/");
            return;
        }
        if (!file) {
            res.status = 404;
            std::string body = !not_found.empty() ? not_found
                                                  : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                                                    "<body><h1>Not found</h1><p><a href=\"/\">Front page</a></p></body></html>";
            res.set_content(body, "text/html; charset=utf-8");
            return;
        }
        std::string body = std::move(*file);
        std::string type = mime_type_for(*path);
        if (ends_with(*path, ".html")) {
            auto end = body.rfind("</body>");
            body.insert(end == std::string::npos ? body.size() : end, kLiveTag);
        }
        std::string etag = "\"" + fnv1a_hex(body) + "\"";
        res.set_header("ETag", etag);
        res.set_header("Last-Modified", last_modified);
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Content-Type-Options", "nosniff");
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        res.set_content(body, type);
    });
}

PreviewServer::~PreviewServer() { stop(); }

void PreviewServer::publish(OutputTree tree) {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->tree = std::move(tree);
        state_->failure.clear();
        state_->last_modified = http_date(std::time(nullptr));
        ++state_->generation;
    }
    state_->changed.notify_all();
}

void PreviewServer::publish_changes(OutputTree changed) {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        for (auto& [path, bytes] : changed) state_->tree[path] = std::move(bytes);
        state_->failure.clear();
        state_->last_modified = http_date(std::time(nullptr));
        ++state_->generation;
    }
    state_->changed.notify_all();
}

void PreviewServer::publish_failure(const std::string& diagnostics) {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->failure = diagnostics.empty() ? "the build failed" : diagnostics;
        ++state_->generation;
    }
    state_->changed.notify_all();
}

bool PreviewServer::bind(const std::string& host, int port) {
    if (port == 0) {
        state_->port = state_->server.bind_to_any_port(host.c_str());
        return state_->port > 0;
    }
    if (!state_->server.bind_to_port(host.c_str(), port)) return false;
    state_->port = port;
    return true;
}

int PreviewServer::port() const { return state_->port; }

void PreviewServer::run() { state_->server.listen_after_bind(); }

void PreviewServer::stop() {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->stopping = true;
    }
    state_->changed.notify_all();
    state_->server.stop();
}

std::optional<std::string> PreviewServer::site_path_for(const std::string& url_path) {
    if (url_path.empty() || url_path[0] != '/') return std::nullopt;
    std::string path = url_path.substr(1);
    if (path.empty() || path.back() == '/') path += "index.html";
    if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return std::nullopt;
    if (!is_confined_path(path)) return std::nullopt;  // "..", ".", empty segments, absolute
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    return path;
}

std::string PreviewServer::bind_warning(const std::string& host) {
    if (host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0) return "";
    return "warning: serving on " + host + ", which other machines may reach; the preview server is meant for 127.0.0.1\n";
}

}  // namespace sourced
