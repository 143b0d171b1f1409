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

TEST_CASE("sourced serve on a taken port exits 1 with the error, and with -q prints nothing else", "[serve][e2e]") {
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

    CHECK(serve("") == 1);
    std::string out = test::read_file(tmp.path() / "out");
    INFO(out);
    CHECK(out.find("note[SRC010]") != std::string::npos);  // the shipped content has notes; without -q they show
    CHECK(out.find("\nbuilt ") != std::string::npos);
    CHECK(out.size() >= error.size());
    CHECK(out.substr(out.size() - error.size()) == error);
    CHECK(out.find("serving ") == std::string::npos);

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
