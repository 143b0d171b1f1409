#!/usr/bin/env bash
# ctest must run every Catch2 test case, each as one entry: a name that CMake's
# test discovery splits (a ';' in it) becomes two entries that match nothing,
# and Catch2 then reports "No tests ran" and exits 0. Fails when the number of
# ctest entries made from sourced_tests differs from the number of test cases.
# Usage: ctest_count.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: ctest_count.sh BUILD_DIR}
# (Catch2 v2 exits with the number of names it listed, so its status is not checked.)
cases=$({ "$build/sourced_tests" --list-test-names-only || true; } | grep -c .)
entries=$(cd "$build" && ctest -N | grep -E '^ *Test +#' | grep -vc ' architecture\.')
if [ "$cases" -ne "$entries" ]; then
  echo "ctest has $entries entries for $cases Catch2 test cases: a test name CMake splits (';')?" >&2
  exit 1
fi
echo "ctest: $entries entries for $cases Catch2 test cases"
