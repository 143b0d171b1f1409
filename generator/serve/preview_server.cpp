#include "preview_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "file_system.h"

namespace sourced {

namespace {

using Clock = std::chrono::steady_clock;

// Limits besides the public ones in preview_server.h.
constexpr std::chrono::seconds kWriteTimeout{5};  // a response (or stream) that cannot be sent for this long is dropped
constexpr int kMaxRequestsPerConnection = 100;    // keep-alive: then the connection is closed
constexpr std::chrono::seconds kStreamKeepAlive{10};        // a comment on an idle live-reload stream
constexpr std::chrono::milliseconds kStreamCheck{500};      // how often a waiting stream checks its tab is still there
constexpr std::chrono::seconds kLingerTimeout{2};            // reading what a refused request still sends, at most
constexpr size_t kLingerBytes = 1 << 20;
constexpr int kIdleThreadsKept = 8;                          // connection threads kept when idle; more end after:
constexpr std::chrono::seconds kIdleThreadLife{30};

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

std::string lowercase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "name", "name:port", "[v6]" or "[v6]:port": the name (lowercase, without
// brackets), whether it was bracketed, and the port ("" if none). Nothing for
// anything else (two colons outside brackets, a port that is not digits, ...).
struct HostParts {
    std::string name;
    bool bracketed = false;
    std::string port;
};
std::optional<HostParts> split_host(const std::string& host) {
    HostParts parts;
    std::string rest;
    if (!host.empty() && host[0] == '[') {
        auto close = host.find(']');
        if (close == std::string::npos) return std::nullopt;
        parts.name = lowercase(host.substr(1, close - 1));
        parts.bracketed = true;
        in6_addr address{};
        if (inet_pton(AF_INET6, parts.name.c_str(), &address) != 1) return std::nullopt;
        rest = host.substr(close + 1);
    } else {
        auto colon = host.find(':');
        if (host.find(':', colon == std::string::npos ? colon : colon + 1) != std::string::npos) return std::nullopt;
        parts.name = lowercase(host.substr(0, colon));
        rest = colon == std::string::npos ? "" : host.substr(colon);
    }
    if (parts.name.empty()) return std::nullopt;
    for (char c : parts.name)
        if (static_cast<unsigned char>(c) <= ' ' || c == '@' || c == '/' || c == '\\') return std::nullopt;
    if (!rest.empty()) {
        if (rest[0] != ':' || rest.size() < 2 || rest.size() > 6) return std::nullopt;
        parts.port = rest.substr(1);
        if (!std::all_of(parts.port.begin(), parts.port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
    }
    return parts;
}

// Whether `parts` names this server bound to `bound` (the name only; the port is the caller's).
bool names_this_server(const HostParts& parts, const std::string& bound) {
    if (parts.name == "localhost" || (parts.name == "127.0.0.1" && !parts.bracketed) || (parts.name == "::1" && parts.bracketed))
        return true;
    std::string own = lowercase(bound);
    if (own.size() > 2 && own.front() == '[' && own.back() == ']') own = own.substr(1, own.size() - 2);
    const bool own_is_v6 = own.find(':') != std::string::npos;
    if (parts.name == own && parts.bracketed == own_is_v6) return true;
    if (own.empty() || own == "0.0.0.0" || own == "::") {  // every address: any IP address, never a name
        in_addr v4{};
        in6_addr v6{};
        return parts.bracketed ? inet_pton(AF_INET6, parts.name.c_str(), &v6) == 1
                               : inet_pton(AF_INET, parts.name.c_str(), &v4) == 1;
    }
    return false;
}

// Milliseconds until `deadline`, rounded up (0 once it has passed), for poll().
int poll_ms(Clock::time_point deadline) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

enum class Ready { yes, timeout, stopped };

// Waits until `fd` is ready for `events`, `deadline` passes, or `stop_fd` (the
// server stopping) becomes readable.
Ready wait_ready(int fd, short events, int stop_fd, Clock::time_point deadline) {
    for (;;) {
        pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
        int n = ::poll(fds, 2, poll_ms(deadline));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || fds[1].revents) return Ready::stopped;
        if (fds[0].revents) return Ready::yes;  // also an error or hang-up: the read or write says which
        if (Clock::now() >= deadline) return Ready::timeout;
    }
}

// One client connection, as the stream cpp-httplib reads requests from and
// writes responses to: reads are buffered and bounded (a request must arrive
// whole within kRequestDeadline of its first byte, its line and headers within
// kMaxRequestHead bytes); every wait also ends when the server stops.
class Connection final : public httplib::Stream {
public:
    Connection(int fd, int stop_fd) : fd_(fd), stop_fd_(stop_fd) {}

    // Waits (kIdleTimeout at most) for the first byte of the next request.
    bool wait_for_request() {
        if (pos_ < size_) return true;
        return wait_ready(fd_, POLLIN, stop_fd_, Clock::now() + PreviewServer::kIdleTimeout) == Ready::yes;
    }
    void start_request() {
        deadline_ = Clock::now() + PreviewServer::kRequestDeadline;
        consumed_ = 0;
    }
    // A read or write failed, timed out or passed a limit: the connection is done.
    bool failed() const { return failed_; }
    // The client closed its end (a tab closed or reloaded while its stream waits).
    bool peer_gone() const {
        pollfd p{fd_, POLLIN | POLLRDHUP, 0};
        if (::poll(&p, 1, 0) <= 0) return false;
        if (p.revents & (POLLHUP | POLLERR | POLLRDHUP | POLLNVAL)) return true;
        char byte;
        return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
    }
    // Reads and drops what the client still sends (a refused body), for
    // kLingerTimeout and kLingerBytes at most, so that closing does not reset the
    // connection before the client has read the response.
    void linger() {
        ::shutdown(fd_, SHUT_WR);
        auto deadline = Clock::now() + kLingerTimeout;
        size_t dropped = 0;
        char chunk[16384];
        while (dropped < kLingerBytes && wait_ready(fd_, POLLIN, stop_fd_, deadline) == Ready::yes) {
            ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
            if (n > 0) dropped += static_cast<size_t>(n);
        }
    }

    bool close_after_response = false;  // set by a handler that refused the request

    bool is_readable() const override {
        return pos_ < size_ || wait_ready(fd_, POLLIN, stop_fd_, deadline_) == Ready::yes;
    }
    bool is_writable() const override {
        return !failed_ && wait_ready(fd_, POLLOUT, stop_fd_, Clock::now() + kWriteTimeout) == Ready::yes;
    }
    ssize_t read(char* ptr, size_t size) override {
        if (failed_) return -1;
        if (pos_ == size_) {
            pos_ = size_ = 0;
            for (;;) {
                if (wait_ready(fd_, POLLIN, stop_fd_, deadline_) != Ready::yes) return fail();
                ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, MSG_DONTWAIT);
                if (n > 0) {
                    size_ = static_cast<size_t>(n);
                    break;
                }
                if (n == 0) {
                    failed_ = true;
                    return 0;
                }
                if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return fail();
            }
        }
        size_t n = std::min(size, size_ - pos_);
        if (consumed_ + n > PreviewServer::kMaxRequestHead) return fail();
        std::memcpy(ptr, buffer_ + pos_, n);
        pos_ += n;
        consumed_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        size_t sent = 0;
        while (!failed_ && sent < size) {
            ssize_t n = ::send(fd_, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += static_cast<size_t>(n);
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (!(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                         wait_ready(fd_, POLLOUT, stop_fd_, Clock::now() + kWriteTimeout) == Ready::yes)) {
                return fail();
            }
        }
        return failed_ ? -1 : static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) describe(address, length, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) describe(address, length, ip, port);
    }
    socket_t socket() const override { return fd_; }

private:
    ssize_t fail() {
        failed_ = true;
        return -1;
    }
    static void describe(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
        char host[NI_MAXHOST], service[NI_MAXSERV];
        if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service, sizeof service,
                          NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
            ip = host;
            port = std::atoi(service);
        }
    }

    int fd_;
    int stop_fd_;
    char buffer_[16384];
    size_t pos_ = 0, size_ = 0;
    Clock::time_point deadline_ = Clock::now() + PreviewServer::kRequestDeadline;
    size_t consumed_ = 0;
    bool failed_ = false;
};

// A place among at most `max` (connections, live-reload streams), given back on destruction.
class Slot {
public:
    static std::unique_ptr<Slot> take(std::atomic<int>& taken, int max) {
        if (++taken > max) {
            --taken;
            return nullptr;
        }
        return std::unique_ptr<Slot>(new Slot(taken));
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { --taken_; }

private:
    explicit Slot(std::atomic<int>& taken) : taken_(taken) {}
    std::atomic<int>& taken_;
};

// The connection the calling thread serves (handlers run on it).
thread_local Connection* t_connection = nullptr;

// cpp-httplib's task queue, as a thread per connection: its own ThreadPool has
// a fixed number of threads (8 here) and a connection holds one for as long as
// it is open, so eight live-reload streams or idle connections left nothing for
// anyone else. Here a connection gets an idle thread or a new one, up to
// `max_threads`; threads beyond kIdleThreadsKept end after kIdleThreadLife idle.
class ConnectionThreads final : public httplib::TaskQueue {
public:
    explicit ConnectionThreads(size_t max_threads) : max_threads_(max_threads) {}
    ~ConnectionThreads() override { shutdown(); }

