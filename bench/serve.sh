#!/usr/bin/env bash
# Live-preview benchmark (PRODUCT.md §11, issue 17): in `piazza serve` on a generated N-page tree, the
# time from saving a one-page edit to the preview serving the changed page; p50 and max over EDITS edits.
#
#   bash bench/serve.sh                       # N=10000 pages, 5 portals, 20 edits
#   N=500 EDITS=5 RECORD=0 bash bench/serve.sh
#
# Environment:
#   N          pages to generate (default 10000)
#   PORTALS    portals to spread them over (default 5)
#   EDITS      edits timed (default 20)
#   PORT       the preview's port (default 18080; the intake gets PORT+1)
#   PIAZZA_BIN a piazza binary to use instead of building the release one
#   RECORD     1 (default) appends the result to bench/RESULTS.md under "## Serve"; 0 does not
#   PAGEFIND   1 keeps .venv/bin (make venv's pagefind) on PATH, as make serve has it; 0 (default) takes it off
#   NOTE       text added to the recorded entry (e.g. the number of a before binary measured in the same run)
#   SOURCE     content tree to take _shared/ and a portal.yaml from (default content; an older binary may
#              need the content of its own commit: `git archive <rev> content | tar -x -C DIR`)
#
# Each edit appends a new marker paragraph to one plain page of the first portal; the clock runs from
# the write to the first answer of the page's URL that holds the marker (HTTP keep-alive, polled every
# millisecond). By default Pagefind is left off PATH; with PAGEFIND=1 the first build indexes every
# portal and each rebuild is followed by Pagefind in the background (the edit is timed to the changed
# page, which is served before the index catches up).
#
# Output: bench/out/serve/ (git-ignored): content/, .piazza/site.preview/ (the preview's build), serve.log.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
PORTALS=${PORTALS:-5}
EDITS=${EDITS:-20}
PORT=${PORT:-18080}
RECORD=${RECORD:-1}
PAGEFIND=${PAGEFIND:-0}
NOTE=${NOTE:-}
SOURCE=${SOURCE:-content}
OUT=bench/out/serve
PY=${PYTHON:-python3}
source bench/lib.sh

rm -rf "$OUT" bench/out/.piazza/serve
mkdir -p "$OUT"
"$PY" bench/gen_tree.py --pages "$N" --portals "$PORTALS" --source "$SOURCE" --out "$OUT/content"

bench_binary

# make venv puts pagefind in .venv/bin.
if [[ "$PAGEFIND" == 1 ]]; then
  PATH="$PWD/.venv/bin:$PATH"
else
  PATH=$(tr ':' '\n' <<<"$PATH" | grep -v '\.venv/bin' | paste -sd: -)
fi
"$BIN" serve --content "$OUT/content" --themes themes --output "$OUT/site" \
  --port "$PORT" --intake-port $((PORT + 1)) >"$OUT/serve.log" 2>&1 &
SERVE=$!
trap 'kill "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q '^serving ' "$OUT/serve.log" && break
  kill -0 "$SERVE" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
  sleep 0.5
done
grep -q '^serving ' "$OUT/serve.log" || { echo "bench: piazza serve did not start" >&2; exit 1; }

# Without pipefail here: head stops reading two thousand names early, and ls or grep then dies of SIGPIPE.
PORTAL=$(set +o pipefail; ls "$OUT/content" | grep -v '^_shared$' | head -1)
PAGE=$(set +o pipefail; ls "$OUT/content/$PORTAL/guide" | grep -v '^_index' | head -1)
RESULT=$("$PY" - "$OUT/content/$PORTAL/guide/$PAGE" "$PORT" "/$PORTAL/guide/${PAGE%.md}/" "$EDITS" <<'EOF'
import http.client, statistics, sys, time
source, port, path, edits = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
def body():
    connection.request("GET", path)
    return connection.getresponse().read().decode()
assert "</html>" in body(), f"{path} is not served"
times = []
for edit in range(edits):
    marker = f"marcatore{edit}x{time.time_ns()}"
    with open(source, "a", encoding="utf-8") as file:
        file.write(f"\n{marker}\n")
    start = time.perf_counter()
    while marker not in body():
        if time.perf_counter() - start > 60:
            sys.exit(f"edit {edit}: not served after 60 s")
        time.sleep(0.001)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.5)  # past the watcher's settling of a burst, so each edit is its own rebuild
times.sort()
print(f"{statistics.median(times):.0f} {times[-1]:.0f} {' '.join(f'{t:.0f}' for t in times)}")
EOF
)
read -r P50 MAX ALL <<<"$RESULT"
SEARCH=$([[ "$PAGEFIND" == 1 ]] && echo "with Pagefind" || echo "without Pagefind")
echo "serve: one-page edit served changed after p50 ${P50} ms, max ${MAX} ms over $EDITS edits ($N pages, $PORTALS portals, $SEARCH)"
echo "serve: each edit (ms): $ALL"
grep -E '^(rebuilt|search index) ' "$OUT/serve.log" | tail -3 | sed 's/^/serve: /'

if [[ "$RECORD" == 1 ]]; then
  bench_record "## Serve" 'One entry per run of `bench/serve.sh`: `piazza serve` (incremental rebuilds) on a generated tree, the time from writing a one-page edit to the preview serving the changed page, over a number of edits; goal under 100 ms (issue 17).' \
    "$(date -u +%Y-%m-%d), $BUILD, N=$N pages over $PORTALS portals, $EDITS edits, $SEARCH: p50 **${P50} ms**, max **${MAX} ms** (each: $ALL)${NOTE:+; $NOTE}; $(bench_machine)"
fi
