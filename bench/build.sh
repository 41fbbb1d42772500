#!/usr/bin/env bash
# Build benchmark (PRODUCT.md §11): `piazza build` of a generated N-page tree.
#
#   bash bench/build.sh                 # N=10000 pages, 5 portals, 3 timed runs, Hugo if available
#   N=2000 RUNS=1 HUGO=no bash bench/build.sh
#
# Environment:
#   N        pages to generate (default 10000)
#   PORTALS  portals to spread them over (default 5)
#   RUNS     timed runs of each tool; the median is reported (default 3)
#   HUGO     auto (default: time Hugo if it is installed or installable from apt), yes, no
#   RECORD   1 (default) appends the result to bench/RESULTS.md under "## Build"; 0 does not
#   PIAZZA_BIN a piazza binary to time instead of building the release one (before/after runs)
#   BEFORE   another piazza binary (an older build) timed in the same rounds: each round runs BEFORE,
#            piazza and Hugo in turn on the same tree, so a load that changes meanwhile hits all three
#   SEARCH   auto (default: one more build with Pagefind when .venv/bin/pagefind or pagefind is there), no
#   THEMES   the themes folder to build with (default themes; another engineer's half-done template change in
#            the checkout can be kept out of a before/after run with a copy of the committed ones)
#   SOURCE   content tree to take _shared/ and a portal.yaml from (default content; an older binary may
#            need the content of its own commit: `git archive REV content | tar -x -C DIR`, SOURCE=DIR/content)
#   OUT      the run's folder (default /dev/shm/piazza-bench-build on tmpfs, as the issue's numbers
#            are taken; bench/out when there is no /dev/shm)
#
# Output, in OUT: content/, site/, site-before/, hugo/, time-*.txt. Each tool's line gives the median wall
# time, the median CPU time (user + system: what the program spent, whatever else runs on the machine)
# and the peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
PORTALS=${PORTALS:-5}
RUNS=${RUNS:-3}
HUGO=${HUGO:-auto}
RECORD=${RECORD:-1}
if [[ -z "${OUT:-}" ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]]; then OUT=/dev/shm/piazza-bench-build; else OUT=bench/out; fi
fi
PY=${PYTHON:-python3}
SOURCE=${SOURCE:-content}
THEMES=${THEMES:-themes}
BEFORE=${BEFORE:-}

need_apt() {  # install Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "bench: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}
need_apt time libcmark-gfm-dev libcmark-gfm-extensions-dev

use_hugo=0
case "$HUGO" in
  yes) need_apt hugo; use_hugo=1 ;;
  auto)
    if command -v hugo >/dev/null 2>&1; then
      use_hugo=1
    elif apt-cache policy hugo 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      need_apt hugo && use_hugo=1 || true
    fi ;;
  no) ;;
  *) echo "HUGO must be auto, yes or no" >&2; exit 1 ;;
esac

mkdir -p "$OUT"
gen_args=(--pages "$N" --portals "$PORTALS" --source "$SOURCE" --out "$OUT/content")
((use_hugo)) && gen_args+=(--hugo "$OUT/hugo")
"$PY" bench/gen_tree.py "${gen_args[@]}"

source bench/lib.sh
bench_binary

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s }' "$1"
}
cpu_seconds() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$1"; }
max_rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# time_one NAME RUN OUTDIR -- CMD...: one timed run; appends to the lists of NAME (WALLS, CPUS, RSS).
# WARM=1: the output of a first, untimed build stays in place and the timed runs rebuild over it
# (an editor's repeated builds); otherwise every run starts from an empty output folder.
WARM=0
declare -A WALLS CPUS RSS
time_one() {
  local name=$1 run=$2 outdir=$3; shift 4
  if ((WARM)); then
    ((run == 1)) && { rm -rf "$outdir"; "$@" >/dev/null 2>&1 || true; }
  else
    rm -rf "$outdir"
  fi
  if ! /usr/bin/time -v -o "$OUT/time-$name-$run.txt" "$@" >"$OUT/log-$name-$run.txt" 2>&1; then
    echo "bench: $name run $run failed; last lines of $OUT/log-$name-$run.txt:" >&2
    tail -n 30 "$OUT/log-$name-$run.txt" >&2
    return 1
  fi
  local w c r
  w=$(wall_seconds "$OUT/time-$name-$run.txt"); c=$(cpu_seconds "$OUT/time-$name-$run.txt")
  r=$(max_rss_kb "$OUT/time-$name-$run.txt")
  WALLS[$name]+="$w "; CPUS[$name]+="$c "; ((r > ${RSS[$name]:-0})) && RSS[$name]=$r
  echo "bench: $name run $run: ${w} s wall, ${c} s CPU, peak RSS $((r / 1024)) MiB"
}