    void enqueue(std::function<void()> fn) override {
        std::vector<std::thread> ended;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            jobs_.push_back(std::move(fn));
            bool spawned = false;
            if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
                try {
                    std::thread thread([this] { work(); });
                    threads_.emplace(thread.get_id(), std::move(thread));
                    spawned = true;
                } catch (const std::system_error&) {
                    // No thread to be had: the job waits for one of the others.
                }
            }
            if (!spawned) work_ready_.notify_one();
            ended.swap(ended_);
        }
        for (auto& thread : ended) thread.join();
    }

    void shutdown() override {
        std::unique_lock<std::mutex> lock(mutex_);
        shutting_down_ = true;
        work_ready_.notify_all();
        all_ended_.wait(lock, [&] { return threads_.empty(); });
        std::vector<std::thread> ended;
        ended.swap(ended_);
        lock.unlock();
        for (auto& thread : ended) thread.join();
    }

private:
    void work() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            while (jobs_.empty() && !shutting_down_) {
                ++idle_;
                bool woken = work_ready_.wait_for(lock, kIdleThreadLife, [&] { return !jobs_.empty() || shutting_down_; });
                --idle_;
                if (!woken && threads_.size() > static_cast<size_t>(kIdleThreadsKept)) return end(lock);
            }
            if (jobs_.empty()) return end(lock);  // shutting down, every job done
            auto job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            lock.lock();
        }
    }
    // Called by an ending thread, under the lock: a later enqueue() or shutdown() joins it.
    void end(std::unique_lock<std::mutex>&) {
        auto self = threads_.find(std::this_thread::get_id());
        ended_.push_back(std::move(self->second));
        threads_.erase(self);
        all_ended_.notify_all();
    }

    const size_t max_threads_;
    std::mutex mutex_;
    std::condition_variable work_ready_, all_ended_;
    std::deque<std::function<void()>> jobs_;
    std::map<std::thread::id, std::thread> threads_;
    std::vector<std::thread> ended_;
    size_t idle_ = 0;
    bool shutting_down_ = false;
};

}  // namespace

