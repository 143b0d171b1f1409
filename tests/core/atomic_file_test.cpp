// One atomic file write (atomic_file.h): the target gets the new bytes or
// keeps its old ones, whole; a failed write leaves no temporary file; two
// writers of one target at once both succeed and one of them wins, whole.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "atomic_file.h"
#include "test_support.h"

using namespace sourced;
namespace fs = std::filesystem;

namespace {

// The names in `dir`, sorted.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

mode_t mode_of(const fs::path& path) {
    struct stat info;
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

// Files at most `bytes` long for this process while it lives (RLIMIT_FSIZE;
// binds root too), writes past it failing with EFBIG instead of SIGXFSZ.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit = saved_;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, old_handler_);
    }

private:
    struct rlimit saved_;
    void (*old_handler_)(int);
};

}  // namespace

TEST_CASE("an atomic write gives the target the bytes, and a new file the mode std::ofstream would", "[atomic_file]") {
    test::TempDir tmp;
    fs::path target = tmp.path() / "report.html";
    std::string bytes = std::string("<p>report</p>\0\xff\n", 17) + std::string(100000, 'x');
    std::string error;
    REQUIRE(write_file_atomically(target.string(), bytes, error));
    CHECK(error.empty());
    CHECK(test::read_file(target) == bytes);
    CHECK(names_in(tmp.path()) == std::vector<std::string>{"report.html"});

    test::write_file(tmp.path() / "made-by-ofstream", "x");
    CHECK(mode_of(target) == mode_of(tmp.path() / "made-by-ofstream"));

    REQUIRE(write_file_atomically((tmp.path() / "empty").string(), "", error));
    CHECK(fs::exists(tmp.path() / "empty"));
    CHECK(fs::file_size(tmp.path() / "empty") == 0);
}

TEST_CASE("an atomic write replaces an existing target with a new file", "[atomic_file]") {
    test::TempDir tmp;
    fs::path target = tmp.path() / "cache.json";
    test::write_file(target, "an old manifest that is longer than the new one\n");
    struct stat before;
    REQUIRE(::stat(target.c_str(), &before) == 0);

    AtomicFile file(target.string());
    fs::path temporary = file.temporary_path();
    CHECK(temporary.parent_path() == target.parent_path());  // beside it: the rename stays on one file system
    CHECK(temporary.filename().string().rfind("cache.json.tmp-", 0) == 0);
    file.write("{\"units\":");
    file.write("{}}\n");
    CHECK(test::read_file(target) == "an old manifest that is longer than the new one\n");  // not before commit()
    REQUIRE(file.commit());
    CHECK(file.failure() == AtomicFile::Failure::none);
    CHECK(file.error().empty());
    CHECK(test::read_file(target) == "{\"units\":{}}\n");
    struct stat after;
    REQUIRE(::stat(target.c_str(), &after) == 0);
    CHECK(after.st_ino != before.st_ino);  // a new file, renamed over the old one
    CHECK(names_in(tmp.path()) == std::vector<std::string>{"cache.json"});
}

TEST_CASE("an atomic file is never committed by its destructor", "[atomic_file]") {
    test::TempDir tmp;
    fs::path target = tmp.path() / "entry.png";
    test::write_file(target, "old");
    {
        AtomicFile file(target.string());
        file.write("new bytes, never committed");
        CHECK(fs::exists(file.temporary_path()));
    }
    CHECK(test::read_file(target) == "old");
    CHECK(names_in(tmp.path()) == std::vector<std::string>{"entry.png"});
}

TEST_CASE("two atomic files for one target never share a temporary file", "[atomic_file]") {
    test::TempDir tmp;
    std::string target = (tmp.path() / "a.json").string();
    AtomicFile first(target), second(target);
    CHECK(first.temporary_path() != second.temporary_path());
    CHECK(fs::exists(first.temporary_path()));
    CHECK(fs::exists(second.temporary_path()));
}

TEST_CASE("a failed atomic write leaves the old file intact and no temporary file", "[atomic_file]") {
    test::TempDir tmp;
    std::string error;

    SECTION("the target's directory is missing") {
        fs::path target = tmp.path() / "missing" / "report.html";
        CHECK_FALSE(write_file_atomically(target.string(), "bytes", error));
        CHECK(error.find("cannot write " + target.string() + ".tmp-") == 0);
        CHECK(error.find(": No such file or directory") != std::string::npos);
        CHECK(names_in(tmp.path()).empty());
    }

    SECTION("writing the temporary file fails halfway") {
        fs::path target = tmp.path() / "cache.json";
        test::write_file(target, "the old manifest\n");
        AtomicFile file(target.string());
        {
            FileSizeLimit limit(4096);
            file.write(std::string(10000, 'n'));
        }
        CHECK(file.failure() == AtomicFile::Failure::write);
        CHECK(file.reason() == "File too large");
        CHECK(file.error() == "cannot write " + file.temporary_path() + ": File too large");
        CHECK_FALSE(file.commit());
        CHECK(test::read_file(target) == "the old manifest\n");
        CHECK(names_in(tmp.path()) == std::vector<std::string>{"cache.json"});
    }

    SECTION("the directory is not writable") {
        if (::geteuid() == 0) {
            WARN("skipped: root writes into a read-only directory");
        } else {
            fs::path dir = tmp.path() / "locked";
            fs::create_directories(dir);
            test::write_file(dir / "report.html", "old report");
            fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
            CHECK_FALSE(write_file_atomically((dir / "report.html").string(), "new report", error));
            CHECK(error.find(": Permission denied") != std::string::npos);
            fs::permissions(dir, fs::perms::owner_all);
            CHECK(test::read_file(dir / "report.html") == "old report");
            CHECK(names_in(dir) == std::vector<std::string>{"report.html"});
        }
    }

    SECTION("the target is a directory, so the rename fails") {
        fs::path target = tmp.path() / "site";
        fs::create_directories(target / "kept");
        AtomicFile file(target.string());
        file.write("bytes");
        CHECK_FALSE(file.commit());
        CHECK(file.failure() == AtomicFile::Failure::rename);
        CHECK(file.reason() == "Is a directory");
        CHECK(file.error() == "cannot rename " + file.temporary_path() + " to " + target.string() + ": Is a directory");
        CHECK(fs::is_directory(target / "kept"));
        CHECK(names_in(tmp.path()) == std::vector<std::string>{"site"});
    }
}

TEST_CASE("two threads writing one target at once both succeed, and one of them wins whole", "[atomic_file]") {
    test::TempDir tmp;
    fs::path target = tmp.path() / "manifest.json";
    const std::string contents[2] = {std::string(1 << 20, 'a') + "\n", std::string(1 << 19, 'b') + "\n"};
    for (int round = 0; round < 50; ++round) {
        std::atomic<int> ready{0};
        bool ok[2] = {false, false};
        std::string errors[2];
        auto writer = [&](int i) {
            ++ready;
            while (ready.load() < 2) std::this_thread::yield();  // start together
            ok[i] = write_file_atomically(target.string(), contents[i], errors[i]);
        };
        std::thread first(writer, 0), second(writer, 1);
        first.join();
        second.join();
        INFO("round " << round << ": " << errors[0] << errors[1]);
        REQUIRE(ok[0]);
        REQUIRE(ok[1]);
        std::string result = test::read_file(target);
        REQUIRE((result == contents[0] || result == contents[1]));
        REQUIRE(names_in(tmp.path()) == std::vector<std::string>{"manifest.json"});
    }
}
