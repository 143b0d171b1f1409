// jemalloc's settings for the sourced binary (linked only with jemalloc; see
// CMakeLists.txt and docs/performance.md).
//
// Owns `malloc_conf`, which jemalloc reads at start-up. `thp:always` asks the
// kernel for transparent huge pages (madvise) for jemalloc's heap: a build
// touches some 400 MB of fresh memory, and with 4 KB pages that was about
// 120,000 page faults, each an exit to the hypervisor on a virtual machine
// (a tenth of a 10,000-page build's CPU samples); with 2 MB pages, about 6,000.
// MALLOC_CONF in the environment still overrides it.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always";
}