// Named, not anonymous: PreviewServer::State holds one (an anonymous type in a
// member of a class with linkage is -Wsubobject-linkage in a unity build).
namespace serve_detail {

// cpp-httplib's Server with its connection handling replaced (the same hook its
// SSLServer uses): a thread per connection (ConnectionThreads), at most
// kMaxConnections open, each request read through a Connection (deadline, size
// limit, no busy polling while idle), Range headers dropped, and every wait
// ended at once by stop_connections(). Parsing, routing and writing responses
// stay cpp-httplib's (process_request).
class HardenedServer final : public httplib::Server {
public:
    HardenedServer() : stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
        new_task_queue = [] { return new ConnectionThreads(PreviewServer::kMaxConnections + 32); };
        set_keep_alive_timeout(PreviewServer::kIdleTimeout.count());  // what the Keep-Alive header says
        set_keep_alive_max_count(kMaxRequestsPerConnection);
        set_read_timeout(PreviewServer::kRequestDeadline.count());
        set_write_timeout(kWriteTimeout.count());
        set_payload_max_length(0);  // no request has a body (the pre-routing handler refuses them first)
    }
    ~HardenedServer() override {
        if (stop_fd_ >= 0) ::close(stop_fd_);
    }

    // Room for many connections arriving at once (cpp-httplib listens with a backlog of 5).
    void raise_backlog() {
        if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
    }
    // After stop(): ends every connection's waits, and the accept loop if stop()
    // came before it started (stop() only closes the socket of a running server).
    void stop_connections() {
        stopped_ = true;
        uint64_t one = 1;
        if (stop_fd_ >= 0 && ::write(stop_fd_, &one, sizeof one) < 0) { /* already signalled */ }
        if (svr_sock_ != INVALID_SOCKET) ::shutdown(svr_sock_, SHUT_RDWR);
    }

private:
    bool process_and_close_socket(socket_t sock) override {
        auto slot = Slot::take(open_, PreviewServer::kMaxConnections);
        if (!slot || stopped_) {
            ::close(sock);
            return false;
        }
        Connection connection(sock, stop_fd_);
        t_connection = &connection;
        bool ok = true;
        for (int served = 0; served < kMaxRequestsPerConnection && !stopped_; ++served) {
            if (!connection.wait_for_request()) break;
            connection.start_request();
            bool client_closes = false;
            ok = process_request(connection, served + 1 == kMaxRequestsPerConnection, client_closes,
                                 [](httplib::Request& req) { req.ranges.clear(); });  // Range is ignored
            if (!ok || client_closes || connection.failed() || connection.close_after_response) break;
        }
        t_connection = nullptr;
        // A refused request may still be sending its body: read it away before closing,
        // or the client may get a reset instead of the response.
        if (connection.close_after_response && !connection.failed()) connection.linger();
        ::close(sock);
        return ok;
    }

