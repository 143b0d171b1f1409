#!/usr/bin/env bash
# Edit-to-served latency of `sourced serve`, beside a full build's time.
#
#   bash bench/serve_latency.sh            shipped content/ and a 10,000-page corpus
#   SIZES="1000" bash bench/serve_latency.sh
#
# For each site (a copy of content/, then each generated corpus of SIZES pages,
# from bench/gen_corpus.py): the median of RUNS full builds (`sourced build
# --no-card-images`), then `sourced serve --no-card-images --port 0` on a copy
# and EDITS edits of each kind: append a line to one page, change one figure's
# display text in registry.json (RUNS=0: the full build's time is serve's
# first build, in memory). An edit's latency runs from the file's rename
# into place to the first HTTP answer (curl, polled every 10 ms) that shows
# the edit: it includes inotify, the 30 ms debounce, the rebuild and
# serving. The rebuild times as serve logs them (its fast paths for page and
# registry edits, page_edit.h and registry_edit.h) are columns of their own. Prints a Markdown table of medians. Environment: RUNS
# (default 3), EDITS (default 15), WORK (default /tmp/sourced-serve-bench),
# SOURCED (default build/sourced). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
EDITS=${EDITS:-15}
WORK=${WORK:-/tmp/sourced-serve-bench}
SOURCED=${SOURCED:-$ROOT/build/sourced}
read -r -a SIZES <<<"${SIZES-10000}"
command -v curl >/dev/null || { echo "serve_latency.sh needs curl" >&2; exit 1; }
[ -x "$SOURCED" ] || { echo "build $SOURCED first" >&2; exit 1; }
mkdir -p "$WORK"
now_ms() { date +%s%3N; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
SERVER=
stop_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; SERVER=; }
trap stop_server EXIT

# wait_for URL TEXT: polls until the answer contains TEXT (gives up after 300 s)
wait_for() {
  local deadline=$(( $(now_ms) + 300000 ))
  until curl -s "$1" | grep -qF -- "$2"; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "timed out waiting for '$2' at $1" >&2; return 1; }
    sleep 0.01
  done
}

