#!/usr/bin/env bash
# Registry scaling: a registry of N figures (default 10000 and 100000) with one
# page that uses only the first figure, so every other figure is unused and
# makes a warning (CHK001). For each size it prints the wall time and peak RSS
# of `sourced check`, and with --build also of `sourced build --no-card-images`
# (the site written to a scratch directory, then removed). Linear work shows as
# a time ratio near the size ratio. Needs build/sourced and /usr/bin/time.
#   bash bench/registry_scale.sh [--build] [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=0
if [ "${1:-}" = "--build" ]; then build=1; shift; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work="${WORK:-/tmp/sourced-registry-scale}"

# measure <command...>: runs the command, prints "wall rss_mb exit".
measure() {
  local status=0 wall rss
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
  read -r wall rss < <(tail -n 1 "$work/time")
  echo "$wall $((rss / 1024)) $status"
}

if [ $build = 1 ]; then
  echo "| figures | registry MB | check s | check peak RSS MB | build s | build peak RSS MB | site files |"
  echo "|---|---|---|---|---|---|---|"
else
  echo "| figures | registry MB | check s | check peak RSS MB |"
  echo "|---|---|---|---|"
fi
for n in "${sizes[@]}"; do
  dir="$work/$n/content"
  mkdir -p "$dir"
  python3 - "$n" "$dir" <<'PY'
import json, sys
n, d = int(sys.argv[1]), sys.argv[2]
figures = [{"id": f"f{i}", "value": i, "unit": "%", "display": f"{i}%", "claim": f"Claim {i}.",
            "status": "reported", "sources": [{"id": "s", "quote": f"{i}%"}], "as_of": "2025"} for i in range(n)]
json.dump({"sources": [{"id": "s", "type": "report", "title": "S", "URL": "https://example.org/"}],
           "figures": figures}, open(f"{d}/registry.json", "w"), indent=1)
open(f"{d}/index.md", "w").write("---\ntitle: Scale\n---\nSee [](fig:f0).\n")
PY
  mb=$(du -m "$dir/registry.json" | cut -f1)
  read -r cwall crss cstatus < <(measure ./build/sourced check --content "$dir")
  warnings=$(grep -c 'warning\[CHK001\]' "$work/stderr" || true)
  if [ "$cstatus" != 0 ] || [ "$warnings" != $((n - 1)) ]; then
    echo "check of $n figures: exit $cstatus, $warnings CHK001 warnings (expected $((n - 1)))" >&2
    exit 1
  fi
  if [ $build = 1 ]; then
    out="$work/$n/site"
    rm -rf "$out"
    read -r bwall brss bstatus < <(measure ./build/sourced build --no-card-images --content "$dir" --out "$out")
    if [ "$bstatus" != 0 ]; then
      echo "build of $n figures: exit $bstatus" >&2
      tail -3 "$work/stderr" >&2
      exit 1
    fi
    files=$(find "$out" -type f | wc -l)
    rm -rf "$out"
    echo "| $n | $mb | $cwall | $crss | $bwall | $brss | $files |"
  else
    echo "| $n | $mb | $cwall | $crss |"
  fi
done