    int stop_fd_;
    std::atomic<bool> stopped_{false};
    std::atomic<int> open_{0};
};

}  // namespace serve_detail

struct PreviewServer::State {
    serve_detail::HardenedServer server;
    std::mutex mutex;
    std::condition_variable changed;
    OutputTree tree;  // the last good site; read and patched under `mutex`
    std::string failure;
    std::string last_modified = http_date(std::time(nullptr));
    uint64_t generation = 0;
    bool stopping = false;
    std::string bound = "127.0.0.1";  // set by bind(), before run()
    int port = 0;
    std::atomic<int> event_streams{0};
};

PreviewServer::PreviewServer() : state_(std::make_unique<State>()) {
    State& s = *state_;
    // cpp-httplib's default sets SO_REUSEPORT, with which a second server binds a
    // port another one listens on and both accept. SO_REUSEADDR alone still lets a
    // restarted server reuse a port in TIME_WAIT, but a port that is taken fails.
    s.server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    // Before any route: what this server answers at all (docs/serve.md).
    s.server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        auto refuse = [&](int status, const std::string& why) {
            res.status = status;
            res.set_header("Connection", "close");
            res.set_header("Cache-Control", "no-store");
            res.set_content(why + "\n", "text/plain; charset=utf-8");
            if (t_connection) t_connection->close_after_response = true;
            return httplib::Server::HandlerResponse::Handled;
        };
        const State& st = *state_;
        // DNS rebinding: a page whose name resolves to 127.0.0.1 sends that name.
        if (req.get_header_value_count("Host") != 1 || !allowed_host(req.get_header_value("Host"), st.bound, st.port))
            return refuse(403, "Forbidden: this preview server answers only to localhost, 127.0.0.1, [::1] or the "
                               "address it is bound to in the Host header");
        // Another site's page (a cross-origin request carries its Origin).
        if (req.has_header("Origin") &&
            (req.get_header_value_count("Origin") != 1 || !allowed_origin(req.get_header_value("Origin"), st.bound, st.port)))
            return refuse(403, "Forbidden: a request from another origin");
        if (req.method != "GET" && req.method != "HEAD") {
            res.set_header("Allow", "GET, HEAD");
            return refuse(405, "Method Not Allowed: the preview server only serves files (GET, HEAD)");
        }
        if (req.has_header("Transfer-Encoding") ||
            (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0"))
            return refuse(413, "Payload Too Large: the preview server takes no request bodies");
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // A refused request's connection closes: say only that (cpp-httplib would add Keep-Alive).
    s.server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.get_header_value("Connection") == "close") res.headers.erase("Keep-Alive");
    });

    s.server.Get("/__sourced/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(kLiveScript, "text/javascript; charset=utf-8");
    });

    s.server.Get("/__sourced/events", [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        std::shared_ptr<Slot> slot = Slot::take(state_->event_streams, kMaxEventStreams);
        if (!slot) {
            res.status = 503;
            res.set_header("Retry-After", "10");
            res.set_content("Service Unavailable: too many live-reload streams are open (at most " +
                                std::to_string(kMaxEventStreams) + "); this tab will not reload by itself\n",
                            "text/plain; charset=utf-8");
            return;
        }
        Connection* connection = t_connection;
        uint64_t seen;
        bool failed_now;
        {
            std::lock_guard<std::mutex> lock(state_->mutex);
            seen = state_->generation;
            failed_now = !state_->failure.empty();
        }
        // A browser that connects while the build is broken sees the overlay at once.
        if (failed_now) --seen;
        res.set_chunked_content_provider(
            "text/event-stream", [this, seen, slot, connection](size_t, httplib::DataSink& sink) mutable {
                // Waits for a change (or kStreamKeepAlive), checking every kStreamCheck
                // that the tab is still there: a closed tab gives its slot back at once.
                const auto keep_alive_at = Clock::now() + kStreamKeepAlive;
                std::unique_lock<std::mutex> lock(state_->mutex);
                for (;;) {
                    if (state_->changed.wait_for(lock, kStreamCheck,
                                                 [&] { return state_->generation != seen || state_->stopping; }))
                        break;
                    lock.unlock();
                    if (connection && connection->peer_gone()) return false;
                    const bool keep_alive_due = Clock::now() >= keep_alive_at;
                    lock.lock();
                    if (keep_alive_due) break;
                }
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
    state_->bound = host;
    if (port == 0) {
        state_->port = state_->server.bind_to_any_port(host.c_str());
        if (state_->port <= 0) return false;
    } else {
        if (!state_->server.bind_to_port(host.c_str(), port)) return false;
        state_->port = port;
    }
    state_->server.raise_backlog();
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
    state_->server.stop_connections();
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

bool PreviewServer::allowed_host(const std::string& host, const std::string& bound, int port) {
    auto parts = split_host(host);
    return parts && names_this_server(*parts, bound) && (parts->port.empty() || parts->port == std::to_string(port));
}

bool PreviewServer::allowed_origin(const std::string& origin, const std::string& bound, int port) {
    const std::string scheme = "http://";
    if (origin.compare(0, scheme.size(), scheme) != 0) return false;
    auto parts = split_host(origin.substr(scheme.size()));  // a '/' (a path) makes it fail
    if (!parts || !names_this_server(*parts, bound)) return false;
    return parts->port.empty() ? port == 80 : parts->port == std::to_string(port);
}

std::string PreviewServer::bind_warning(const std::string& host) {
    if (host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0) return "";
    return "warning: serving on " + host + ", which other machines may reach; the preview server is meant for 127.0.0.1\n";
}

}  // namespace sourced
