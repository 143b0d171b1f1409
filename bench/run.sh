#!/usr/bin/env bash
# The benchmark: sourced against Hugo and the cmark-gfm floor on one generated corpus.
#
#   bash bench/run.sh [SIZE ...]        default sizes: 1000 4000 10000
#
# For each size: one cold sourced build (empty .sourced-cache/images, so every
# card PNG is rendered), then RUNS warm builds (images from the cache), Hugo and
# the cmark-gfm floor, interleaved per size so each row's ratios share the
# machine's load. sourced builds with its defaults (cards and card images).
# Environment: COLD (default 1; 0 skips the cold build and keeps whatever image
# cache the corpus has, for a run whose cold builds were measured separately);
# CARD_IMAGES (default 1; 0 builds with --no-card-images and implies COLD=0);
# RUNS (default 5) full builds per tool and size; EDITS (default 20)
# one-page rebuilds on the largest size; WORK (default /tmp/sourced-bench) for the
# corpora and outputs; SOURCED (default build/sourced, built if missing).
# Installs hugo, cmark-gfm and time from Debian if they are missing. Prints a
# Markdown table; not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 4000 10000)
RUNS=${RUNS:-5}
EDITS=${EDITS:-20}
COLD=${COLD:-1}
CARD_IMAGES=${CARD_IMAGES:-1}
WORK=${WORK:-/tmp/sourced-bench}
SOURCED=${SOURCED:-$ROOT/build/sourced}

missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v cmark-gfm >/dev/null || missing+=(cmark-gfm)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x "$SOURCED" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 --target sourced >/dev/null
fi
mkdir -p "$WORK"

# measure CMD...: runs CMD $RUNS times; prints "median_seconds median_peak_kib median_cpu_seconds"
# (CPU = user + system time: on a shared, loaded machine wall time mostly measures
# the other processes, CPU time much less so)
measure() {
  local log=$WORK/time.log times=() mems=() cpus=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o "$log" "$@" >/dev/null 2>"$WORK/stderr.log" || {
      echo "failed: $*" >&2; cat "$WORK/stderr.log" >&2; return 1; }
    read -r t m u s <"$log"; times+=("$t"); mems+=("$m"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s", a[int((NR+1)/2)]}'; }
  echo "$(median "${times[@]}") $(median "${mems[@]}") $(median "${cpus[@]}")"
}

cores=$(nproc)
rows=()
images=()
loadavg() { cut -d' ' -f1 /proc/loadavg; }
for n in "${SIZES[@]}"; do
  dir=$WORK/n$n
  if [ ! -f "$dir/floor.md" ]; then
    echo "generating $n pages in $dir" >&2
    rm -rf "$dir" && python3 bench/gen_corpus.py "$n" "$dir"
  fi
  mb=$(du -sm "$dir/sourced/content" | cut -f1)
  load_before=$(loadavg)
  build=("$SOURCED" build --strict --content "$dir/sourced/content" --templates "$ROOT/templates"
         --assets "$ROOT/assets" --out "$dir/sourced-site")
  [ "$CARD_IMAGES" = 1 ] || { build+=(--no-card-images); COLD=0; }
  # Cold: sourced as it builds by default (cards and their PNG images) with an
  # empty image cache, so every card PNG is rendered; once, it is the slowest.
  if [ "$COLD" = 1 ]; then
    echo "measuring $n pages: sourced cold (renders every card image)" >&2
    rm -rf "$dir/sourced/.sourced-cache"
    /usr/bin/time -f "%e %M" -o "$WORK/time.log" "${build[@]}" --stats >"$WORK/cold-stats.log" 2>"$WORK/stderr.log" || {
      echo "failed: ${build[*]}" >&2; cat "$WORK/stderr.log" >&2; exit 1; }
    read -r ct cm <"$WORK/time.log"
    images+=("| $n | $(grep -m1 'stage   images' "$WORK/cold-stats.log" | awk '{print $3 " ms"}') | $(grep 'rendered,' "$WORK/cold-stats.log" | sed 's/^stage   images   //') |")
  else
    ct=; cm=  # COLD=0: the image cache is kept as it is; no cold build in this run
  fi
  echo "measuring $n pages ($RUNS runs each): sourced warm, hugo, cmark-gfm" >&2
  read -r st sm sc < <(measure "${build[@]}")
  read -r ht hm hc < <(measure hugo --quiet --source "$dir/hugo" --destination "$dir/hugo-site" --cleanDestinationDir)
  read -r ft fm fc < <(measure cmark-gfm -e footnotes -e table -e strikethrough -e autolink -e tagfilter -e tasklist \
                      "$dir/floor.md")
  load="$load_before–$(loadavg)"
  rows+=("$(awk -v n="$n" -v mb="$mb" -v ct="$ct" -v cm="$cm" -v st="$st" -v sm="$sm" -v sc="$sc" -v ht="$ht" -v hm="$hm" -v hc="$hc" \
              -v ft="$ft" -v fc="$fc" -v load="$load" 'BEGIN {
    cold = ct == "" ? "not in this run" : sprintf("%.2f s, %.0f MiB", ct, cm / 1024)
    printf "| %d (%d MB) | %s | %.2f s (%.2f s CPU) | %.0f | %.0f MiB | %.2f s (%.2f s CPU) | %.0f | %.0f MiB | %.2f s (%.2f s CPU) | **%.2f** (CPU %.2f) | **%.2f** (CPU %.2f) | %.2f | %s |",
      n, mb, cold, st, sc, n / st, sm / 1024, ht, hc, n / ht, hm / 1024, ft, fc, ht / st, hc / sc, st / ft, sc / fc, sm / hm, load }')")
done

# Edits on the largest size: `build --incremental` (its cache in
# <corpus>/sourced/.sourced-cache) after appending a line to one page, and after
# changing one figure's display text in registry.json; median of EDITS each,
# beside a full build of the same state. The files are restored afterwards.
big=${SIZES[-1]}
dir=$WORK/n$big
page=$dir/sourced/content/pages/p00000.md
registry=$dir/sourced/content/registry.json
cp "$page" "$WORK/page.bak"
cp "$registry" "$WORK/registry.bak"
median_of() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { /usr/bin/time -f "%e" -o "$WORK/time.log" "$@" >"$WORK/edit.log" 2>&1 || { cat "$WORK/edit.log" >&2; exit 1; }; cat "$WORK/time.log"; }
echo "measuring $big pages: $EDITS one-page and $EDITS one-figure incremental rebuilds" >&2
timed "${build[@]}" --incremental >/dev/null  # fills the incremental cache
page_times=(); figure_times=()
for i in $(seq "$EDITS"); do
  echo "Edited paragraph number $i." >>"$page"
  page_times+=("$(timed "${build[@]}" --incremental)")
done
page_units=$(grep -o 'rendered [0-9]*, reused [0-9]*' "$WORK/edit.log" | tail -1 || true)
figure=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["figures"][0]["id"])' "$registry")
for i in $(seq "$EDITS"); do
  python3 - "$registry" "$figure" "bench edit $i" <<'PY'