# summary NAME OUTDIR: sets T_WALL, T_CPU (medians, s), T_RSS (max KiB), T_PAGES (.html files in OUTDIR).
summary() {
  T_WALL=$(printf '%s\n' ${WALLS[$1]} | median)
  T_CPU=$(printf '%s\n' ${CPUS[$1]} | median)
  T_RSS=${RSS[$1]}
  T_PAGES=$(find "$2" -name '*.html' -type f | wc -l)
}

HUGO_VERSION=""
((use_hugo)) && HUGO_VERSION=$(hugo version 2>/dev/null | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
hugo_ok=$use_hugo
for ((i = 1; i <= RUNS; i++)); do
  [[ -n "$BEFORE" ]] && time_one before "$i" "$OUT/site-before" -- "$BEFORE" build --content "$OUT/content" --themes "$THEMES" --output "$OUT/site-before"
  time_one piazza "$i" "$OUT/site" -- "$BIN" build --content "$OUT/content" --themes "$THEMES" --output "$OUT/site"
  if ((hugo_ok)); then
    time_one hugo "$i" "$OUT/hugo/public" -- hugo --quiet --source "$OUT/hugo" --destination public || hugo_ok=0
  fi
done
summary piazza "$OUT/site"
P_WALL=$T_WALL P_CPU=$T_CPU P_RSS=$T_RSS P_PAGES=$T_PAGES
P_RATE=$(awk -v p="$P_PAGES" -v w="$P_WALL" 'BEGIN {printf "%.0f", (w > 0) ? p / w : 0}')

echo
echo "piazza build: $N generated pages ($PORTALS portals), median of $RUNS runs"
echo "  wall time     ${P_WALL} s"
echo "  CPU time      ${P_CPU} s"
echo "  peak RSS      $((P_RSS / 1024)) MiB"
echo "  pages written ${P_PAGES} (.html files)"
echo "  pages/s       ${P_RATE}"

before_note=""
if [[ -n "$BEFORE" ]]; then
  summary before "$OUT/site-before"
  echo "before ($BEFORE) on the same tree: ${T_WALL} s wall, ${T_CPU} s CPU, peak RSS $((T_RSS / 1024)) MiB"
  before_note="; before ($BEFORE, same rounds): ${T_WALL} s, ${T_CPU} s CPU, $((T_RSS / 1024)) MiB"
fi

hugo_note=""
if ((use_hugo && hugo_ok)); then
  summary hugo "$OUT/hugo/public"
  H_RATE=$(awk -v p="$T_PAGES" -v w="$T_WALL" 'BEGIN {printf "%.0f", (w > 0) ? p / w : 0}')
  ratio=$(awk -v p="$P_WALL" -v h="$T_WALL" -v pr="$P_RSS" -v hr="$T_RSS" \
    'BEGIN {printf "%.2f × its wall time, %.2f × its peak memory", p / h, pr / hr}')
  echo "hugo ${HUGO_VERSION} on the same tree: ${T_WALL} s wall, ${T_CPU} s CPU, peak RSS $((T_RSS / 1024)) MiB, ${T_PAGES} pages, ${H_RATE} pages/s"
  echo "piazza against Hugo: ${ratio}"
  hugo_note="; Hugo ${HUGO_VERSION} same rounds: ${T_WALL} s, ${T_CPU} s CPU, $((T_RSS / 1024)) MiB, ${T_PAGES} pages (${H_RATE}/s); piazza ${ratio}"
elif ((use_hugo)); then
  hugo_note="; Hugo ${HUGO_VERSION} failed on the tree (see $OUT/log-hugo-*.txt)"
fi

# Rebuilds over the previous output, for both tools.
WARM=1
warm_note=""
for ((i = 1; i <= RUNS; i++)); do
  time_one piazza-warm "$i" "$OUT/site" -- "$BIN" build --content "$OUT/content" --themes "$THEMES" --output "$OUT/site" || break
  if ((use_hugo && hugo_ok)); then
    time_one hugo-warm "$i" "$OUT/hugo/public" -- hugo --quiet --source "$OUT/hugo" --destination public || break
  fi
done
if [[ -n "${WALLS[piazza-warm]:-}" ]]; then
  summary piazza-warm "$OUT/site"
  warm_note="; rebuild over the previous output: piazza ${T_WALL} s"
  echo "piazza rebuild over the previous output: ${T_WALL} s"
  if [[ -n "${WALLS[hugo-warm]:-}" ]]; then
    summary hugo-warm "$OUT/hugo/public"
    warm_note="${warm_note}, Hugo ${T_WALL} s"
    echo "hugo rebuild over the previous output: ${T_WALL} s"
  fi
fi

# The search index (issue 16): one more build with Pagefind (.venv/bin/pagefind from `make venv`, or on
# PATH), its time and the size of every portal's pagefind/ folder. The timed runs above index nothing.
search_note=""
PAGEFIND=$(command -v pagefind || true)
[[ -x .venv/bin/pagefind ]] && PAGEFIND=.venv/bin/pagefind
[[ "${SEARCH:-auto}" == no ]] && PAGEFIND=""
WARM=0
if [[ -n "$PAGEFIND" ]] && time_one piazza-search 1 "$OUT/site" -- "$BIN" build --content "$OUT/content" --themes "$THEMES" --output "$OUT/site" --pagefind "$PAGEFIND"; then
  summary piazza-search "$OUT/site"
  index_kb=$(du -sk "$OUT"/site/*/pagefind | awk '{s += $1} END {print s}')
  search_note="; with the Pagefind index: ${T_WALL} s, index $((index_kb / 1024)) MiB in all"
  echo "piazza build with the Pagefind index: ${T_WALL} s, index $((index_kb / 1024)) MiB ($(find "$OUT"/site/*/pagefind -type f | wc -l) files)"
