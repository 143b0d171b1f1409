// The preview server of `sourced serve`, started in-process on a free port
// with an in-memory site and queried with cpp-httplib's client: MIME types,
// caching headers, the 404 page, no directory listing, no way out of the
// site, the bind warning, and the live-reload script (served pages only).
#include <catch2/catch.hpp>

#include <httplib.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "content_watcher.h"
#include "preview_server.h"
#include "raw_http.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// A PreviewServer on 127.0.0.1:<free port>, serving `tree`, stopped on destruction.
class RunningServer {
public:
    explicit RunningServer(OutputTree tree) {
        server_.publish(std::move(tree));
        REQUIRE(server_.bind("127.0.0.1", 0));
        thread_ = std::thread([this] { server_.run(); });
    }
    ~RunningServer() {
        server_.stop();
        thread_.join();
    }
    PreviewServer& server() { return server_; }
    httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
        httplib::Client client("127.0.0.1", server_.port());
        client.set_connection_timeout(5);
        client.set_read_timeout(5);
        return client.Get(path.c_str(), headers);
    }

private:
    PreviewServer server_;
    std::thread thread_;
};

OutputTree sample_tree() {
    return {
        {"index.html", "<!DOCTYPE html><html><body><p>front</p></body></html>"},
        {"404.html", "<!DOCTYPE html><html><body><p>the site's own 404</p></body></html>"},
        {"pages/a.html", "<html><body>page a</body></html>"},
        {"assets/sourced.css", "body{color:black}"},
        {"cards/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
        {"cards/x.png", std::string("\x89PNG\r\n\x1a\n", 8)},
        {"cards/x.oembed.json", "{\"type\":\"rich\"}"},
        {"sitemap.xml", "<urlset/>"},
        {"robots.txt", "User-agent: *"},
        {"figures/index.html", "<html><body>ledger</body></html>"},
        {"images/chart.svg", "<svg/>"},  // a directory with no index.html
    };
}

}  // namespace

