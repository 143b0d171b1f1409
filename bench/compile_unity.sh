#!/usr/bin/env bash
# Compile time of the stage libraries with and without the unity build
# (SOURCED_UNITY, CMakeLists.txt): the `sourced` target built from scratch
# RUNS times each way, the two ways interleaved (on, off, on, off, ...) so they
# share the machine's load, without ccache. Prints each run's CPU time
# (user + sys of the whole build) and wall time, the medians with their
# spread (min-max), and the ratio off / on. Not part of the test suite.
#   RUNS=3 JOBS=2 bash bench/compile_unity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
jobs="${JOBS:-$(nproc)}"
work="${WORK:-/tmp/sourced-bench-unity}"
command -v /usr/bin/time >/dev/null || bash .ci/install-deps time
rm -rf "$work" && mkdir -p "$work"
for unity in ON OFF; do
  cmake -S . -B "$work/$unity" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSOURCED_UNITY=$unity \
    -DCMAKE_CXX_COMPILER_LAUNCHER= >/dev/null
done
echo "run unity cpu_s wall_s load1"
for run in $(seq "$runs"); do
  for unity in ON OFF; do
    cmake --build "$work/$unity" --target clean >/dev/null
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%U %S %e" -o "$work/time" cmake --build "$work/$unity" -j"$jobs" --target sourced >/dev/null
    read -r user sys wall <"$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    echo "$run $unity $cpu $wall $load" | tee -a "$work/results"
  done
done
awk '
  { cpu[$2] = cpu[$2] " " $3; wall[$2] = wall[$2] " " $4 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo = a[1]; hi = a[n]
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "| unity | CPU s median (min-max) | wall s median (min-max) |\n|---|---|---|\n"
    for (u in cpu) {
      c = median(cpu[u]); clo = lo; chi = hi
      w = median(wall[u]); printf "| %s | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) |\n", u, c, clo, chi, w, lo, hi
      mc[u] = c; mw[u] = w
    }
    printf "ratio off/on: CPU %.2f, wall %.2f\n", mc["OFF"] / mc["ON"], mw["OFF"] / mw["ON"]
  }' "$work/results"
echo "cores: $(nproc), $(date -u +%Y-%m-%d)"
