// `sourced serve` as a user runs it (cli/serve_command.h): the real binary
// on a one-page site on disk, on a free port. What it prints (the URL even
// with -q; after a rebuild only the new and fixed diagnostics and the
// counts), a port another `sourced serve` holds, a missing content
// directory, and a `sed -i` edit on the page-edit fast path. Every wait
// polls with a deadline; a server still running at the end is killed.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <regex>
#include <thread>

#include "sourced_run.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A page that uses both figures and both sources of the sample registry
// (whose two sources lack dates: two notes, SRC010).
const std::string kPage = "---\ntitle: Front\n---\nYield was [75%](fig:packaging-yield), and "
                          "[2.66M GPU-hours](fig:v3-pretrain-gpu-hours) [@v3-report] [@csis].\n\nA plain paragraph.\n";

// content/ with kPage and the sample registry under a fresh directory (templates and assets: the installed defaults).
fs::path one_page_project(const test::TempDir& tmp) {
    fs::create_directories(tmp.path() / "content");
    test::write_file(tmp.path() / "content" / "index.md", kPage);
    test::write_file(tmp.path() / "content" / "registry.json", test::sample_registry());
    return tmp.path();
}

// `sourced serve ARGS` in `dir`, stdout and stderr to files there; SIGKILLed on destruction if it still runs.
class ServeProcess {
public:
    ServeProcess(const fs::path& dir, std::vector<std::string> args) : dir_(dir) {
        args.insert(args.begin(), {SOURCED_BINARY, "serve"});
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            if (chdir(dir.c_str()) != 0) _exit(127);
            if (!freopen("serve.out", "w", stdout) || !freopen("serve.err", "w", stderr)) _exit(127);
            unsetenv("CI");
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(SOURCED_BINARY, argv.data());
            _exit(127);
        }
    }
    ~ServeProcess() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    std::string out() const { return test::read_file(dir_ / "serve.out"); }
    std::string err() const { return test::read_file(dir_ / "serve.err"); }
    // Polls (every 20 ms, 20 s at most) until `done` holds for stdout and stderr.
    bool wait_for(const std::function<bool(const std::string& out, const std::string& err)>& done) const {
        for (auto deadline = Clock::now() + std::chrono::seconds(20); Clock::now() < deadline;) {
            if (done(out(), err())) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    // The port of "serving http://127.0.0.1:PORT/", 0 if it does not say so in time.
    int port() const {
        static const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
        std::smatch match;
        std::string text;
        wait_for([&](const std::string& out, const std::string&) { return std::regex_search(text = out, match, serving); });
        return match.empty() ? 0 : std::stoi(match[1]);
    }
    // SIGTERM; its exit status once it exits (10 s at most; -1 if it does not).
    int terminate() {
        kill(pid_, SIGTERM);
        for (auto deadline = Clock::now() + std::chrono::seconds(10); Clock::now() < deadline;) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

private:
    fs::path dir_;
    int pid_ = -1;
    bool exited_ = false;
};

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// Runs `sed -i EXPRESSION file`, as a user editing from a shell would.
void sed_in_place(const std::string& expression, const fs::path& file) {
    std::string command = "sed -i '" + expression + "' '" + file.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("a second sourced serve on the port of a running one exits 1 at once, and the first keeps serving", "[serve][e2e]") {
    test::TempDir tmp;
    fs::path project = one_page_project(tmp);
    ServeProcess first(project, {"--no-card-images", "--port", "0"});
    const int port = first.port();
    REQUIRE(port > 0);

    test::TempDir other;
    fs::path second_project = one_page_project(other);
    // `timeout`: a second server that listens anyway runs until killed (status 124).
    auto second = test::run_sourced(second_project, "serve --no-card-images --port " + std::to_string(port), "timeout 20");
    CHECK(second.status == 1);
    CHECK(second.err == "error: cannot listen on 127.0.0.1:" + std::to_string(port) + " (in use? try --port 0 for any free port)\n");
    CHECK(second.out.empty());  // it failed before building

    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    for (int i = 0; i < 10; ++i) {  // every request reaches the first server's site, none a second one
        auto page = client.Get("/");
        REQUIRE(page);
        CHECK(page->status == 200);
    }
    CHECK(first.terminate() == 0);
}

TEST_CASE("sourced serve --port 0 -q prints the URL it chose and no warning", "[serve][e2e]") {
    test::TempDir tmp;
    fs::path project = one_page_project(tmp);
    test::write_file(project / "content" / "index.md", kPage + "\nIt rose 42% in a year.\n");  // SRC001, a warning
    ServeProcess serve(project, {"--no-card-images", "--port", "0", "-q"});
    const int port = serve.port();
    REQUIRE(port > 0);
    CHECK(serve.out() == "serving http://127.0.0.1:" + std::to_string(port) + "/ (Ctrl-C to stop)\n");
    CHECK(serve.terminate() == 0);
    CHECK(serve.err().empty());
    CHECK(serve.out() == "serving http://127.0.0.1:" + std::to_string(port) + "/ (Ctrl-C to stop)\n");  // no "stopped"
}

TEST_CASE("sourced serve without its content directory is error LOAD001 and exit 1, not a wait", "[serve][e2e]") {
    test::TempDir tmp;
    auto run = test::run_sourced(tmp.path(), "serve --no-card-images --port 0 --content missing", "timeout 20");
    CHECK(run.status == 1);
    CHECK(run.err ==
          "missing: error[LOAD001]: content directory not found\n"
          "build failed: there is no content directory to serve or watch\n");
    CHECK(run.out.empty());
}

TEST_CASE("after a sed -i edit serve rebuilds on the page-edit fast path and prints only the new and fixed diagnostics",
          "[serve][e2e]") {
    test::TempDir tmp;
    fs::path project = one_page_project(tmp);
    const fs::path page = project / "content" / "index.md";
    test::write_file(page, kPage + "\nIt rose 42% in a year.\n");  // a warning every build has
    ServeProcess serve(project, {"--no-card-images", "--port", "0"});
    REQUIRE(serve.port() > 0);
    const std::string first_err = serve.err();
    INFO(first_err);
    CHECK(contains(first_err, "content/index.md:8:9: warning[SRC001]"));  // the first build prints every diagnostic
    CHECK(contains(serve.out(), "\ndiagnostics: 1 warning, 2 notes\n"));

    // sed -i writes a new file and renames it over the page.
    sed_in_place("s/A plain paragraph./A plain paragraph, then 17% more./", page);
    REQUIRE(serve.wait_for([](const std::string& out, const std::string&) { return contains(out, "diagnostics: 1 new"); }));
    std::string out = serve.out(), err = serve.err().substr(first_err.size());
    INFO(out);
    INFO(err);
    CHECK(contains(out, "rebuilt 1 page after a page edit in "));
    CHECK(contains(out, "\ndiagnostics: 1 new, 0 fixed; 2 warnings, 2 notes in all\n"));
    CHECK(contains(err, "content/index.md:6:25: warning[SRC001]"));
    CHECK_FALSE(contains(err, "42%"));  // the warning that was there before is not printed again

    const std::size_t seen = serve.err().size();
    sed_in_place("s/, then 17% more././", page);
    REQUIRE(serve.wait_for([](const std::string& out, const std::string&) { return contains(out, "1 fixed"); }));
    err = serve.err().substr(seen);
    out = serve.out();
    CHECK(contains(out, "\ndiagnostics: 0 new, 1 fixed; 1 warning, 2 notes in all\n"));
    CHECK(err.rfind("fixed: content/index.md:6:25: warning[SRC001]", 0) == 0);
    CHECK(test::count_occurrences(out, "after a page edit") == 2);
    CHECK(serve.terminate() == 0);
}
