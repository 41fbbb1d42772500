#!/usr/bin/env bash
# Intake benchmark (PRODUCT.md §11): durable form submissions per second and latency, side by
# side with the baseline users would otherwise deploy (Flask + gunicorn + SQLite, synchronous=FULL).
#
#   bash bench/intake.sh                          # 1, 16, 64, 256 connections, 3 rounds of 5 s each
#   CONNECTIONS="16 64" DURATION=10s ROUNDS=5 bash bench/intake.sh
#
# Starts the release daemon on a copy of the demo content (tutor enrolment form, window widened
# so the bench does not depend on today's date), measures the data disk's fsync rate, drives
# POST /forms/vigonza/iscrizione-resta-al-passo with wrk (bench/intake.lua: 16 fields, about
# 1 KB, a fresh one-time key per request), and checks that every 303 receipt has its row: rows
# added = 303s received, plus at most one request per connection still in flight when wrk stopped
# (committed, but wrk no longer reads the answer).
#
# In the same run, at each connection count right after piazza, it drives the baseline
# (../shared/baselines/flask_intake.py under gunicorn with 4 sync workers, in the bench's own
# venv bench/out/venv) with a body of the same size and field count on POST /f/<form>, counts its
# rows the same way, and prints the ratio of durable submissions per second, piazza / baseline.
#
# Environment:
#   CONNECTIONS  connection counts (default "1 16 64 256")
#   DURATION     wrk duration per run (default 5s)
#   ROUNDS       runs per connection count, piazza and baseline alternating (default 3); the table
#                gives medians, the ratio its median and range over the rounds
#   PORT         daemon port (default 18081)
#   SLOW_FSYNC_MS  emulate a slow disk: every fsync of the probe and the daemon sleeps this long
#                first (LD_PRELOAD of bench/slow_fsync.c; default 0, the real disk)
#   RECORD       1 (default) appends the result to bench/RESULTS.md under "## Intake"; 0 does not
#   PIAZZA_BIN   a piazza binary to measure instead of building the release one (before/after runs)
#   BASELINE     the Flask baseline (default ../shared/baselines/flask_intake.py); "none" skips it
#   BASELINE_PORT  its port (default 18000)
#   FLOOR        bare, group or each: measure the floor of the stack instead of piazza, bench/floor (Hummingbird 2
#                and GRDB 7 with none of piazza's work: the same route reads the body and answers 303; group also
#                inserts it into one table, WAL + synchronous=FULL, concurrent posts sharing a transaction; each,
#                one transaction per post), built release first; bare has no rows to count
#   FLOOR_SCRATCH  its build folder (default bench/out/floor-build)
#
# Output: bench/out/intake/ (git-ignored): content/, data/, piazza.yaml, daemon.log, wrk-*.txt,
# baseline/ (its database, gunicorn.log, wrk-*.txt); bench/out/venv/ (flask, gunicorn).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

CONNECTIONS=${CONNECTIONS:-"1 16 64 256"}
DURATION=${DURATION:-5s}
PORT=${PORT:-18081}
RECORD=${RECORD:-1}
SLOW_FSYNC_MS=${SLOW_FSYNC_MS:-0}
BASELINE=${BASELINE:-../shared/baselines/flask_intake.py}
BASELINE_PORT=${BASELINE_PORT:-18000}
ROUNDS=${ROUNDS:-3}
VENV=bench/out/venv
OUT=bench/out/intake
FORM=iscrizione-resta-al-passo
URL="http://127.0.0.1:$PORT/forms/vigonza/$FORM"

