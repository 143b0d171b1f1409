// A request to stop, made by SIGINT or SIGTERM, read by the build at safe points.
//
// Owns the flag a signal handler sets (a lock-free std::atomic<int>, the only
// thing a handler may touch) and the handlers themselves. Nothing stops at
// once: the build reads requested() between stages, pages and files, and
// stops before its commit (nothing written to the live site) or, once the
// commit began, finishes it (site_writer.h). A second signal ends the process
// at once (the default action), except during a commit (a CommitScope is
// alive): then it is held like the first, so no Ctrl-C can leave a mixed site.
// Only SIGKILL can; docs/security.md says what that leaves.
#pragma once

#include <atomic>

namespace sourced {

class StopRequest {
public:
    // Async-signal-safe. The first signal is kept; later ones change nothing.
    void request(int signal) noexcept {
        int none = 0;
        signal_.compare_exchange_strong(none, signal);
    }
    bool requested() const noexcept { return signal_.load(std::memory_order_relaxed) != 0; }
    int signal() const noexcept { return signal_.load(std::memory_order_relaxed); }
    // The exit status of a process stopped by signal(): 130 for SIGINT, 143 for SIGTERM.
    int exit_status() const noexcept { return 128 + signal(); }

private:
    static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch a lock-free atomic");
    std::atomic<int> signal_{0};
};

// The process's request, set by the handlers below.
StopRequest& process_stop_request();

// SIGINT and SIGTERM set process_stop_request() (sigaction, SA_RESTART); a
// second one, outside a CommitScope, gets the default action (the process ends).
void install_stop_handlers();

// "SIGINT", "SIGTERM", or "a signal".
const char* signal_name(int signal);

// While one is alive, a second SIGINT or SIGTERM does not end the process: the
// commit it guards finishes first. Nestable; any thread.
class CommitScope {
public:
    CommitScope() noexcept;
    ~CommitScope();
    CommitScope(const CommitScope&) = delete;
    CommitScope& operator=(const CommitScope&) = delete;
};

}  // namespace sourced
