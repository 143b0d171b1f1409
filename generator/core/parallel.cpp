#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace sourced {

int effective_jobs(int requested) {
    if (requested > 0) return requested;
    unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : static_cast<int>(cores);
}

void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t, int)>& task) {
    std::size_t threads = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(jobs, 1)));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) task(i, 0);
        return;
    }
    // An exception in a task (std::bad_alloc, most likely) would end the
    // process from a pool thread: the first one is kept, every thread stops
    // taking tasks, and it is rethrown here once all have joined.
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::exception_ptr first_error;
    auto worker = [&](int w) {
        try {
            for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i, w);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            if (!first_error) first_error = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(worker, static_cast<int>(t));
        } catch (const std::system_error&) {  // no thread to be had (a memory cap): fewer do the work
            break;
        }
    }
    worker(0);  // the calling thread works too
    for (auto& thread : pool) thread.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace sourced
