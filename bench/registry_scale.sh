#!/usr/bin/env bash
# Registry scaling: `sourced check` on a registry of N figures (default 10000
# and 100000) with one page, wall time and peak RSS for each. Linear loading
# shows as a time ratio near the size ratio. Needs build/sourced and /usr/bin/time.
#   bash bench/registry_scale.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work="${WORK:-/tmp/sourced-registry-scale}"
echo "| figures | registry MB | wall s | peak RSS MB |"
echo "|---|---|---|---|"
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
  /usr/bin/time -f "%e %M" -o "$work/time" ./build/sourced check --content "$dir" >/dev/null 2>&1 || true
  read -r wall rss <"$work/time"
  mb=$(du -m "$dir/registry.json" | cut -f1)
  echo "| $n | $mb | $wall | $((rss / 1024)) |"
done
