#!/usr/bin/env bash
# The include checker fails on what it is meant to catch: a module cycle, a
# stage cycle and an include against the stages' direction, in small fake
# generator/ trees; and passes on a tree without them.
set -euo pipefail
checker="$(dirname "$0")/check_includes.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_tree() {  # make_tree DIR CMAKE_STAGES
  mkdir -p "$1/low" "$1/high"
  printf '%s\n' "$2" >"$1/CMakeLists.txt"
  printf '#pragma once\n' >"$1/low/a.h"
  printf '#include "a.h"\n' >"$1/low/a.cpp"
  printf '#pragma once\n#include "a.h"\n' >"$1/high/b.h"
  printf '#include "b.h"\n' >"$1/high/b.cpp"
}
expect() {  # expect STATUS PATTERN DIR
  set +e; out=$(python3 "$checker" "$3" 2>&1); status=$?; set -e
  if [ "$status" -ne "$1" ] || ! grep -q "$2" <<<"$out"; then
    echo "FAIL: expected exit $1 and '$2' for $3, got $status:"; echo "$out"; exit 1
  fi
  echo "ok: $3: $2"
}
stages='sourced_stage(low)
sourced_stage(high DEPENDS low)'
make_tree "$tmp/good" "$stages"
expect 0 "no cycle" "$tmp/good"

make_tree "$tmp/cycle" "$stages"
printf '#include "a.h"\n#include "c.h"\n' >"$tmp/cycle/high/b.cpp"
printf '#pragma once\n' >"$tmp/cycle/high/c.h"
printf '#include "c.h"\n#include "b.h"\n' >"$tmp/cycle/high/c.cpp"
expect 1 "module include cycle: b -> c -> b" "$tmp/cycle"

make_tree "$tmp/upward" "$stages"
printf '#include "a.h"\n#include "b.h"\n' >"$tmp/upward/low/a.cpp"
expect 1 "low/a.cpp:2: includes b.h from high/, which stage low does not depend on" "$tmp/upward"

make_tree "$tmp/stages" 'sourced_stage(low DEPENDS high)
sourced_stage(high DEPENDS low)'
expect 1 "stage dependency cycle" "$tmp/stages"

make_tree "$tmp/flat" "$stages"
printf '\n' >"$tmp/flat/loose.cpp"
expect 1 "generator/loose.cpp: not in a stage folder" "$tmp/flat"
