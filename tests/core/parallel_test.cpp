// parallel_for and effective_jobs (core/parallel.h). Whole builds on several
// threads: tests/site/parallel_test.cpp.
#include <catch2/catch.hpp>

#include <atomic>
#include <new>
#include <vector>

#include "parallel.h"

using namespace sourced;

TEST_CASE("parallel_for runs every index exactly once", "[parallel]") {
    for (int jobs : {1, 2, 5}) {
        std::vector<int> runs(1000, 0);
        std::vector<int> worker_seen(1000, -1);
        parallel_for(runs.size(), jobs, [&](size_t i, int worker) {
            runs[i] += 1;
            worker_seen[i] = worker;
        });
        for (size_t i = 0; i < runs.size(); ++i) {
            REQUIRE(runs[i] == 1);
            REQUIRE(worker_seen[i] >= 0);
            REQUIRE(worker_seen[i] < jobs);
        }
    }
    CHECK(effective_jobs(3) == 3);
    CHECK(effective_jobs(0) >= 1);
}

TEST_CASE("an exception thrown in a task reaches the caller after every thread stopped", "[parallel]") {
    for (int jobs : {1, 2, 4}) {
        INFO(jobs);
        std::atomic<int> ran{0};
        auto run = [&] {
            parallel_for(1000, jobs, [&](size_t i, int) {
                ++ran;
                if (i == 17) throw std::bad_alloc();
            });
        };
        CHECK_THROWS_AS(run(), std::bad_alloc);
        CHECK(ran.load() >= 18);
        CHECK(ran.load() <= 1000);
    }
}
