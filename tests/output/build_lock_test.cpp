// The lock beside the output directory (output/build_lock.h): held while a
// build writes, a second taker waits, and it goes with its holder.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "build_lock.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// Whether another open file description could take the lock now.
bool free_to_take(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    bool taken = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return taken;
}

}  // namespace

TEST_CASE("the build lock is <out>.lock, held until the lock is dropped", "[build_lock]") {
    test::TempDir tmp;
    const std::string lock_path = (tmp.path() / "site.lock").string();
    {
        BuildLock lock((tmp.path() / "site//").string());  // trailing slashes name the same directory
        REQUIRE(lock.locked());
        CHECK(lock.error().empty());
        CHECK(lock.path() == lock_path);
        CHECK(fs::is_regular_file(lock_path));
        CHECK_FALSE(free_to_take(lock_path));
    }
    CHECK(free_to_take(lock_path));
    CHECK(fs::exists(lock_path));  // the file stays; only the flock goes
}

TEST_CASE("a second lock of the same output directory waits for the first", "[build_lock]") {
    test::TempDir tmp;
    const std::string out = (tmp.path() / "site").string();
    auto first = std::make_unique<BuildLock>(out);
    REQUIRE(first->locked());
    std::atomic<bool> second_locked{false};
    std::thread waiter([&] {
        BuildLock second(out);
        second_locked = second.locked();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE(second_locked);  // still waiting
    first.reset();
    waiter.join();
    CHECK(second_locked);
}

TEST_CASE("a lock that cannot be made says why", "[build_lock]") {
    test::TempDir tmp;
    BuildLock lock((tmp.path() / "missing" / "site").string());
    CHECK_FALSE(lock.locked());
    CHECK(lock.error() == "No such file or directory");
}