TEST_CASE("the preview server answers each file type with its MIME type", "[serve]") {
    RunningServer running(sample_tree());
    const std::pair<const char*, const char*> expected[] = {
        {"/", "text/html; charset=utf-8"},
        {"/pages/a.html", "text/html; charset=utf-8"},
        {"/assets/sourced.css", "text/css; charset=utf-8"},
        {"/cards/x.svg", "image/svg+xml"},
        {"/cards/x.png", "image/png"},
        {"/cards/x.oembed.json", "application/json"},
        {"/sitemap.xml", "application/xml"},
        {"/robots.txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [path, type] : expected) {
        INFO(path);
        auto res = running.get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == type);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    }
    CHECK(running.get("/cards/x.png")->body == std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_CASE("the preview server sends ETag and Last-Modified and answers 304 to a matching If-None-Match", "[serve]") {
    RunningServer running(sample_tree());
    auto first = running.get("/assets/sourced.css");
    REQUIRE(first);
    std::string etag = first->get_header_value("ETag");
    CHECK(etag.size() > 2);
    CHECK(etag.front() == '"');
    CHECK(first->get_header_value("Last-Modified").find(" GMT") != std::string::npos);

    auto again = running.get("/assets/sourced.css", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    auto stale = running.get("/assets/sourced.css", {{"If-None-Match", "\"0000000000000000\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(stale->body == "body{color:black}");

    OutputTree changed = sample_tree();
    changed["assets/sourced.css"] = "body{color:navy}";
    running.server().publish(changed);
    auto after = running.get("/assets/sourced.css", {{"If-None-Match", etag}});
    REQUIRE(after);
    CHECK(after->status == 200);
    CHECK(after->body == "body{color:navy}");
    CHECK(after->get_header_value("ETag") != etag);
}

TEST_CASE("a missing file gets the site's 404 page with status 404", "[serve]") {
    RunningServer running(sample_tree());
    auto res = running.get("/pages/nowhere.html");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("the site's own 404") != std::string::npos);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
}

TEST_CASE("a directory without an index is a 404, never a listing", "[serve]") {
    RunningServer running(sample_tree());
    for (const char* path : {"/images/", "/images", "/cards/", "/cards"}) {
        INFO(path);
        auto res = running.get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
        CHECK(res->body.find("chart.svg") == std::string::npos);
        CHECK(res->body.find("x.svg") == std::string::npos);
    }
    auto with_index = running.get("/figures/");
    REQUIRE(with_index);
    CHECK(with_index->status == 200);
    CHECK(with_index->body.find("ledger") != std::string::npos);
}

TEST_CASE("paths that try to leave the site are refused", "[serve]") {
    RunningServer running(sample_tree());
    // Each would reach a served file ("index.html", "pages/a.html") if the
    // server normalised it; it must not.
    for (const char* path :
         {"/pages/../index.html", "/pages/%2e%2e/index.html", "/pages/%2E%2E/index.html", "/pages%2f..%2findex.html",
          "/pages/..%2findex.html", "/pages/..\\index.html", "/pages\\a.html", "/pages/%5ca.html", "/index.html%00",
          "/index.html%00.png", "/./index.html", "/pages//a.html", "/../../../../etc/passwd",
          "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd"}) {
        INFO(path);
        auto res = running.get(path);
        REQUIRE(res);
        CHECK(res->status >= 400);
        CHECK(res->body.find("front") == std::string::npos);
        CHECK(res->body.find("page a") == std::string::npos);
        CHECK(res->body.find("root:") == std::string::npos);
    }
    // The mapping itself, without HTTP in between.
    CHECK(PreviewServer::site_path_for("/pages/a.html") == std::optional<std::string>("pages/a.html"));
    CHECK(PreviewServer::site_path_for("/") == std::optional<std::string>("index.html"));
    for (const std::string& path : std::vector<std::string>{"/../x", "/a/../b", "/a\\b", std::string("/a\0b", 4), "/a/./b",
                                                            "//etc/passwd", "a.html", "/a\x01.html"})
        CHECK_FALSE(PreviewServer::site_path_for(path));
}

TEST_CASE("binding to anything but loopback prints a warning", "[serve]") {
    for (const char* host : {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
        INFO(host);
        CHECK(PreviewServer::bind_warning(host).empty());
    }
    for (const char* host : {"0.0.0.0", "192.168.1.10", "::"}) {
        INFO(host);
        std::string warning = PreviewServer::bind_warning(host);
        CHECK(warning.rfind("warning: ", 0) == 0);
        CHECK(warning.find(host) != std::string::npos);
    }
}

TEST_CASE("a port another server listens on cannot be bound, and is free again once that server stops", "[serve]") {
    int port = 0;
    {
        RunningServer first(sample_tree());
        port = first.server().port();
        PreviewServer second;
        CHECK_FALSE(second.bind("127.0.0.1", port));
        // The first still answers: the second took nothing from it.
        auto front = first.get("/");
        REQUIRE(front);
        CHECK(front->status == 200);
    }
    PreviewServer again;
    CHECK(again.bind("127.0.0.1", port));
}

TEST_CASE("sourced serve on a taken port exits 1 with the error before building, with or without -q", "[serve][e2e]") {
    test::TempDir tmp;
    for (const char* part : {"content", "templates", "assets"})
        fs::copy(fs::path(SOURCED_PROJECT_DIR) / part, tmp.path() / part, fs::copy_options::recursive);
    RunningServer taken(sample_tree());
    const std::string port = std::to_string(taken.server().port());
    auto serve = [&](const std::string& flags) {
        // `timeout`: a serve that listens anyway would run until killed (status 124).
        std::string command = "cd '" + tmp.path().string() + "' && timeout 60 " + SOURCED_BINARY + " serve --no-card-images --port " +
                              port + flags + " >out 2>&1 </dev/null";
        int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    const std::string error = "error: cannot listen on 127.0.0.1:" + port + " (in use? try --port 0 for any free port)\n";

    // The port is taken before the first build: the error alone, at once.
    CHECK(serve("") == 1);
    CHECK(test::read_file(tmp.path() / "out") == error);
    CHECK(serve(" -q") == 1);
    CHECK(test::read_file(tmp.path() / "out") == error);
}

TEST_CASE("serve injects the live-reload script into HTML and sourced build output never has it", "[serve]") {
    MemoryFileSystem files = test::project_files();
    files.add("content/registry.json", test::sample_registry());
    files.add("content/index.md", "---\ntitle: Front\n---\nCompute was [](fig:v3-pretrain-gpu-hours) and yield "
                                  "[](fig:packaging-yield) [@v3-report] [@csis].\n");
    BuildResult built = test::build_in_memory(files);
    INFO(test::diagnostics_text(built));
    REQUIRE(built.ok);
    for (const auto& [path, bytes] : built.output) {
        INFO(path);
        CHECK(bytes.find("__sourced") == std::string::npos);
        CHECK(bytes.find("EventSource") == std::string::npos);
    }

    RunningServer running(built.output);
    auto page = running.get("/");
    REQUIRE(page);
    CHECK(test::count_occurrences(page->body, "<script src=\"/__sourced/live.js\" defer></script></body>") == 1);
    auto css = running.get("/assets/sourced.css");
    REQUIRE(css);
    CHECK(css->body == built.output.at("assets/sourced.css"));
    auto script = running.get("/__sourced/live.js");
    REQUIRE(script);
    CHECK(script->body.find("EventSource('/__sourced/events')") != std::string::npos);
}

TEST_CASE("the events stream tells a browser to reload after a good build and shows a failure", "[serve]") {
    RunningServer running(sample_tree());
    std::string received;
    std::atomic<bool> done{false};
    // Publishes a failure, then a good build, until the client has seen both:
    // the stream reports the state at each change, whenever the client connected.
    std::thread publisher([&] {
        while (!done) {
            running.server().publish_failure("content/registry.json:3:1: error[JSON001]: bad <json>");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            running.server().publish(sample_tree());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    httplib::Client client("127.0.0.1", running.server().port());
    client.set_read_timeout(10);
    client.Get("/__sourced/events", [&](const char* data, size_t length) {
        received.append(data, length);
        bool seen_both = received.find("event: failure") != std::string::npos &&
                         received.find("event: reload", received.find("event: failure")) != std::string::npos;
        return !seen_both;
    });
    done = true;
    publisher.join();
    CHECK(received.find("event: failure\ndata: \"content/registry.json:3:1: error[JSON001]: bad <json>\"") !=
          std::string::npos);
    CHECK(received.find("event: reload\ndata: ok") != std::string::npos);
}

TEST_CASE("a rebuild that changed a few files replaces only those in the served site", "[serve]") {
    RunningServer running(sample_tree());
    running.server().publish_changes({{"pages/a.html", "<html><body>page a, edited</body></html>"},
                                      {"pages/b.html", "<html><body>page b, new</body></html>"}});
    auto a = running.get("/pages/a.html");
    REQUIRE(a);
    CHECK(a->body.find("page a, edited") != std::string::npos);
    auto b = running.get("/pages/b.html");
    REQUIRE(b);
    CHECK(b->body.find("page b, new") != std::string::npos);
    auto ledger = running.get("/figures/index.html");  // untouched
    REQUIRE(ledger);
    CHECK(ledger->body.find("ledger") != std::string::npos);
    CHECK(running.get("/")->body.find("front") != std::string::npos);
}

TEST_CASE("the file watcher says which files changed and when a directory did", "[serve]") {
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "content" / "pages");
    test::write_file(tmp.path() / "content" / "pages" / "a.md", "first\n");
    ContentWatcher watcher({(tmp.path() / "content").string()});
    REQUIRE(watcher.ok());
    using std::chrono::milliseconds;

    test::write_file(tmp.path() / "content" / "pages" / "a.md", "second\n");
    ContentWatcher::Change change;
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30), &change));
    CHECK(change.paths == std::set<std::string>{(tmp.path() / "content" / "pages" / "a.md").string()});
    CHECK_FALSE(change.structural);

    fs::create_directories(tmp.path() / "content" / "more");
    ContentWatcher::Change directory;
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30), &directory));
    CHECK(directory.structural);

    // A file in the new directory is seen too: the watcher added the directory.
    test::write_file(tmp.path() / "content" / "more" / "b.md", "b\n");
    ContentWatcher::Change inside;
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30), &inside));
    CHECK(inside.paths.count((tmp.path() / "content" / "more" / "b.md").string()) == 1);
}