fi

if [[ "$RECORD" == 1 ]]; then
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git status --porcelain -- Sources themes 2>/dev/null | grep -q . && echo "+dirty" || true)
  line="- $(date -u '+%Y-%m-%d %H:%M UTC') · \`N=$N PORTALS=$PORTALS RUNS=$RUNS SOURCE=$SOURCE bash bench/build.sh\` · piazza ${rev}${dirty} (${BUILD}, output on $(df --output=fstype "$OUT" | tail -1)): ${P_PAGES} pages in ${P_WALL} s (median of ${RUNS}), ${P_CPU} s CPU, ${P_RATE} pages/s, peak RSS $((P_RSS / 1024)) MiB${before_note}${hugo_note}${warm_note}${search_note} · machine: nproc $(nproc), ${cpu}, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(swift --version 2>&1 | grep -oE 'Swift version [0-9.]+' | head -1), load avg ${LOAD_BEFORE} before the runs"
  "$PY" - "$line" <<'PY'
import sys
from pathlib import Path
path = Path("bench/RESULTS.md")
line = sys.argv[1]
text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
lines = text.rstrip("\n").split("\n")
try:
    start = next(i for i, l in enumerate(lines) if l.strip() == "## Build")
except StopIteration:
    lines += ["", "## Build", ""]
    start = len(lines) - 2
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
while end > start + 1 and not lines[end - 1].strip():
    end -= 1
lines[end:end] = [line] if lines[end - 1].startswith("- ") else ["", line]
path.write_text("\n".join(lines) + "\n", encoding="utf-8")
PY
  echo "bench: recorded in bench/RESULTS.md"
fi
