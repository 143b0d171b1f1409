// Running independent per-page work on every core.
//
// Owns the thread pool of a build: `parallel_for` runs task(i) for every i in
// [0, n) on `jobs` threads, each taking the next index from a shared counter.
// Tasks must only touch their own slot of the caller's per-index vectors, so
// results are the same whatever the thread count or scheduling; the caller
// merges them in index order.
#pragma once

#include <cstddef>
#include <functional>

namespace sourced {

// `requested` threads, or the machine's core count when 0 (at least 1).
int effective_jobs(int requested);

// Runs task(0, w) ... task(n - 1, w) on up to `jobs` threads and returns when
// all have finished; `w` in [0, jobs) names the thread running the task, for
// per-thread state. With jobs <= 1 (or n <= 1) everything runs on the calling
// thread, in order. If a task throws, no further task starts and the first
// exception is rethrown to the caller once every thread has stopped.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t index, int worker)>& task);

}  // namespace sourced