TEST_CASE("the file watcher reports a sed -i edit as the page alone, without sed's temporary file", "[serve]") {
    test::TempDir tmp;
    const fs::path pages = tmp.path() / "content" / "pages";
    fs::create_directories(pages);
    test::write_file(pages / "a.md", "first\n");
    ContentWatcher watcher({(tmp.path() / "content").string()});
    REQUIRE(watcher.ok());
    using std::chrono::milliseconds;

    // sed -i writes pages/sedXXXXXX and renames it over a.md: IN_CREATE, IN_MOVED_FROM, IN_MOVED_TO.
    REQUIRE(std::system(("sed -i s/first/second/ '" + (pages / "a.md").string() + "'").c_str()) == 0);
    ContentWatcher::Change change;
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30), &change));
    CHECK(change.paths == std::set<std::string>{(pages / "a.md").string()});
    CHECK_FALSE(change.structural);

    // A file created and removed in one burst is not reported; one that was there before is.
    test::write_file(pages / "b.md", "b\n");
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30)));
    test::write_file(pages / "scratch.tmp1", "x");
    fs::remove(pages / "scratch.tmp1");
    fs::remove(pages / "b.md");
    ContentWatcher::Change removed;
    REQUIRE(watcher.wait_for_change(milliseconds(2000), milliseconds(30), &removed));
    CHECK(removed.paths == std::set<std::string>{(pages / "b.md").string()});
}

