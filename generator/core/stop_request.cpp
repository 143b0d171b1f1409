#include "stop_request.h"

#include <signal.h>

namespace sourced {

namespace {

StopRequest g_request;
std::atomic<int> g_commits{0};  // CommitScopes alive
static_assert(std::atomic<int>::is_always_lock_free);

void on_stop_signal(int signal) {
    if (!g_request.requested() || g_commits.load() > 0) {
        g_request.request(signal);  // the build stops at its next safe point (or after its commit)
        return;
    }
    // The second signal, with no commit running: the default action, now.
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    ::sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
    ::raise(signal);  // blocked in this handler; delivered, with the default action, as it returns
}

}  // namespace

StopRequest& process_stop_request() { return g_request; }

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    ::sigemptyset(&action.sa_mask);
    ::sigaddset(&action.sa_mask, SIGINT);  // one handler at a time, whichever signal
    ::sigaddset(&action.sa_mask, SIGTERM);
    action.sa_flags = SA_RESTART;  // reads, writes and waits go on: the build decides where to stop
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        default: return "a signal";
    }
}

CommitScope::CommitScope() noexcept { g_commits.fetch_add(1); }

CommitScope::~CommitScope() { g_commits.fetch_sub(1); }

}  // namespace sourced