bench_require wrk wrk
bench_require sqlite3 sqlite3
if [ "$BASELINE" != none ]; then
  [ -f "$BASELINE" ] || { echo "bench: no baseline at $BASELINE (set BASELINE=path, or BASELINE=none)"; exit 1; }
  # Bench-only tools live in their own venv, not in the test venv (.venv).
  if [ ! -f "$VENV/.stamp" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q flask gunicorn
    touch "$VENV/.stamp"
  fi
fi

FLOOR=${FLOOR:-}
if [ -n "$FLOOR" ]; then
  FLOOR_SCRATCH=${FLOOR_SCRATCH:-bench/out/floor-build}
  swift build -c release --package-path bench/floor --scratch-path "$FLOOR_SCRATCH"
  BIN="$FLOOR_SCRATCH/release/floor"
  BUILD="bench/floor $FLOOR"
else
  bench_binary
fi
bench_workdir "limits: { body_bytes: 1048576, file_bytes: 524288, per_ip_per_minute: 1000000 }"
sed -i -e 's/^opens: .*/opens: 2020-01-01 00:00/' -e 's/^closes: .*/closes: 2099-12-31 23:59/' \
  "$OUT/content/_shared/forms/$FORM.yaml"

PRELOAD=""
if [ "$SLOW_FSYNC_MS" != 0 ]; then
  gcc -shared -fPIC -O2 -o "$OUT/slow_fsync.so" bench/slow_fsync.c -ldl
  PRELOAD="$PWD/$OUT/slow_fsync.so"
  export SLOW_FSYNC_MS
fi

# fsync rate of the disk holding the data folder: 4 KiB write + fsync, for 2 seconds.
FSYNC=$(LD_PRELOAD="$PRELOAD" python3 - "$OUT/data/fsync-probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
count, start = 0, time.monotonic()
while time.monotonic() - start < 2:
    os.pwrite(fd, b"x" * 4096, 0)
    os.fsync(fd)
    count += 1
print(int(count / (time.monotonic() - start)))
os.close(fd)
os.unlink(sys.argv[1])
PY
)
echo "data disk: $FSYNC fsync/s"

DB="$OUT/data/vigonza/piazza.sqlite"
rows() { sqlite3 "$DB" "SELECT count(*) FROM applications"; }
if [ -n "$FLOOR" ]; then
  DB="$OUT/data/floor.sqlite"
  rows() { if [ "$FLOOR" = bare ]; then echo none; else sqlite3 "$DB" "SELECT count(*) FROM submissions"; fi; }
  LD_PRELOAD="$PRELOAD" "$BIN" "$PORT" "$FLOOR" "$DB" > "$OUT/daemon.log" 2>&1 &
  DAEMON=$!
  trap 'kill $DAEMON 2>/dev/null || true' EXIT
  await_health "$PORT" floor "$OUT/daemon.log"
else
  start_daemon
fi

BASELINE_DB="$PWD/$OUT/baseline/flask.db"
GUNICORN=""
if [ "$BASELINE" != none ]; then
  mkdir -p "$OUT/baseline"
  # As its docstring says: 4 workers (gunicorn's default sync worker). wrk's connections beyond
  # the 4 being served wait in the listen queue, as they would in production.
  DB_PATH="$BASELINE_DB" STATIC_DIR="$PWD/$OUT/baseline/static" LD_PRELOAD="$PRELOAD" \
    "$VENV/bin/gunicorn" -w 4 -b "127.0.0.1:$BASELINE_PORT" --chdir "$(dirname "$BASELINE")" \
    "$(basename "$BASELINE" .py):app" > "$OUT/baseline/gunicorn.log" 2>&1 &
  GUNICORN=$!
  trap 'kill $DAEMON $GUNICORN 2>/dev/null || true' EXIT
  await_health "$BASELINE_PORT" baseline "$OUT/baseline/gunicorn.log"
fi

baseline_rows() { sqlite3 "$BASELINE_DB" "SELECT count(*) FROM submissions"; }
metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v name="$1" '$1 ~ "^"name"\\{portal=\"vigonza\"\\}" { print $2 }'; }

# CPU time (user + system, ms) used so far by the processes whose ids are given.
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ms() { for pid in "$@"; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | awk -v t="$TICK_MS" '{ s += $1 } END { print s * t }'; }

