// parallel_for and effective_jobs (core/parallel.h). Whole builds on several
// threads: tests/site/parallel_test.cpp.
#include <catch2/catch.hpp>

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