// --- Hardening (issue #20): every web page the user has open may talk to the
// preview server, and a user opens many preview tabs. Raw sockets (raw_http.h):
// these requests are what an attacker sends, not what a client library would.

namespace {

using test::get_request;
using test::header_value;
using test::Millis;
using test::raw_request;
using test::RawConnection;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// GET /index.html on a fresh connection: its status and how long it took.
std::pair<int, double> timed_get(int port) {
    auto start = Clock::now();
    auto response = raw_request(port, get_request(port, "/index.html"), Millis(3000));
    return {response.complete ? response.status : 0, ms_since(start)};
}

// A live-reload stream: true once its response head arrived with `status`.
bool open_stream(RawConnection& connection, int port, int status = 200, const std::string& extra = "") {
    if (!connection.connected() || !connection.send(get_request(port, "/__sourced/events", extra))) return false;
    auto response = connection.read_response(Millis(2000));
    return response.complete && response.status == status;
}

}  // namespace

TEST_CASE("the preview server answers only a Host that names its own address, and 403 to any other", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    const std::string p = std::to_string(port);
    auto status_for = [&](const std::string& host_line) {
        auto response = raw_request(port, "GET /index.html HTTP/1.1\r\n" + host_line + "\r\n");
        return response.complete ? response.status : 0;
    };
    for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + p, "127.0.0.1", "localhost:" + p, "localhost", "LocalHost:" + p,
                                   "[::1]:" + p, "[::1]"}) {
        INFO("Host: " << host);
        CHECK(status_for("Host: " + host + "\r\n") == 200);
    }
    // DNS rebinding: a page from attacker.example whose name now resolves to
    // 127.0.0.1 reaches the server with its own name in Host.
    for (const std::string& host : std::vector<std::string>{
             "attacker.example", "attacker.example:" + p, "127.0.0.1.attacker.example:" + p,
          "localhost.attacker.example", "127.0.0.1:" + std::to_string(port + 1), "localhost:" + p + "0",
          "127.0.0.1:" + p + "@attacker.example", "::1:" + p, "[::1]x", "", "10.0.0.1:" + p}) {
        INFO("Host: " << host);
        CHECK(status_for("Host: " + host + "\r\n") == 403);
    }
    CHECK(status_for("") == 403);  // no Host at all
    CHECK(status_for("Host: attacker.example\r\nHost: 127.0.0.1:" + p + "\r\n") == 403);
    // The refusal holds for every path, the live-reload stream and script included.
    for (const char* path : {"/", "/__sourced/live.js", "/__sourced/events", "/nowhere.html"}) {
        INFO(path);
        auto response = raw_request(port, std::string("GET ") + path + " HTTP/1.1\r\nHost: attacker.example:" + p + "\r\n\r\n");
        CHECK(response.status == 403);
        CHECK(response.body.find("front") == std::string::npos);
    }
}