# drive NAME URL CONNECTIONS ROWS-FUNCTION PIDS [baseline]: one wrk run (one-time keys unique to the
# connection count and $round, so no post repeats an earlier one); sets rps, p50ms, p99ms, s303,
# added, inflight, other, sock, dur (µs), cpu (ms of CPU the server's processes PIDS used per 303,
# so a measure of cost that other load on the machine disturbs less than req/s), and ALL_MATCH=no
# when the rows added do not match the 303s.
drive() {
  local name=$1 url=$2 c=$3 count=$4 pids=$5 target=${6:-}
  local threads=$(( c < 2 ? 1 : 2 )) before after line p50 p99 cpu_before
  before=$($count)
  cpu_before=$(cpu_ms $pids)
  wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 10s --latency -s bench/intake.lua "$url" -- "r$round-c$c" $target \
    > "$OUT/$name-$c.txt"
  cpu=$(( $(cpu_ms $pids) - cpu_before ))
  after=$($count)
  line=$(grep '^RESULT' "$OUT/$name-$c.txt")
  val() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<" $line"; }
  s303=$(val s303); other=$(val other); dur=$(val duration_us); p50=$(val p50_us); p99=$(val p99_us); sock=$(val socket_errors)
  if [ "$before" = none ]; then
    added=0 inflight=0
  else
    added=$((after - before))
    inflight=$((added - s303))
    { [ "$inflight" -ge 0 ] && [ "$inflight" -le "$c" ]; } || ALL_MATCH=no
  fi
  rps=$(awk -v n="$s303" -v d="$dur" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
  p50ms=$(awk -v v="$p50" 'BEGIN { printf "%.1f", v / 1000 }')
  p99ms=$(awk -v v="$p99" 'BEGIN { printf "%.1f", v / 1000 }')
  cpu=$(awk -v c="$cpu" -v n="$s303" 'BEGIN { printf "%.2f", n ? c / n : 0 }')
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
range() { tr ' ' '\n' | grep . | sort -g | sed -n '1p;$p' | paste -sd'-' | sed 's/-/–/'; }

TABLE="| connections | req/s (303) | p50 ms | p99 ms | CPU ms/303 | 303s | rows added | in flight at stop | other answers | socket errors | writes/commit | commits/s | baseline req/s | baseline p50 ms | baseline p99 ms | baseline CPU ms/303 | baseline 303s | baseline rows added | baseline other | ratio (rounds) | CPU ratio |"$'\n'
TABLE+="|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"$'\n'
ALL_MATCH=yes
for c in $CONNECTIONS; do
  # Rounds alternate piazza and the baseline, so that a burst of load from elsewhere on the machine
  # hits both; the table gives medians over the rounds (counts summed) and the range of the ratios.
  P_RPS=""; P_P50=""; P_P99=""; P_CPU=""; B_RPS=""; B_P50=""; B_P99=""; B_CPU=""; RATIOS=""
  p_s303=0; p_added=0; p_inflight=0; p_other=0; p_sock=0; b_s303=0; b_added=0; b_other=0; commits=0; writes=0; p_dur=0
  for round in $(seq "$ROUNDS"); do
    commits_before=$(metric piazza_db_commits_total); writes_before=$(metric piazza_db_writes_total)
    drive wrk-r$round "$URL" "$c" rows "$DAEMON"
    commits_after=$(metric piazza_db_commits_total); writes_after=$(metric piazza_db_writes_total)
    commits=$((commits + commits_after - commits_before)); writes=$((writes + writes_after - writes_before))
    echo "connections=$c round $round: $rps req/s, p50 $p50ms ms, p99 $p99ms ms, 303s $s303, rows added $added (in flight at stop $inflight), other $other, socket errors $sock, CPU $cpu ms per 303"
    P_RPS+=" $rps"; P_P50+=" $p50ms"; P_P99+=" $p99ms"; P_CPU+=" $cpu"; piazza_rps=$rps; p_dur=$((p_dur + dur))
    p_s303=$((p_s303 + s303)); p_added=$((p_added + added)); p_inflight=$((p_inflight + inflight))
    p_other=$((p_other + other)); p_sock=$((p_sock + sock))
    if [ "$BASELINE" != none ]; then
      drive baseline/wrk-r$round "http://127.0.0.1:$BASELINE_PORT/f/$FORM" "$c" baseline_rows \
        "$GUNICORN $(pgrep -P "$GUNICORN" | tr '\n' ' ')" baseline
      ratio=$(awk -v a="$piazza_rps" -v b="$rps" 'BEGIN { printf "%.1f", b ? a / b : 0 }')
      echo "connections=$c round $round baseline: $rps req/s, p50 $p50ms ms, p99 $p99ms ms, 303s $s303, rows added $added (in flight at stop $inflight), other $other, socket errors $sock, CPU $cpu ms per 303; piazza/baseline $ratio×"
      B_RPS+=" $rps"; B_P50+=" $p50ms"; B_P99+=" $p99ms"; B_CPU+=" $cpu"; RATIOS+=" $ratio"
      b_s303=$((b_s303 + s303)); b_added=$((b_added + added)); b_other=$((b_other + other + sock))
    fi
  done
  batch=$(awk -v w="$writes" -v c="$commits" 'BEGIN { printf "%.1f", c ? w / c : 0 }')
  cps=$(awk -v c="$commits" -v d="$p_dur" 'BEGIN { printf "%.0f", c / (d / 1e6) }')
  row="| $c | $(median <<<"$P_RPS") | $(median <<<"$P_P50") | $(median <<<"$P_P99") | $(median <<<"$P_CPU") | $p_s303 | $p_added | $p_inflight | $p_other | $p_sock | $batch | $cps"
  if [ "$BASELINE" != none ]; then
    cpu_ratio=$(awk -v p="$(median <<<"$P_CPU")" -v b="$(median <<<"$B_CPU")" 'BEGIN { printf "%.1f", p ? b / p : 0 }')
    summary="median ratio $(median <<<"$RATIOS")× (rounds $(range <<<"$RATIOS")×); CPU per 303: piazza $(median <<<"$P_CPU") ms, baseline $(median <<<"$B_CPU") ms ($cpu_ratio×)"
    echo "connections=$c: piazza $(median <<<"$P_RPS") req/s p99 $(median <<<"$P_P99") ms; baseline $(median <<<"$B_RPS") req/s p99 $(median <<<"$B_P99") ms; $summary"
    row+=" | $(median <<<"$B_RPS") | $(median <<<"$B_P50") | $(median <<<"$B_P99") | $(median <<<"$B_CPU") | $b_s303 | $b_added | $b_other | $(median <<<"$RATIOS")× ($(range <<<"$RATIOS")) | $cpu_ratio× |"
  else
    row+=" | | | | | | | | | |"
  fi
  TABLE+="$row"$'\n'
done

stop_daemon
[ -z "$GUNICORN" ] || { kill -TERM $GUNICORN; wait $GUNICORN || true; }
trap - EXIT
INTEGRITY=$([ "$FLOOR" = bare ] && echo "no database" || sqlite3 "$DB" "PRAGMA integrity_check")
echo "every 303 has its row (rows - 303s within the connections in flight) in every run, piazza and baseline: $ALL_MATCH; integrity_check: $INTEGRITY"

if [ "$RECORD" = 1 ]; then
  SUMMARY="- $(date -u '+%Y-%m-%d %H:%M UTC') · \`${FLOOR:+FLOOR=$FLOOR }CONNECTIONS=\"$CONNECTIONS\" DURATION=$DURATION ROUNDS=$ROUNDS SLOW_FSYNC_MS=$SLOW_FSYNC_MS bash bench/intake.sh\` · piazza $(git rev-parse --short HEAD) ($BUILD) · data disk $FSYNC fsync/s · baseline $BASELINE (gunicorn -w 4) · every 303 has its row: $ALL_MATCH · integrity_check: $INTEGRITY · machine: $(bench_machine)"
  bench_record "## Intake" 'One entry per run of `bench/intake.sh`: release daemon, wrk POSTs of the tutor enrolment form with a fresh one-time key each, durable (WAL, synchronous=FULL, group commit) before every 303. "data disk" is 4 KiB write + fsync per second on the data folder; commits/s is the fsyncs the daemon needed: when it is below req/s, group commit is sharing one fsync among several receipts. SLOW_FSYNC_MS=N makes every fsync sleep N ms (LD_PRELOAD shim) to emulate a slow disk. The baseline columns are the Flask + gunicorn + SQLite intake of ../shared/baselines, driven right after piazza at the same connection count with a body of the same size and field count; ratio is piazza'"'"'s req/s over the baseline'"'"'s (median and range over the rounds). CPU ms/303 is the CPU time (user + system) the server'"'"'s processes used per durable submission, which other load on the shared machine disturbs less than req/s; CPU ratio is the baseline'"'"'s over piazza'"'"'s.' "$SUMMARY"$'\n\n'"$TABLE"
fi
[ "$ALL_MATCH" = yes ] && { [ "$INTEGRITY" = ok ] || [ "$FLOOR" = bare ]; }
