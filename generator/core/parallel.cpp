#include "parallel.h"

#include <algorithm>
#include <atomic>
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
    std::atomic<std::size_t> next{0};
    auto worker = [&](int w) {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i, w);
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<int>(t));
    worker(0);  // the calling thread works too
    for (auto& thread : pool) thread.join();
}

}  // namespace sourced
