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

TEST_CASE("the build lock is <out>.lock, held until the lock is dropped, then removed", "[build_lock]") {
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
    CHECK_FALSE(fs::exists(fs::symlink_status(lock_path)));  // nothing is left beside the site
    {
        test::write_file(lock_path, "");  // left by a build killed with SIGKILL: taken, and removed
        BuildLock lock((tmp.path() / "site").string());
        CHECK(lock.locked());
    }
    CHECK_FALSE(fs::exists(fs::symlink_status(lock_path)));
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

TEST_CASE("a symbolic link planted at the lock path is not followed, and what it names is not made or changed", "[build_lock]") {
    test::TempDir tmp;
    const fs::path lock_path = tmp.path() / "site.lock";
    const fs::path missing = tmp.path() / "victim-new", existing = tmp.path() / "victim";
    test::write_file(existing, "precious\n");
    for (const fs::path& target : {missing, existing}) {
        INFO(target);
        fs::remove(lock_path);
        fs::create_symlink(target, lock_path);
        BuildLock lock((tmp.path() / "site").string());
        CHECK_FALSE(lock.locked());
        CHECK(lock.error() == "it is a symbolic link (not followed; remove it)");
    }
    CHECK_FALSE(fs::exists(fs::symlink_status(missing)));  // not created through the link
    CHECK(test::read_file(existing) == "precious\n");      // not truncated
    CHECK(fs::is_symlink(fs::symlink_status(lock_path)));   // and the link is left for its owner to remove
}

TEST_CASE("a file at the lock path that sourced did not make is refused, not removed", "[build_lock]") {
    test::TempDir tmp;
    const fs::path lock_path = tmp.path() / "site.lock";
    test::write_file(lock_path, "someone's notes\n");
    {
        BuildLock lock((tmp.path() / "site").string());
        CHECK_FALSE(lock.locked());
        CHECK(lock.error() == "it is not a lock file sourced made (not an empty file; remove it)");
    }
    CHECK(test::read_file(lock_path) == "someone's notes\n");
    fs::remove(lock_path);
    fs::create_directory(lock_path);
    BuildLock lock((tmp.path() / "site").string());
    CHECK_FALSE(lock.locked());
    CHECK(fs::is_directory(lock_path));
}

// The holder removes the lock file as it lets go; a build that was waiting on
// that file and one that comes after and makes the file anew must never hold
// the lock at the same time.
TEST_CASE("a build that waited on a removed lock file does not share the lock with the next one", "[build_lock]") {
    test::TempDir tmp;
    const std::string out = (tmp.path() / "site").string();
    std::atomic<int> holders{0}, most{0}, unlocked{0};
    auto hold = [&](const BuildLock& lock) {  // as a build does, for a while (no Catch2 macro: any thread)
        if (!lock.locked()) ++unlocked;
        int now = ++holders;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        --holders;
    };
    auto first = std::make_unique<BuildLock>(out);
    REQUIRE(first->locked());
    std::thread waiter([&] {
        BuildLock second(out);  // opens the first's file and waits on it
        hold(second);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the waiter has opened the file and waits
    first.reset();  // removes the file, then lets go
    {
        BuildLock third(out);  // makes the file anew (or waits for the waiter, if it was quicker)
        hold(third);
    }
    waiter.join();
    CHECK(unlocked == 0);
    CHECK(most == 1);
    CHECK_FALSE(fs::exists(fs::symlink_status(out + ".lock")));
}
