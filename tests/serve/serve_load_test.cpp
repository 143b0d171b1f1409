// The load test of the preview server (issue #20): `sourced serve`, the real
// binary, on a free port of 127.0.0.1 with the shipped content, while
//   - 20 live-reload streams are open (20 preview tabs),
//   - 200 idle connections are held (each opened again as soon as the server
//     closes it),
//   - a 30 s slowloris runs: 12 connections each sending one header line every
//     2 s (each opened again, and its request started again, when the server
//     cuts it).
// Throughout, GET /index.html on a fresh connection must answer 200 in under
// 1 s, and the server's RSS (VmRSS in /proc/PID/status) must stay under 200 MB.
// Prints the figures (docs/serve.md quotes them). Bounded: about 35 s, every
// wait has a deadline, and the server is killed if it does not stop.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "raw_http.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;
using test::get_request;
using test::Millis;
using test::RawConnection;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kAttack = std::chrono::seconds(30);
constexpr int kStreams = 20, kIdle = 200, kSlow = 12;
constexpr auto kSlowLineEvery = std::chrono::seconds(2);

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// `sourced serve` as a child process; SIGKILLed on destruction if it still runs.
class ServeProcess {
public:
    explicit ServeProcess(const fs::path& project) {
        int out[2];
        REQUIRE(pipe2(out, O_CLOEXEC) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            if (chdir(project.c_str()) != 0) _exit(127);
            dup2(out[1], STDOUT_FILENO);
            int err = open("serve.err", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
            if (err >= 0) dup2(err, STDERR_FILENO);
            execl(SOURCED_BINARY, SOURCED_BINARY, "serve", "--no-card-images", "--port", "0", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(out[1]);
        stdout_ = out[0];
    }
    ~ServeProcess() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (stdout_ >= 0) close(stdout_);
    }
    int pid() const { return pid_; }
    // The port from "serving http://127.0.0.1:PORT/", or 0 if it does not say so in time.
    int wait_for_port(Millis timeout) {
        auto deadline = Clock::now() + timeout;
        std::string text;
        std::smatch match;
        static const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
        while (!std::regex_search(text, match, serving)) {
            auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now()).count();
            pollfd p{stdout_, POLLIN, 0};
            if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return 0;
            char buffer[4096];
            ssize_t n = read(stdout_, buffer, sizeof buffer);
            if (n <= 0) return 0;
            text.append(buffer, static_cast<size_t>(n));
        }
        return std::stoi(match[1]);
    }
    // SIGTERM, then the exit status once it exits within `timeout` (-1 if it does not).
    int terminate(Millis timeout) {
        kill(pid_, SIGTERM);
        for (auto deadline = Clock::now() + timeout; Clock::now() < deadline;) {
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
    int pid_ = -1;
    int stdout_ = -1;
    bool exited_ = false;
};

// Threads that run until `stop`, joined on destruction (also when a REQUIRE
// fails): each checks `stop` at least every 100 ms.
struct Background {
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    template <class F>
    void run(F f) { threads.emplace_back(std::move(f)); }
    void join() {
        stop = true;
        for (auto& thread : threads)
            if (thread.joinable()) thread.join();
    }
    ~Background() { join(); }
};

// Sleeps until `when` or until `stop`, in steps of 100 ms at most.
void sleep_until(Clock::time_point when, const std::atomic<bool>& stop) {
    while (!stop && Clock::now() < when)
        std::this_thread::sleep_until(std::min(when, Clock::now() + std::chrono::milliseconds(100)));
}

// VmRSS of `pid` in kB (0 if unreadable).
long rss_kb(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

// CPU time (user + system) `pid` has used, in seconds (0 if unreadable).
double cpu_seconds(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto fields = text.rfind(')');
    if (fields == std::string::npos) return 0;
    std::istringstream rest(text.substr(fields + 2));  // from field 3, the state
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

TEST_CASE("sourced serve stays answering under 20 live-reload streams, 200 idle connections and a 30 s slowloris",
          "[serve][hardening][load]") {
    test::TempDir tmp;
    for (const char* part : {"content", "templates", "assets"})
        fs::copy(fs::path(SOURCED_PROJECT_DIR) / part, tmp.path() / part, fs::copy_options::recursive);
    ServeProcess serve(tmp.path());
    const int port = serve.wait_for_port(Millis(60000));
    INFO(test::read_file(tmp.path() / "serve.err"));
    REQUIRE(port > 0);
    const std::string host = "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";

    Background background;
    const std::atomic<bool>& stop = background.stop;
    const long rss_before_kb = rss_kb(serve.pid());
    std::atomic<long> peak_rss_kb{rss_before_kb};
    background.run([&] {
        while (!stop) {
            peak_rss_kb = std::max(peak_rss_kb.load(), rss_kb(serve.pid()));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });

    std::vector<RawConnection> streams;
    for (int i = 0; i < kStreams; ++i) {
        streams.emplace_back(port);
        REQUIRE(streams.back().send(get_request(port, "/__sourced/events")));
        auto head = streams.back().read_response(Millis(2000));
        INFO("stream " << i + 1 << ": " << head.head);
        REQUIRE(head.status == 200);
    }

    std::atomic<int> idle_reopened{0};
    background.run([&] {
        std::vector<RawConnection> idle;
        for (int i = 0; i < kIdle; ++i) idle.emplace_back(port);
        while (!stop) {
            for (auto& connection : idle)
                if (!connection.connected() || connection.closed_by_server()) {
                    connection = RawConnection(port);
                    ++idle_reopened;
                }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });

    const auto attack_start = Clock::now();
    const double cpu_at_start = cpu_seconds(serve.pid());
    std::atomic<int> slow_cut{0}, slow_lines{0};
    background.run([&] {
        std::vector<RawConnection> slow(kSlow);
        auto start_request = [&](RawConnection& connection) {
            connection = RawConnection(port);
            connection.send("GET /index.html HTTP/1.1\r\n" + host, Millis(500));
        };
        for (auto& connection : slow) start_request(connection);
        for (int tick = 1; !stop && Clock::now() < attack_start + kAttack; ++tick) {
            sleep_until(attack_start + tick * kSlowLineEvery, stop);  // the attack's pace
            for (auto& connection : slow) {
                if (connection.closed_by_server() ||
                    !connection.send("X-Slow-" + std::to_string(tick) + ": 1\r\n", Millis(500))) {
                    ++slow_cut;
                    start_request(connection);
                } else {
                    ++slow_lines;
                }
            }
        }
    });

    // The probe: GET /index.html on a fresh connection, ten times a second.
    std::vector<double> latencies;
    int answered = 0;
    while (Clock::now() < attack_start + kAttack) {
        auto start = Clock::now();
        auto response = test::raw_request(port, get_request(port, "/index.html"), Millis(5000));
        latencies.push_back(ms_since(start));
        if (response.complete && response.status == 200 && response.body.find("</html>") != std::string::npos) ++answered;
        std::this_thread::sleep_until(start + std::chrono::milliseconds(100));
    }
    const double attack_s = ms_since(attack_start) / 1000;
    const double cpu_during = cpu_seconds(serve.pid()) - cpu_at_start;
    int streams_open = 0;
    for (auto& stream : streams) streams_open += !stream.closed_by_server();

    // Stopping is part of the test: with 20 streams, 200 idle and 12 slowloris
    // connections open, SIGTERM ends the server at once.
    const int idle_reopened_during = idle_reopened.load(), slow_cut_during = slow_cut.load();
    const auto stopping = Clock::now();
    const int exit_status = serve.terminate(Millis(10000));
    const double stop_ms = ms_since(stopping);
    background.join();

    std::vector<double> sorted = latencies;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    const double worst = sorted.empty() ? 0 : sorted.back();
    char figures[1024];
    std::snprintf(figures, sizeof figures,
                  "serve load test: %.1f s with %d live-reload streams (%d still open at the end), %d idle connections "
                  "(%d opened again after the server closed them), slowloris on %d connections (%d header lines sent, "
                  "%d connections cut by the server)\n"
                  "serve load test: GET /index.html x %zu: %d answered 200, median %.1f ms, max %.1f ms; peak RSS %.1f MB (%.1f MB before the load); "
                  "server CPU %.1f s; stopped %.0f ms after SIGTERM\n",
                  attack_s, kStreams, streams_open, kIdle, idle_reopened_during, kSlow, slow_lines.load(), slow_cut_during,
                  latencies.size(), answered, median, worst, peak_rss_kb.load() / 1024.0, rss_before_kb / 1024.0, cpu_during, stop_ms);
    std::cout << figures << std::flush;
    INFO(figures);

    CHECK(latencies.size() >= 100);
    CHECK(answered == static_cast<int>(latencies.size()));
    CHECK(worst < 1000);
    CHECK(peak_rss_kb.load() < 200 * 1024);
    CHECK(streams_open == kStreams);
    CHECK(slow_cut_during >= kSlow);  // every slowloris connection was cut at least once
    CHECK(exit_status == 0);
    CHECK(stop_ms < 2000);
}