import json, sys
path, figure, marker = sys.argv[1:]
registry = json.load(open(path))
for f in registry["figures"]:
    if f["id"] == figure:
        f["display"] = f["display"].split(" (bench edit")[0] + " (" + marker + ")"
json.dump(registry, open(path, "w"), indent=2, ensure_ascii=False)
PY
  figure_times+=("$(timed "${build[@]}" --incremental)")
done
figure_units=$(grep -o 'rendered [0-9]*, reused [0-9]*' "$WORK/edit.log" | tail -1 || true)
full_after=$(timed "${build[@]}")
cp "$WORK/page.bak" "$page"
cp "$WORK/registry.bak" "$registry"
page_edit=$(median_of "${page_times[@]}")
figure_edit=$(median_of "${figure_times[@]}")

echo
echo "sourced $("$SOURCED" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2), cmark-gfm $(cmark-gfm --version | head -1 | awk '{print $2}');" \
     "$cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); $(date -u +%Y-%m-%d);" \
     "median of $RUNS runs (cold: 1 run), wall time and (CPU = user + sys); card images: $([ "$CARD_IMAGES" = 1 ] && echo yes || echo 'no (--no-card-images)'); peak RSS from /usr/bin/time; load: 1-minute load average before–after the row"
echo
echo "| pages | sourced cold (empty image cache) | sourced warm | pages/s | RSS | Hugo | pages/s | RSS | cmark-gfm floor | hugo / sourced warm | sourced warm / floor | RSS sourced / Hugo | load |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [ ${#images[@]} -gt 0 ]; then
  echo
  echo "| pages | card images, cold build (summed over threads) | |"
  echo "|---|---|---|"
  printf '%s\n' "${images[@]}"
fi
echo
echo "| $big pages, after an edit | sourced build --incremental (median of $EDITS) | what it re-rendered (last edit) | full sourced build of the edited site |"
echo "|---|---|---|---|"
echo "| one page | $page_edit s | ${page_units:-see --stats} | $full_after s |"
echo "| one figure | $figure_edit s | ${figure_units:-see --stats} | $full_after s |"