TEST_CASE("a foreign Origin gets 403 on the live-reload stream, the page's own origin or none gets the stream", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    const std::string p = std::to_string(port);
    for (const std::string& origin : std::vector<std::string>{std::string("http://attacker.example"), "http://attacker.example:" + p, "null",
                                     "https://127.0.0.1:" + p, "http://127.0.0.1:" + std::to_string(port + 1),
                                     "http://127.0.0.1", "http://127.0.0.1.attacker.example:" + p, "file://"}) {
        INFO("Origin: " << origin);
        RawConnection stream(port);
        CHECK(open_stream(stream, port, 403, "Origin: " + origin + "\r\n"));
    }
    for (const std::string& origin : std::vector<std::string>{"http://127.0.0.1:" + p, "http://localhost:" + p, "http://[::1]:" + p}) {
        INFO("Origin: " << origin);
        RawConnection stream(port);
        CHECK(open_stream(stream, port, 200, "Origin: " + origin + "\r\n"));
    }
    RawConnection without_origin(port);
    CHECK(open_stream(without_origin, port, 200));
}

TEST_CASE("the Host and Origin rules, for each address the server may be bound to", "[serve][hardening]") {
    CHECK(PreviewServer::allowed_host("127.0.0.1:8080", "127.0.0.1", 8080));
    CHECK(PreviewServer::allowed_host("localhost", "127.0.0.1", 8080));
    CHECK(PreviewServer::allowed_host("[::1]:8080", "::1", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("[::1]:8081", "::1", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("attacker.example:8080", "127.0.0.1", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("127.0.0.1:08080", "127.0.0.1", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("localhost.:8080", "127.0.0.1", 8080));
    // The bound address itself, whatever it is.
    CHECK(PreviewServer::allowed_host("192.168.1.10:8080", "192.168.1.10", 8080));
    CHECK(PreviewServer::allowed_host("[fe80::1]:8080", "fe80::1", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("192.168.1.11:8080", "192.168.1.10", 8080));
    // Bound to every address: any IP address (no name can be rebound to it), never a name.
    CHECK(PreviewServer::allowed_host("192.168.1.10:8080", "0.0.0.0", 8080));
    CHECK(PreviewServer::allowed_host("[2001:db8::1]:8080", "::", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("attacker.example:8080", "0.0.0.0", 8080));
    CHECK_FALSE(PreviewServer::allowed_host("127.1:8080", "0.0.0.0", 8080));

    CHECK(PreviewServer::allowed_origin("http://127.0.0.1:8080", "127.0.0.1", 8080));
    CHECK(PreviewServer::allowed_origin("http://localhost:8080", "127.0.0.1", 8080));
    CHECK(PreviewServer::allowed_origin("http://localhost", "127.0.0.1", 80));
    CHECK_FALSE(PreviewServer::allowed_origin("http://localhost", "127.0.0.1", 8080));
    CHECK_FALSE(PreviewServer::allowed_origin("http://localhost:8080/", "127.0.0.1", 8080));
    CHECK_FALSE(PreviewServer::allowed_origin("https://localhost:8080", "127.0.0.1", 8080));
    CHECK_FALSE(PreviewServer::allowed_origin("null", "127.0.0.1", 8080));
}

TEST_CASE("twenty live-reload streams leave the server answering, and a stream past the cap gets 503", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    std::vector<RawConnection> streams;
    for (int i = 0; i < 20; ++i) {
        INFO("stream " << i + 1);
        streams.emplace_back(port);
        REQUIRE(open_stream(streams.back(), port));
    }
    auto [status, ms] = timed_get(port);
    CHECK(status == 200);
    CHECK(ms < 1000);

    while (static_cast<int>(streams.size()) < PreviewServer::kMaxEventStreams) {
        INFO("stream " << streams.size() + 1);
        streams.emplace_back(port);
        REQUIRE(open_stream(streams.back(), port));
    }
    auto refused = raw_request(port, get_request(port, "/__sourced/events"));
    INFO(refused.head << refused.body);
    CHECK(refused.status == 503);
    auto [status_at_cap, ms_at_cap] = timed_get(port);
    CHECK(status_at_cap == 200);
    CHECK(ms_at_cap < 1000);

    // A tab that closes (or reloads) gives its stream back: the server sees the
    // connection close while it waits for a change.
    streams.front().close();
    bool reopened = false;
    for (auto deadline = Clock::now() + std::chrono::seconds(5); !reopened && Clock::now() < deadline;) {
        RawConnection again(port);
        if (!again.connected() || !again.send(get_request(port, "/__sourced/events"))) break;
        auto response = again.read_response(Millis(2000));
        reopened = response.status == 200;
        if (reopened) streams.front() = std::move(again);
        else std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(reopened);

    // Every stream still gets the next reload.
    running.server().publish(sample_tree());
    int reloaded = 0;
    for (auto& stream : streams) reloaded += stream.wait_for_text("event: reload\n", Millis(3000));
    CHECK(reloaded == PreviewServer::kMaxEventStreams);
}

TEST_CASE("200 idle connections leave the server answering", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    std::vector<RawConnection> idle;
    for (int i = 0; i < 200; ++i) {
        idle.emplace_back(port);
        REQUIRE(idle.back().connected());
    }
    for (int i = 0; i < 3; ++i) {
        auto [status, ms] = timed_get(port);
        CHECK(status == 200);
        CHECK(ms < 1000);
    }
}

TEST_CASE("slowloris connections are cut at the request deadline and leave the server answering", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    // Twelve requests that never end: a header line a second, each keeping a
    // per-read timeout from ever firing.
    std::vector<RawConnection> slow;
    for (int i = 0; i < 12; ++i) {
        slow.emplace_back(port);
        REQUIRE(slow.back().connected());
        REQUIRE(slow.back().send("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n"));
    }
    const auto start = Clock::now();
    const auto limit = start + PreviewServer::kRequestDeadline + std::chrono::seconds(3);
    std::vector<double> cut_after(slow.size(), -1);
    double worst = 0;
    int probes = 0, answered = 0;
    for (int line = 0; Clock::now() < limit; ++line) {
        size_t cut = 0;
        for (size_t i = 0; i < slow.size(); ++i) {
            if (cut_after[i] < 0 && (slow[i].closed_by_server() || !slow[i].send("X-Slow-" + std::to_string(line) + ": 1\r\n")))
                cut_after[i] = ms_since(start);
            if (cut_after[i] >= 0) ++cut;
        }
        if (cut == slow.size()) break;
        auto [status, ms] = timed_get(port);
        ++probes;
        if (status == 200) ++answered;
        worst = std::max(worst, ms);
        std::this_thread::sleep_until(start + std::chrono::seconds(line + 1));  // the attack's pace
    }
    INFO("probes " << probes << ", answered " << answered << ", slowest " << worst << " ms");
    CHECK(answered == probes);
    CHECK(worst < 1000);
    for (size_t i = 0; i < slow.size(); ++i) {
        INFO("connection " << i << " cut after " << cut_after[i] << " ms");
        CHECK(cut_after[i] >= 0);
        CHECK(cut_after[i] < std::chrono::duration<double, std::milli>(PreviewServer::kRequestDeadline).count() + 2000);
    }
}

TEST_CASE("a request with a body, or any method but GET and HEAD, is refused at once without reading the body", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    const std::string host = "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
    const std::string chunk(65536, 'x');
    struct Case {
        std::string head;
        int status;
    };
    for (const Case& c : std::vector<Case>{
             {"POST /index.html HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n", 405},
             {"GET /index.html HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n", 413},
             {"GET /index.html HTTP/1.1\r\n" + host + "Content-Length: 1000000000\r\n\r\n", 413},
             {"PUT /index.html HTTP/1.1\r\n" + host + "Content-Length: 1000000000\r\n\r\n", 405}}) {
        INFO(c.head);
        // The head and 1 MB of a body that never ends (a 1 GB upload, as far as the server knows).
        RawConnection connection(port);
        REQUIRE(connection.send(c.head));
        for (int i = 0; i < 16; ++i)
            if (!connection.send("10000\r\n" + chunk + "\r\n", Millis(500))) break;
        auto response = connection.read_response(Millis(2000));
        CHECK(response.status == c.status);
        CHECK(response.body.find("front") == std::string::npos);
        CHECK(connection.wait_closed(Millis(2000)));
    }
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
        INFO(method);
        auto response = raw_request(port, std::string(method) + " /index.html HTTP/1.1\r\n" + host + "\r\n");
        CHECK(response.status == 405);
        CHECK(header_value(response.head, "Allow") == "GET, HEAD");
    }
    auto head = raw_request(port, "HEAD /index.html HTTP/1.1\r\n" + host + "\r\n");
    CHECK(head.status == 200);
}

TEST_CASE("a Range header is ignored: thousands of ranges get the file once", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    auto plain = raw_request(port, get_request(port, "/index.html"));
    REQUIRE(plain.status == 200);
    std::string ranges = "bytes=0-";
    for (int i = 1; i < 2600; ++i) ranges += ",0-";
    for (const std::string& range : std::vector<std::string>{ranges, "bytes=0-3", "bytes=-5"}) {
        INFO("Range: " << range.substr(0, 40));
        auto response = raw_request(port, get_request(port, "/index.html", "Range: " + range + "\r\n"));
        CHECK(response.status == 200);
        CHECK(response.body.size() == plain.body.size());
        CHECK((response.body == plain.body));
        CHECK(header_value(response.head, "Content-Range").empty());
    }
}

TEST_CASE("a request head larger than 64 KiB is refused", "[serve][hardening]") {
    RunningServer running(sample_tree());
    const int port = running.server().port();
    std::string padding;
    for (int i = 0; padding.size() < 2 * PreviewServer::kMaxRequestHead; ++i)
        padding += "X-Pad-" + std::to_string(i) + ": " + std::string(100, 'p') + "\r\n";
    RawConnection connection(port);
    REQUIRE(connection.connected());
    connection.send(get_request(port, "/index.html", padding));  // may fail part-way: the server stops reading
    auto response = connection.read_response(Millis(3000));
    INFO(response.head);
    CHECK(response.status != 200);
    CHECK((response.closed || response.status == 431 || response.status == 400));
    CHECK(connection.wait_closed(Millis(2000)));
    // A head just under the limit is fine.
    std::string under;
    for (int i = 0; i < 60; ++i) under += "X-Pad-" + std::to_string(i) + ": " + std::string(1000, 'p') + "\r\n";
    auto fine = raw_request(port, get_request(port, "/index.html", under));
    CHECK(fine.status == 200);
}

TEST_CASE("stopping the preview server ends idle connections and live-reload streams at once", "[serve][hardening]") {
    auto running = std::make_unique<RunningServer>(sample_tree());
    const int port = running->server().port();
    std::vector<RawConnection> idle, streams;
    for (int i = 0; i < 4; ++i) {
        idle.emplace_back(port);
        REQUIRE(idle.back().connected());
        streams.emplace_back(port);
        REQUIRE(open_stream(streams.back(), port));
    }
    auto start = Clock::now();
    running.reset();
    CHECK(ms_since(start) < 1000);
    for (auto& connection : idle) CHECK(connection.wait_closed(Millis(1000)));
    for (auto& stream : streams) CHECK(stream.wait_closed(Millis(1000)));
}