# measure NAME CONTENT PAGE FIGURE: prints one table row
measure() {
  local name=$1 src=$2 page=$3 figure=$4 dir=$WORK/run times=() ms
  rm -rf "$dir" && mkdir -p "$dir" && cp -r "$src" "$dir/content"
  local common=(--content "$dir/content" --templates "$ROOT/templates" --assets "$ROOT/assets" --no-card-images)
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(now_ms)
    "$SOURCED" build "${common[@]}" --out "$dir/site" >/dev/null 2>"$dir/build.log" || { cat "$dir/build.log" >&2; return 1; }
    times+=($(( $(now_ms) - t0 )))
  done
  local full=""; [ "$RUNS" -eq 0 ] || full=$(printf '%s\n' "${times[@]}" | median)

  "$SOURCED" serve "${common[@]}" --port 0 >"$dir/serve.log" 2>"$dir/serve.err" &
  SERVER=$!
  until grep -q '^serving ' "$dir/serve.log"; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$dir/serve.err" >&2; return 1; }
    sleep 0.1
  done
  local url; url=$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$dir/serve.log")
  # RUNS=0: the full build is serve's first build (in memory, nothing written)
  [ -n "$full" ] || full=$(sed -n 's/^built .* in \([0-9]*\) ms.*/\1/p' "$dir/serve.log")
  local slug; slug=$(basename "$page" .md)
  local page_times=() figure_times=()
  for i in $(seq "$EDITS"); do
    local marker="serve-bench-page-edit-$i"
    cp "$dir/content/$page" "$dir/edit.tmp" && printf '\n%s\n' "$marker" >>"$dir/edit.tmp"
    local t0; t0=$(now_ms); mv "$dir/edit.tmp" "$dir/content/$page"
    wait_for "$url$slug.html" "$marker"
    page_times+=($(( $(now_ms) - t0 )))
  done
  for i in $(seq "$EDITS"); do
    local marker="serve-bench-figure-edit-$i"
    python3 - "$dir/content/registry.json" "$figure" "$marker" "$dir/edit.tmp" <<'PY'
import json, sys
path, figure, marker, out = sys.argv[1:]
registry = json.load(open(path))
for f in registry["figures"]:
    if f["id"] == figure:
        f["display"] = f["display"].split(" serve-bench")[0] + " " + marker
json.dump(registry, open(out, "w"), indent=2, ensure_ascii=False)
PY
    local t0; t0=$(now_ms); mv "$dir/edit.tmp" "$dir/content/registry.json"
    wait_for "${url}cards/$figure.html" "$marker"
    figure_times+=($(( $(now_ms) - t0 )))
  done
  # serve's own time for each page edit's rebuild (fast path: "rebuilt 1 edited page in N ms")
  local page_rebuild; page_rebuild=$(sed -n 's/^rebuilt [0-9]* pages* after a page edit in \([0-9]*\) ms.*/\1/p' "$dir/serve.log" | median)
  local fast; fast=$(grep -c '^rebuilt [0-9]* pages* after a page edit' "$dir/serve.log" || true)
  local figure_rebuild; figure_rebuild=$(sed -n 's/^rebuilt [0-9]* pages* after a registry edit in \([0-9]*\) ms.*/\1/p' "$dir/serve.log" | median)
  local figure_fast; figure_fast=$(grep -c '^rebuilt [0-9]* pages* after a registry edit' "$dir/serve.log" || true)
  local rebuilt; rebuilt=$(grep '^rebuilt' "$dir/serve.log" | tail -1)
  stop_server
  printf '| %s | %s ms | %s ms (%s of %s on the fast path) | %s ms | %s ms (%s of %s on the fast path) | %s ms | %s |\n' \
    "$name" "$full" "${page_rebuild:-none}" "$fast" "$EDITS" "$(printf '%s\n' "${page_times[@]}" | median)" \
    "${figure_rebuild:-none}" "$figure_fast" "$EDITS" "$(printf '%s\n' "${figure_times[@]}" | median)" "${rebuilt#rebuilt }"
}

rows=()
first_figure() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["figures"][0]["id"])' "$1"; }
rows+=("$(measure "shipped content/" "$ROOT/content" pages/pricing.md "$(first_figure "$ROOT/content/registry.json")")")
for n in "${SIZES[@]}"; do
  corpus=$WORK/n$n/sourced/content
  if [ ! -f "$WORK/n$n/quotes-fixed" ]; then
    echo "generating $n pages" >&2
    python3 bench/gen_corpus.py "$n" "$WORK/n$n" >/dev/null
    # The corpus predates two checks: a quote states its figure's number
    # (SRC004), a verified figure rests on a primary source with a URL (SRC005).
    # Adapt it so the site builds.
    python3 - "$corpus/registry.json" <<'PY'
import json, sys
registry = json.load(open(sys.argv[1]))
primary = next(s["id"] for s in registry["sources"] if s["custom"]["kind"] == "primary" and s.get("URL"))
for f in registry["figures"]:
    for ev in f["sources"]:
        ev["quote"] = ev["quote"].rstrip(".?") + ", %g." % f["value"]
        if f["status"] == "verified":
            ev["id"] = primary
json.dump(registry, open(sys.argv[1], "w"), indent=2)
PY
    touch "$WORK/n$n/quotes-fixed"
  fi
  rows+=("$(measure "generated, $n pages" "$corpus" "pages/p$(printf '%05d' $((n / 2))).md" "$(first_figure "$corpus/registry.json")")")
done

echo "sourced $("$SOURCED" --version | awk '{print $2}'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo "full build: median of $RUNS (0: serve's first build); edits: median of $EDITS each, from the save to the first answer showing it"
echo
echo "| site | full build | page edit: rebuild (serve's log) | page edit -> served | figure edit: rebuild (serve's log) | figure edit -> served | last rebuild (serve's own log) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
